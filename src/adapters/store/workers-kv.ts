import { MIN_TTL_SECONDS, type KeyValue } from './key-value.ts';

/** The part of a Workers KVNamespace this adapter uses (typed here so the Node build needs no Workers types). */
export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number; metadata?: unknown }): Promise<void>;
  list(options: { prefix: string; cursor?: string; limit?: number }): Promise<{
    keys: Array<{ name: string; metadata?: unknown }>;
    list_complete: boolean;
    cursor?: string;
  }>;
}

/** True when `value` looks like a KV namespace binding. */
export function isKvNamespace(value: unknown): value is KvNamespaceLike {
  const kv = value as Partial<KvNamespaceLike> | null | undefined;
  return !!kv && typeof kv.get === 'function' && typeof kv.put === 'function' && typeof kv.list === 'function';
}

/** Pages of `list` read at most; past this a count is a lower bound, which a health figure can live with. */
const MAX_LIST_PAGES = 10;

/** A KeyValue over a Workers KV namespace: expiry is KV's own `expirationTtl`. */
export class WorkersKeyValue implements KeyValue {
  constructor(private readonly kv: KvNamespaceLike) {}

  get(key: string): Promise<string | null> {
    return this.kv.get(key);
  }

  async put(key: string, value: string, options: { ttlSeconds?: number; metadata?: Record<string, string> } = {}): Promise<void> {
    await this.kv.put(key, value, {
      ...(options.ttlSeconds !== undefined ? { expirationTtl: Math.max(MIN_TTL_SECONDS, Math.ceil(options.ttlSeconds)) } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
  }

  async list(prefix: string): Promise<Array<{ key: string; metadata: Record<string, string> | null }>> {
    const out: Array<{ key: string; metadata: Record<string, string> | null }> = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const result = await this.kv.list({ prefix, ...(cursor ? { cursor } : {}) });
      for (const k of result.keys) out.push({ key: k.name, metadata: (k.metadata as Record<string, string> | undefined) ?? null });
      if (result.list_complete || !result.cursor) break;
      cursor = result.cursor;
    }
    return out;
  }
}
