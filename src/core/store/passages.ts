import { emptySlots, lazyArray } from './lazy-array.ts';
import { keepRecent } from './recent.ts';
import type { IndexFile, Passage } from './corpus-index.ts';

/** An article's passages from its stored text: one a line, a blank line between paragraphs (standfirst first). */
function articlePassagesOf(a: number, text: string, hasStandfirst: boolean, out: Passage[]): void {
  let para = hasStandfirst ? -1 : 0;
  for (const line of text.split('\n')) {
    if (line === '') para++;
    else out.push([a, para, line]);
  }
}

/** Lays the passages out again from the stored texts, in the order they were indexed. */
export function passagesOf(file: Pick<IndexFile, 'articles' | 'texts'>): Passage[] {
  const passages: Passage[] = [];
  file.texts.forEach((text, a) => articlePassagesOf(a, text, Boolean(file.articles[a]?.standfirst), passages));
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

/** Most articles whose passages are kept laid out at once (about 13,000 passages of news, 4 MB; a Worker has 128 MB). */
export const MAX_LAID_OUT = 500;

/**
 * The passages as an array whose items are laid out when first read, a whole article at a time: loading splits no
 * text (and, with `counts` given, reads none), and a question splits the articles it reads. Also each article's
 * passage numbers, and each passage's article number.
 */
export function lazyPassages(file: Pick<IndexFile, 'articles' | 'texts'>, counts?: number[]): { passages: Passage[]; articlePassages: number[][]; articleOf: Int32Array; total: number } {
  const starts: number[] = [];
  let total = 0;
  for (let a = 0; a < file.articles.length; a++) {
    starts.push(total);
    total += counts ? counts[a]! : countPassages(file.texts[a]!);
  }
  const articleOf = new Int32Array(total);
  const articlePassages = file.articles.map((_, a) => {
    const end = a + 1 < starts.length ? starts[a + 1]! : total;
    const list: number[] = [];
    for (let p = starts[a]!; p < end; p++) {
      articleOf[p] = a;
      list.push(p);
    }
    return list;
  });
  // Each article's passages once laid out, by article.
  const laidOut = emptySlots<Passage[]>(file.articles.length);
  // Past MAX_LAID_OUT articles the oldest is dropped (laid out again if read again), so a long-running server or
  // isolate does not end up holding every article's passages twice.
  const laid = keepRecent(MAX_LAID_OUT, (a) => { laidOut[a] = undefined; });
  const passages = lazyArray(total, (p) => {
    const a = articleOf[p]!;
    let article = laidOut[a];
    if (!article) {
      article = [];
      articlePassagesOf(a, file.texts[a]!, Boolean(file.articles[a]?.standfirst), article);
      laidOut[a] = article;
      laid(a);
    }
    return article[p - starts[a]!]!;
  });
  return { passages, articlePassages, articleOf, total };
}
