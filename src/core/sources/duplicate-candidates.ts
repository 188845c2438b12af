import type { Article } from '../schema.ts';

/** A paragraph's words, lowercased, as prepareArticle compares paragraphs for `duplicate_text`. */
function paragraphKey(paragraph: string): string {
  return paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A draft's stored candidates, found without reading every stored article: some read in full, others known by id. */
export interface FoundCandidates {
  /** stored articles to compare with, each with its place among the stored (which decides which one a refusal names) */
  articles: Array<{ article: Article; rank: number }>;
  /** stored ids the draft's own id must not take, their text not compared */
  ids: string[];
}

/** Finds the stored articles a draft could duplicate; `loaded` are those already brought in. */
export type CandidateSource = (draft: Pick<Article, 'id' | 'paragraphs'>, loaded: (id: string) => boolean) => Promise<FoundCandidates>;

/** Articles added by the batch come after every stored one. */
const BATCH_RANK = 2 ** 40;

/**
 * The stored articles that could make a new one a duplicate (same id, or a paragraph in common), so that ingesting
 * a batch compares each text with a few articles instead of the whole corpus (prepareArticle compares with all it
 * is given); the refusal itself stays prepareArticle's. Given every stored article at once, or a `source` that
 * `load` asks for each draft's candidates; either way `for` lists them in the same order.
 */
export class DuplicateCandidates {
  private readonly byId = new Map<string, Article>();
  private readonly byParagraph = new Map<string, Article[]>();
  private readonly rank = new Map<Article, number>();
  private nextRank = BATCH_RANK;

  constructor(articles: Article[] = [], private readonly source?: CandidateSource) {
    articles.forEach((article, i) => this.add(article, i));
  }

  /** Adds an article: a stored one at its `rank` among the stored, one of the batch (no rank) after all of them. */
  add(article: Article, rank = this.nextRank++): void {
    this.byId.set(article.id, article);
    this.rank.set(article, rank);
    for (const key of new Set(article.paragraphs.map(paragraphKey))) {
      const list = this.byParagraph.get(key);
      if (!list) {
        this.byParagraph.set(key, [article]);
        continue;
      }
      let at = list.length;
      while (at > 0 && this.rank.get(list[at - 1]!)! > rank) at--;
      list.splice(at, 0, article);
    }
  }

  /** Knows an article by its id only (enough for prepareArticle's duplicate_id check) without reading it. */
  addId(id: string): void {
    if (!this.byId.has(id)) this.byId.set(id, { id, title: id, source: null, url: null, published: '1970-01-01', standfirst: null, paragraphs: [] });
  }

  /** Brings in the stored articles this draft must be compared with (nothing to do without a source). */
  async load(draft: Pick<Article, 'id' | 'paragraphs'>): Promise<void> {
    if (!this.source) return;
    const found = await this.source(draft, (id) => this.isLoaded(id));
    for (const { article, rank } of found.articles) if (!this.isLoaded(article.id)) this.add(article, rank);
    for (const id of found.ids) this.addId(id);
  }

  private isLoaded(id: string): boolean {
    const article = this.byId.get(id);
    return article !== undefined && this.rank.has(article);
  }

  /** Articles sharing the id or any paragraph with these. */
  for(id: string | undefined, paragraphs: string[]): Article[] {
    const found = new Set<Article>();
    const same = id ? this.byId.get(id) : undefined;
    if (same) found.add(same);
    for (const paragraph of paragraphs) for (const article of this.byParagraph.get(paragraphKey(paragraph)) ?? []) found.add(article);
    return [...found];
  }
}
