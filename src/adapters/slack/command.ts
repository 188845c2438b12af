import { stripChatSyntax } from '../../core/query/question.ts';

/** Who sees a slash-command answer: the channel, or only the asker. */
export type Visibility = 'public' | 'private';

export type BriefCommand =
  | { kind: 'help' }
  | { kind: 'ask'; question: string; visibility: Visibility; explicit: boolean }
  | { kind: 'config'; args: string[] };

const PRIVATE_FLAGS = new Set(['-p', '--private', '--me']);
const PUBLIC_FLAGS = new Set(['-c', '--public', '--channel']);
const HELP_WORDS = new Set(['help', '-h', '--help', '?']);

/** Reads the text after `/brief`: leading flags choose visibility; `help`, `-h` or nothing asks for help. */
export function parseBriefCommand(text: string, defaultVisibility: Visibility): BriefCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0]?.toLowerCase() === 'config') return { kind: 'config', args: words.slice(1).map((w) => w.toLowerCase()) };
  let visibility = defaultVisibility;
  let explicit = false;
  while (words.length && (PRIVATE_FLAGS.has(words[0]!.toLowerCase()) || PUBLIC_FLAGS.has(words[0]!.toLowerCase()))) {
    visibility = PRIVATE_FLAGS.has(words.shift()!.toLowerCase()) ? 'private' : 'public';
    explicit = true;
  }
  const question = words.join(' ');
  if (!stripChatSyntax(question).trim() || (words.length === 1 && HELP_WORDS.has(words[0]!.toLowerCase()))) return { kind: 'help' };
  return { kind: 'ask', question, visibility, explicit };
}

/** True when a mention or direct message holds no question once mentions are removed, or just says "help". */
export function isHelpRequest(text: string): boolean {
  const rest = stripChatSyntax(text).trim();
  return !rest || HELP_WORDS.has(rest.toLowerCase());
}
