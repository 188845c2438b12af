import { CitationBook } from '../answer/citations.ts';
import type { Corpus } from '../store/corpus-index.ts';

/**
 * The digest's citations: one number per article, however many of its sentences the digest rests on; the quote is
 * the first sentence cited from it.
 */
export class ArticleCitationBook extends CitationBook {
  private readonly byArticle = new Map<number, number>();

  constructor(private readonly source: Corpus) {
    super(source);
  }

  override number(p: number): number {
    const [a, , text] = this.source.data.passages[p]!;
    const existing = this.byArticle.get(a);
    if (existing) return existing;
    const article = this.source.data.articles[a]!;
    const n = this.citations.length + 1;
    this.byArticle.set(a, n);
    this.citations.push({ n, id: article.id, title: article.title, source: article.source, published: article.published, url: article.url, quote: text });
    return n;
  }

  /** "[1][3]": the distinct articles of some passages, in first-cited order. */
  citeAll(passages: number[]): { marker: string; numbers: number[] } {
    const numbers = [...new Set(passages.map((p) => this.number(p)))];
    return { marker: numbers.map((n) => `[${n}]`).join(''), numbers };
  }
}
