import { emptySlots, lazyArray } from './lazy-array.ts';
import { storeCounters } from './counters.ts';
import { keepRecent } from './recent.ts';
import type { IndexFile, Passage } from './corpus-index.ts';

/** Lays the passages out again from the stored texts, in the order they were indexed. */
export function passagesOf(file: Pick<IndexFile, 'articles' | 'texts'>): Passage[] {
  const passages: Passage[] = [];
  file.texts.forEach((text, a) => {
    const { lines } = layoutOf(text, Boolean(file.articles[a]?.standfirst), countPassages(text));
    for (let i = 0; i < lines.length; i += 3) passages.push([a, lines[i + 2]!, text.slice(lines[i]!, lines[i + 1]!)]);
  });
  return passages;
}

/** How many passages (non-empty lines) a stored article text holds, without splitting it. */
export function countPassages(text: string): number {
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Most articles kept laid out at once. A layout is the article's text and one typed array (three numbers a passage),
 * about 0.5 KB besides the text, which the text parts hold anyway.
 */
export const MAX_LAID_OUT = 500;

/** An article laid out: its text, and for each passage the start and end of its line and its paragraph number. */
interface Layout {
  text: string;
  lines: Int32Array;
}

/**
 * Lays an article's `count` passages out as offsets into its text: one a non-empty line, a blank line between
 * paragraphs, the standfirst (when there is one) paragraph -1.
 */
function layoutOf(text: string, hasStandfirst: boolean, count: number): Layout {
  const lines = new Int32Array(count * 3);
  let para = hasStandfirst ? -1 : 0;
  let i = 0;
  let start = 0;
  while (start <= text.length && i < lines.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end === start) para++;
    else {
      lines[i++] = start;
      lines[i++] = end;
      lines[i++] = para;
    }
    start = end + 1;
  }
  return { text, lines };
}

/**
 * The passages as an array whose items are made when read, from a layout of their article made when the article is
 * first read: loading splits no text (and, with `counts` given, reads none). Also each article's passage numbers,
 * and each passage's article number.
 *
 * A read makes a new passage (a slice of the article's text): what is kept of an article is its layout, two objects,
 * not an array, a tuple and a string a passage. At 50,000 articles a question lays out about 8 articles no recent
 * question read (3 at 1,000), and kept passages were most of what outlived V8's young-generation collections: each one
 * paused a question 5 to 7 ms (2 to 3 ms at 1,000 articles) and came every 15 questions or so, which made the slowest
 * 1% of answers. Passages made on each read die young, where collecting them costs next to nothing.
 */
export function lazyPassages(file: Pick<IndexFile, 'articles' | 'texts'>, counts?: number[]): { passages: Passage[]; articlePassages: number[][]; articleOf: Int32Array; total: number } {
  const starts: number[] = [];
  let total = 0;
  for (let a = 0; a < file.articles.length; a++) {
    starts.push(total);
    total += counts ? counts[a]! : countPassages(file.texts[a]!);
  }
  starts.push(total);
  const articleOf = new Int32Array(total);
  const articlePassages = file.articles.map((_, a) => {
    const list: number[] = [];
    for (let p = starts[a]!; p < starts[a + 1]!; p++) {
      articleOf[p] = a;
      list.push(p);
    }
    return list;
  });
  const laidOut = emptySlots<Layout>(file.articles.length);
  // Past MAX_LAID_OUT articles the oldest is dropped (laid out again if read again), so a long-running server or
  // isolate does not end up holding a layout of every article.
  const laid = keepRecent(MAX_LAID_OUT, (a) => { laidOut[a] = undefined; });
  const passages = lazyArray(total, (p): Passage => {
    const a = articleOf[p]!;
    let layout = laidOut[a];
    if (!layout) {
      layout = laidOut[a] = layoutOf(file.texts[a]!, Boolean(file.articles[a]?.standfirst), starts[a + 1]! - starts[a]!);
      laid(a);
      storeCounters.articlesLaidOut++;
    }
    const i = (p - starts[a]!) * 3;
    const { lines, text } = layout;
    return [a, lines[i + 2]!, text.slice(lines[i]!, lines[i + 1]!)];
  });
  return { passages, articlePassages, articleOf, total };
}
