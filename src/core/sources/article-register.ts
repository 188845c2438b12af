import { DUPLICATE_SHARE, fingerprint } from '../ingest/ingest.ts';
import type { Article } from '../schema.ts';
import { fnv1a } from './minhash.ts';

/** The register's content: its ids, and (hash, index into ids) pairs sorted by hash. */
export interface RegisterData {
  ids: string[];
  postings: Uint32Array;
}

/** The hashes of a text's fingerprint, one per paragraph `duplicate_text` compares (two may share a hash). */
function fingerprintHashes(paragraphs: string[]): number[] {
  return [...fingerprint(paragraphs)].map(fnv1a);
}

/** The first pair index in sorted `postings` whose hash is at least `hash`. */
function lowerBound(postings: Uint32Array, hash: number): number {
  let lo = 0;
  let hi = postings.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (postings[mid * 2]! < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The article register: every indexed article's id with the hashes of its fingerprint (the paragraphs
 * `duplicate_text` compares), so that a new text is compared with the few stored articles that could refuse it
 * instead of reading every stored file. A hash shared by chance only adds an article to read and compare in full;
 * it never hides one, so the outcome stays prepareArticle's. The hashes are kept as sorted pairs in one typed array
 * (read from disk without parsing, searched by bisection) rather than in a Map, which costs a second per 50,000
 * articles to build.
 */
export class ArticleRegister {
  private ids: string[];
  private readonly ordinal = new Map<string, number>();
  private postings: Uint32Array;
  /** pairs added since the last `data()`, unsorted (the articles of one change) */
  private added: number[] = [];

  constructor(data: RegisterData = { ids: [], postings: new Uint32Array(0) }) {
    this.ids = data.ids;
    this.postings = data.postings;
    data.ids.forEach((id, i) => this.ordinal.set(id, i));
  }

  /** Registers an article (again: its new paragraphs replace the old); an id with no paragraphs is indexed without a file. */
  set(id: string, paragraphs: string[]): void {
    const ordinal = this.ids.length;
    this.ids.push(id);
    this.ordinal.set(id, ordinal);
    for (const hash of new Set(fingerprintHashes(paragraphs))) this.added.push(hash, ordinal);
  }

  add(article: Pick<Article, 'id' | 'paragraphs'>): void {
    this.set(article.id, article.paragraphs);
  }

  has(id: string): boolean {
    return this.ordinal.has(id);
  }

  get size(): number {
    return this.ordinal.size;
  }

  /** An ordinal still registered under its id (not replaced since). */
  private live(ordinal: number): boolean {
    return this.ordinal.get(this.ids[ordinal]!) === ordinal;
  }

  /**
   * Ids of the registered articles that could make this text a `duplicate_text`: those holding the hashes of at
   * least DUPLICATE_SHARE of its fingerprint (never fewer than it shares with them word for word).
   */
  candidates(paragraphs: string[]): string[] {
    const mine = fingerprintHashes(paragraphs);
    const shared = new Map<number, number>();
    const count = (ordinal: number) => {
      if (this.live(ordinal)) shared.set(ordinal, (shared.get(ordinal) ?? 0) + 1);
    };
    for (const hash of mine) {
      for (let i = lowerBound(this.postings, hash); i * 2 < this.postings.length && this.postings[i * 2] === hash; i++) count(this.postings[i * 2 + 1]!);
      for (let i = 0; i < this.added.length; i += 2) if (this.added[i] === hash) count(this.added[i + 1]!);
    }
    return [...shared].filter(([, n]) => n / mine.length >= DUPLICATE_SHARE).map(([ordinal]) => this.ids[ordinal]!);
  }

  /** The content to store: replaced entries dropped, the pairs sorted by hash. */
  data(): RegisterData {
    const replaced = this.ordinal.size < this.ids.length;
    const ids = replaced ? [] as string[] : this.ids;
    const renumber = new Int32Array(this.ids.length);
    this.ids.forEach((id, ordinal) => {
      renumber[ordinal] = !replaced ? ordinal : this.live(ordinal) ? ids.push(id) - 1 : -1;
    });
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < this.added.length; i += 2) if (renumber[this.added[i + 1]!]! >= 0) pairs.push([this.added[i]!, renumber[this.added[i + 1]!]!]);
    pairs.sort((a, b) => a[0] - b[0]);
    // Merge the sorted stored pairs with the few added ones.
    const out = new Uint32Array(this.postings.length + pairs.length * 2);
    let n = 0;
    let j = 0;
    for (let i = 0; i < this.postings.length; i += 2) {
      const hash = this.postings[i]!;
      for (; j < pairs.length && pairs[j]![0] < hash; j++, n += 2) [out[n], out[n + 1]] = pairs[j]!;
      const ordinal = renumber[this.postings[i + 1]!]!;
      if (ordinal < 0) continue;
      out[n++] = hash;
      out[n++] = ordinal;
    }
    for (; j < pairs.length; j++, n += 2) [out[n], out[n + 1]] = pairs[j]!;
    // This register is now what it stores.
    this.postings = out.subarray(0, n);
    this.added = [];
    if (replaced) {
      this.ids = ids;
      this.ordinal.clear();
      ids.forEach((id, i) => this.ordinal.set(id, i));
    }
    return { ids: this.ids, postings: this.postings };
  }

  /** The content checked for what the code relies on (string ids, once each; pairs sorted, in range); null when it is not. */
  static check(data: { ids: unknown[]; postings: Uint32Array }): RegisterData | null {
    const { ids, postings } = data;
    if (postings.length % 2 || !ids.every((id) => typeof id === 'string') || new Set(ids).size !== ids.length) return null;
    for (let i = 0; i < postings.length; i += 2) {
      if (postings[i + 1]! >= ids.length || (i && postings[i - 2]! > postings[i]!)) return null;
    }
    return data as RegisterData;
  }
}
