/**
 * Recently given answers, serialized. An answer depends only on the question, the corpus (fixed for the life of a
 * process or isolate) and today's date, so the key is date + question and a hit is exactly what answering would give.
 */
export interface CachedAnswer {
  json: string;
  intent: string;
  answered: boolean;
}

/** A least-recently-used map of at most `size` answers; size 0 keeps nothing. */
export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(private readonly size: number) {}

  static key(date: string, question: string): string {
    return `${date}\n${question}`;
  }

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedAnswer): void {
    if (this.size <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}
