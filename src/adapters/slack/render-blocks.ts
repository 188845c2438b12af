import { formatDate } from '../../core/annotate/dates.ts';
import { LIMITS, mrkdwn, type ActionsBlock, type Block, type ContextBlock, type SectionBlock, type SlackMessage } from './blocks.ts';
import { boldMrkdwn, escapeMrkdwn, linkMrkdwn } from './mrkdwn.ts';
import { splitText } from './split-text.ts';

/** A cited source line: "[n] Title (link) · Source · 24 December 2025". */
export interface SourceRef {
  n?: number;
  /** the markers shown instead of `[n]`, e.g. "[1][3]" for an article cited twice */
  marker?: string;
  /** the sentences quoted from it, shown under the line */
  quotes?: string[];
  title: string;
  source?: string | null;
  published?: string | null;
  url?: string | null;
}

/** A titled run of lines, optionally with side-by-side fields. All strings are raw text: the renderer escapes. */
export interface MessageSection {
  title?: string;
  lines?: string[];
  fields?: Array<{ label: string; value: string }>;
}

/** A message in plain terms, reusable for answers, help and the daily digest. */
export interface MessageDoc {
  /** notification text (escaped and capped by the renderer) */
  fallback: string;
  header?: string;
  /** the first thing a reader sees: bold when it fits one block */
  lead?: string;
  sections?: MessageSection[];
  sources?: SourceRef[];
  /** small print at the bottom, e.g. "As of 24 December 2025" */
  notes?: string[];
  /** small print above the lead, e.g. the question a private answer answers */
  context?: string;
  /** buttons under everything else */
  actions?: Array<{ text: string; actionId: string; value: string; style?: 'primary' | 'danger' }>;
  /** a divider between sections and before the sources (the digest reads as a briefing) */
  dividers?: boolean;
}

const FALLBACK_CHARS = 1000;
const SHORTENED = 'Shortened to fit in a Slack message.';

/** Cuts escaped text to `max` characters at a word boundary, with an ellipsis when it had to cut. */
export function truncateMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${splitText(escaped, max - 1)[0] ?? ''}…`;
}

function textSections(escaped: string, bold = false): SectionBlock[] {
  const chunks = splitText(escaped, LIMITS.sectionText);
  return chunks.map((chunk) => ({ type: 'section', text: mrkdwn(bold && chunks.length === 1 ? boldMrkdwn(chunk) : chunk) }));
}

function sectionBlocks(section: MessageSection): SectionBlock[] {
  const out: SectionBlock[] = [];
  const lines = (section.lines ?? []).map(escapeMrkdwn);
  const title = section.title ? boldMrkdwn(truncateMrkdwn(escapeMrkdwn(section.title), 300)) : null;
  if (title || lines.length) out.push(...textSections([title, ...lines].filter((l) => l !== null).join('\n')));
  const fields = (section.fields ?? []).map((f) => mrkdwn(truncateMrkdwn(`${boldMrkdwn(escapeMrkdwn(f.label))}\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText)));
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    const batch = fields.slice(i, i + LIMITS.fieldsPerSection);
    // the first fields sit under their title in the same block, as Slack lays out a section with text and fields
    const last = out.at(-1);
    if (i === 0 && out.length === 1 && last) last.fields = batch;
    else out.push({ type: 'section', fields: batch });
  }
  return out;
}

const QUOTE_CHARS = 400;

/** One source as mrkdwn: number(s), linked title, source name, date, then each quoted sentence on its own line. */
export function renderSourceRef(ref: SourceRef): string {
  const marker = ref.marker ?? (ref.n !== undefined ? `[${ref.n}]` : '');
  const parts = [`${marker ? `${marker} ` : ''}${linkMrkdwn(ref.url, ref.title)}`];
  if (ref.source) parts.push(escapeMrkdwn(ref.source));
  if (ref.published) parts.push(formatDate(ref.published));
  const quotes = (ref.quotes ?? []).map((q) => `_“${truncateMrkdwn(escapeMrkdwn(q.replace(/[_*]/g, ' ')), QUOTE_CHARS)}”_`);
  return truncateMrkdwn([parts.join(' · '), ...quotes].join('\n'), LIMITS.contextText);
}

function actionsBlock(actions: NonNullable<MessageDoc['actions']>): ActionsBlock[] {
  if (!actions.length) return [];
  return [{
    type: 'actions',
    elements: actions.slice(0, LIMITS.actionElements).map((a) => ({
      type: 'button', text: { type: 'plain_text', text: a.text.slice(0, LIMITS.buttonText), emoji: true },
      action_id: a.actionId, value: a.value, ...(a.style ? { style: a.style } : {}),
    })),
  }];
}

function contextBlocks(elements: string[]): ContextBlock[] {
  const out: ContextBlock[] = [];
  const texts = elements.filter((e) => e.trim());
  for (let i = 0; i < texts.length; i += LIMITS.contextElements) {
    out.push({ type: 'context', elements: texts.slice(i, i + LIMITS.contextElements).map((t) => mrkdwn(t)) });
  }
  return out;
}

/** Keeps head and tail whole where it can and shortens the body so the message stays within 50 blocks. */
function fitBlocks(head: Block[], body: Block[], tail: Block[]): Block[] {
  const max = LIMITS.blocksPerMessage;
  if (head.length + body.length + tail.length <= max) return [...head, ...body, ...tail];
  const notice = contextBlocks([`_${SHORTENED}_`]);
  const keepTail = tail.slice(0, Math.max(0, max - 2));
  const room = max - keepTail.length - notice.length;
  const kept = [...head, ...body].slice(0, Math.max(1, room));
  return [...kept, ...notice, ...keepTail].slice(0, max);
}

/** Renders a MessageDoc as Block Kit within Slack's limits, with every piece of text escaped. */
export function renderBlocks(doc: MessageDoc): SlackMessage {
  const head: Block[] = [];
  if (doc.header?.trim()) {
    const header = doc.header.trim();
    const cut = header.length > LIMITS.headerText ? `${header.slice(0, LIMITS.headerText - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : header;
    head.push({ type: 'header', text: { type: 'plain_text', text: cut, emoji: false } });
  }
  if (doc.context?.trim()) head.push(...contextBlocks([truncateMrkdwn(escapeMrkdwn(doc.context.trim()), LIMITS.contextText)]));
  if (doc.lead?.trim()) head.push(...textSections(escapeMrkdwn(doc.lead.trim()), true));
  const divider: Block[] = doc.dividers ? [{ type: 'divider' }] : [];
  const body = (doc.sections ?? []).flatMap((section, i) => [...(i > 0 ? divider : []), ...sectionBlocks(section)]);
  const tail: Block[] = [
    ...(body.length ? divider : []),
    // one context block per source: Slack lays the elements of one context block side by side
    ...(doc.sources ?? []).flatMap((ref) => contextBlocks([renderSourceRef(ref)])),
    ...contextBlocks((doc.notes ?? []).map((n) => truncateMrkdwn(escapeMrkdwn(n), LIMITS.contextText))),
    ...actionsBlock(doc.actions ?? []),
  ];
  const fallback = truncateMrkdwn(escapeMrkdwn(doc.fallback.trim() || doc.lead?.trim() || doc.header?.trim() || 'sitrep'), FALLBACK_CHARS);
  return { text: fallback, blocks: fitBlocks(head, body, tail) };
}
