import { countWords, normalizeText, splitSentences } from '../annotate/text.ts';

/** What ingestion makes of a raw news text before metadata is attached. */
export interface CleanedText {
  headline: string | null;
  standfirst: string | null;
  paragraphs: string[];
}

const TERMINAL = /[.!?]["')\]]*$|[.!?:]$/;
const DATELINE = /^(\([^)]{2,60}\)\s*|[A-Z][A-Za-z .'-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([^)]{1,40}\))?\s+-\s)/;

function isHeadlineLike(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length > 25 || TERMINAL.test(text)) return false;
  const capitalised = words.filter((w) => /^["'(]?[A-Z0-9]/.test(w)).length;
  return capitalised / words.length >= 0.5;
}

/** A site name above the story: the source itself, a one-word brand, or a short line above a headline. */
function isMasthead(text: string, next: string | undefined, source: string | null): boolean {
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (source && squash(text) === squash(source)) return true;
  if (TERMINAL.test(text) || /\d{3,}/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length === 1 && (/[a-z][A-Z]/.test(text) || /^[A-Z0-9]{2,}$/.test(text) || /\.(com|net|org|news)$/i.test(text))) return true;
  return words.length <= 3 && next !== undefined && isHeadlineLike(next);
}

/** Page furniture that is not the story: bylines, time stamps, "Advertisement", "Read more", photo credits. */
const FURNITURE = [
  /^By\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&))*(?:\s*[,|]\s*[^.!?]{0,40})?$/,
  /^(?:Published|Updated|Posted|Last updated)\b[^.!?]{0,60}$/i,
  /^(?:Advertisement|Sponsored|Read more|Read also|Also read|Related|Share(?: this)?(?: article| story)?|Follow us|Subscribe|Sign up|Photo|Image|Video|Caption|Source)\b[^.!?]{0,100}$/i,
];

function isFurniture(paragraph: string): boolean {
  return paragraph.length < 140 && FURNITURE.some((re) => re.test(paragraph));
}

/** Joins hard-wrapped lines; keeps one paragraph per line where lines end sentences. */
function blocksToParagraphs(raw: string): string[] {
  const paragraphs: string[] = [];
  for (const block of raw.split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.replace(/^#{1,6}\s+/, '').trim()).filter(Boolean);
    let current = '';
    for (const line of lines) {
      const continues = current !== '' && !TERMINAL.test(current) && /^[a-z(,;]/.test(line);
      if (continues) current = `${current} ${line}`;
      else {
        if (current) paragraphs.push(current);
        current = line;
      }
    }
    if (current) paragraphs.push(current);
  }
  return paragraphs;
}

/**
 * Cleans a raw news text: drops a masthead line, recognises a headline and a standfirst,
 * normalises white space and typographic punctuation, and keeps each paragraph once.
 */
export function cleanRawText(raw: string, hints: { title?: string | null; source?: string | null } = {}): CleanedText {
  const unified = raw.replace(/\r\n?/g, '\n');
  let paragraphs = blocksToParagraphs(unified).map(normalizeText).filter((p) => p && !isFurniture(p));
  const seen = new Set<string>();
  paragraphs = paragraphs.filter((p) => {
    const key = p.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  if (paragraphs.length > 1 && isMasthead(paragraphs[0]!, paragraphs[1], hints.source ?? null)) paragraphs.shift();

  let headline: string | null = null;
  const title = hints.title ? normalizeText(hints.title) : null;
  const first = paragraphs[0];
  if (first && paragraphs.length > 1) {
    const sameAsTitle = title !== null && first.toLowerCase() === title.toLowerCase();
    if (sameAsTitle || isHeadlineLike(first)) {
      headline = first;
      paragraphs.shift();
    }
  }

  let standfirst: string | null = null;
  const next = paragraphs[0];
  if (headline && next && paragraphs.length > 1 && !DATELINE.test(next) && countWords(next) <= 40 && splitSentences(next).length === 1) {
    standfirst = next;
    paragraphs.shift();
  }
  return { headline, standfirst, paragraphs };
}

/** A title for an article that has no headline: its first sentence, shortened at a word boundary. */
export function deriveTitle(paragraphs: string[]): string {
  const first = splitSentences((paragraphs[0] ?? '').replace(DATELINE, '').trim())[0] ?? 'Untitled article';
  if (first.length <= 100) return first.replace(/[.!?]$/, '');
  // A long lead sentence: its first clause reads as a headline; otherwise cut at a word boundary.
  const clause = /^(.{40,100}?),\s/.exec(first);
  if (clause) return clause[1]!;
  return `${first.slice(0, 100).replace(/\s+\S*$/, '')}...`;
}

/** A file-name-safe id: the date and a few words of the title. */
export function deriveId(published: string, title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !['a', 'an', 'the', 'and', 'of', 'to', 'in', 'on', 'for', 'as', 'at'].includes(w))
    .slice(0, 6);
  // A title in another script has no Latin words: a short hash of it keeps ids apart.
  if (!words.length) words.push(hashText(title));
  return [published, ...words].join('-').replace(/-+/g, '-').slice(0, 100).replace(/-$/, '');
}

/** FNV-1a of a string, in base 36: short, stable, not a security measure. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
