/** Strings by key with an optional expiry and small metadata: what the chat store needs of a storage backend. */
export interface KeyValue {
  get(key: string): Promise<string | null>;
  /** `ttlSeconds` of at least 60 (Workers KV's floor); `metadata` comes back from `list` without a read per key */
  put(key: string, value: string, options?: { ttlSeconds?: number; metadata?: Record<string, string> }): Promise<void>;
  /** every live key under `prefix`, with its metadata */
  list(prefix: string): Promise<Array<{ key: string; metadata: Record<string, string> | null }>>;
}

/** Workers KV rejects an expirationTtl below 60 seconds. */
export const MIN_TTL_SECONDS = 60;
