import type { Article } from '../schema.ts';

/** A paragraph's words, lowercased, as prepareArticle compares paragraphs for `duplicate_text`. */
function paragraphKey(paragraph: string): string {
  return paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The stored articles that could make a new one a duplicate (same id, or a paragraph in common), so that ingesting
 * a batch compares each text with a few articles instead of the whole corpus (prepareArticle compares with all it
 * is given); the refusal itself stays prepareArticle's.
 */
export class DuplicateCandidates {
  private readonly byId = new Map<string, Article>();
  private readonly byParagraph = new Map<string, Article[]>();

  constructor(articles: Article[] = []) {
    for (const article of articles) this.add(article);
  }

  add(article: Article): void {
    this.byId.set(article.id, article);
    for (const key of new Set(article.paragraphs.map(paragraphKey))) {
      const list = this.byParagraph.get(key);
      if (list) list.push(article);
      else this.byParagraph.set(key, [article]);
    }
  }

  /** Knows an article by its id only (enough for prepareArticle's duplicate_id check) without reading it. */
  addId(id: string): void {
    if (!this.byId.has(id)) this.byId.set(id, { id, title: id, source: null, url: null, published: '1970-01-01', standfirst: null, paragraphs: [] });
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
