/** Splits text into pieces of at most `max` characters at line, then sentence, then word boundaries. */

type Splitter = (text: string) => string[];

const BY_LINE: Splitter = (t) => t.split('\n');
const BY_SENTENCE: Splitter = (t) => t.split(/(?<=[.!?]["'”’)\]]*)\s+(?=\S)/);
const BY_WORD: Splitter = (t) => t.split(/ +/);
const JOINERS = ['\n', ' ', ' '];
const SPLITTERS = [BY_LINE, BY_SENTENCE, BY_WORD];

/** Where a hard cut at `at` would not break a surrogate pair, an `&amp;`-style entity or a `@\u2060here` guard. */
function safeCut(text: string, at: number): number {
  let cut = at;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';') && text.indexOf(';', amp) >= cut) cut = amp;
  if (text[cut] === '\u2060') cut -= 1;
  return cut > 0 ? cut : at;
}

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = safeCut(rest, max);
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

function split(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  if (level >= SPLITTERS.length) return hardSplit(text, max);
  const joiner = JOINERS[level]!;
  const parts = SPLITTERS[level]!(text).flatMap((part) => split(part, max, level + 1));
  const chunks: string[] = [];
  let current = '';
  for (const part of parts) {
    if (!current) current = part;
    else if (current.length + joiner.length + part.length <= max) current += joiner + part;
    else {
      chunks.push(current);
      current = part;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Pieces of at most `max` characters (none empty), cut where a reader would: lines, sentences, words. */
export function splitText(text: string, max: number): string[] {
  if (max < 8) throw new RangeError('splitText: max must be at least 8');
  return split(text, max, 0).map((c) => c.trim()).filter((c) => c.length > 0);
}
