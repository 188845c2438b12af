import { MIN_TTL_SECONDS, type KeyValue } from './key-value.ts';

interface Entry {
  value: string;
  expires: number;
  metadata: Record<string, string> | null;
}

/** A KeyValue in process memory (Node, tests): entries expire on time and the oldest go first past `maxKeys`. */
export class MemoryKeyValue implements KeyValue {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { now?: () => number; maxKeys?: number } = {}) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async put(key: string, value: string, options: { ttlSeconds?: number; metadata?: Record<string, string> } = {}): Promise<void> {
    const ttl = options.ttlSeconds === undefined ? Infinity : Math.max(MIN_TTL_SECONDS, options.ttlSeconds) * 1000;
    // delete first so the Map's order stays the order of last writes, which eviction relies on
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttl, metadata: options.metadata ?? null });
    const max = this.options.maxKeys ?? 50_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  async list(prefix: string): Promise<Array<{ key: string; metadata: Record<string, string> | null }>> {
    const now = this.now();
    const out: Array<{ key: string; metadata: Record<string, string> | null }> = [];
    for (const [key, entry] of this.entries) {
      if (entry.expires <= now) this.entries.delete(key);
      else if (key.startsWith(prefix)) out.push({ key, metadata: entry.metadata });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }
}
