import type { Corpus } from '../store/corpus-index.ts';
import type { Citation } from '../schema.ts';

/**
 * Numbers the articles an answer rests on, in first-use order: one number per article, however many of its sentences
 * are quoted (`quote` is the first, `quotes` all of them), so a reader sees one source once.
 */
export class CitationBook {
  private readonly byArticle = new Map<number, number>();
  readonly citations: Citation[] = [];

  constructor(private readonly corpus: Corpus) {}

  /** The marker for a passage's article, e.g. "[2]". */
  cite(p: number): string {
    return `[${this.number(p)}]`;
  }

  number(p: number): number {
    const [a, , text] = this.corpus.data.passages[p]!;
    const existing = this.byArticle.get(a);
    if (existing) {
      const citation = this.citations[existing - 1]!;
      if (!citation.quotes!.includes(text)) citation.quotes!.push(text);
      return existing;
    }
    const article = this.corpus.data.articles[a]!;
    const n = this.citations.length + 1;
    this.byArticle.set(a, n);
    this.citations.push({
      n, id: article.id, title: article.title, source: article.source,
      published: article.published, url: article.url, quote: text, quotes: [text],
    });
    return n;
  }

  /** The newest publication date among the cited articles. */
  asOf(): string | null {
    return this.citations.reduce<string | null>((max, c) => (max === null || c.published > max ? c.published : max), null);
  }
}
