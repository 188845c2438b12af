import { CitationBook } from '../answer/citations.ts';

/** The digest's citations: one number per article (as every answer's), and markers for several passages at once. */
export class ArticleCitationBook extends CitationBook {
  /** "[1][3]": the distinct articles of some passages, in first-cited order. */
  citeAll(passages: number[]): { marker: string; numbers: number[] } {
    const numbers = [...new Set(passages.map((p) => this.number(p)))];
    return { marker: numbers.map((n) => `[${n}]`).join(''), numbers };
  }
}
