/** Remembers which Slack deliveries were already handled, so a retry never produces a second answer. */
export interface DedupStore {
  /** true the first time a key is seen (and records it); false for every repeat within the store's memory */
  claim(key: string): Promise<boolean>;
}

export interface MemoryDedupOptions {
  /** how long a key is remembered; Slack retries within about 5 minutes */
  ttlMs?: number;
  /** the most keys held; the oldest go first */
  maxKeys?: number;
  now?: () => number;
}

/** A DedupStore in process memory: enough for one Node process or one Worker isolate. */
export class MemoryDedupStore implements DedupStore {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? (() => Date.now());
  }

  async claim(key: string): Promise<boolean> {
    const now = this.now();
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + this.ttlMs);
    this.evict(now);
    return true;
  }

  private evict(now: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > now && this.seen.size <= this.maxKeys) break;
      this.seen.delete(key);
    }
  }
}

/** Strings by key with an expiry: a Workers KV namespace fits as it is. */
export interface ExpiringKeyValue {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
}

/**
 * Memory first, then a shared key-value store, so a retry that reaches another Worker isolate is dropped too.
 * KV is eventually consistent: this narrows the window for a double answer, it cannot close it entirely.
 */
export class SharedDedupStore implements DedupStore {
  constructor(
    private readonly kv: ExpiringKeyValue,
    private readonly memory: DedupStore = new MemoryDedupStore(),
    private readonly ttlSeconds = 3600,
  ) {}

  async claim(key: string): Promise<boolean> {
    if (!(await this.memory.claim(key))) return false;
    const shared = `slack-event:${key}`;
    try {
      if ((await this.kv.get(shared)) !== null) return false;
      await this.kv.put(shared, '1', { expirationTtl: this.ttlSeconds });
    } catch {
      // KV unavailable: answering once per isolate beats not answering at all.
    }
    return true;
  }
}
