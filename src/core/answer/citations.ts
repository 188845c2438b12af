import type { Corpus } from '../store/corpus-index.ts';
import type { Citation } from '../schema.ts';

/** Numbers the passages an answer rests on, one citation per passage, in first-use order. */
export class CitationBook {
  private readonly byPassage = new Map<number, number>();
  readonly citations: Citation[] = [];

  constructor(private readonly corpus: Corpus) {}

  /** The marker for a passage, e.g. "[2]". */
  cite(p: number): string {
    return `[${this.number(p)}]`;
  }

  number(p: number): number {
    const existing = this.byPassage.get(p);
    if (existing) return existing;
    const [a, , text] = this.corpus.data.passages[p]!;
    const article = this.corpus.data.articles[a]!;
    const n = this.citations.length + 1;
    this.byPassage.set(p, n);
    this.citations.push({
      n, id: article.id, title: article.title, source: article.source,
      published: article.published, url: article.url, quote: text,
    });
    return n;
  }

  /** The newest publication date among the cited articles. */
  asOf(): string | null {
    return this.citations.reduce<string | null>((max, c) => (max === null || c.published > max ? c.published : max), null);
  }
}
