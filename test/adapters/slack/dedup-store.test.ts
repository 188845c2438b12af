import { describe, expect, it } from 'vitest';
import { MemoryDedupStore, SharedDedupStore, type ExpiringKeyValue } from '../../../src/adapters/slack/dedup-store.ts';

/** A KV namespace of our own, shared by the "isolates" of a test. */
function fakeKv(): ExpiringKeyValue & { ttls: number[]; failing: boolean } {
  const values = new Map<string, string>();
  const kv = {
    ttls: [] as number[],
    failing: false,
    async get(key: string) {
      if (kv.failing) throw new Error('KV down');
      return values.get(key) ?? null;
    },
    async put(key: string, value: string, options: { expirationTtl: number }) {
      if (kv.failing) throw new Error('KV down');
      values.set(key, value);
      kv.ttls.push(options.expirationTtl);
    },
  };
  return kv;
}

describe('MemoryDedupStore', () => {
  it('claims a key once, and again after it expires', async () => {
    let now = 0;
    const store = new MemoryDedupStore({ ttlMs: 1000, now: () => now });
    expect(await store.claim('Ev1')).toBe(true);
    expect(await store.claim('Ev1')).toBe(false);
    now = 1001;
    expect(await store.claim('Ev1')).toBe(true);
  });
});

describe('SharedDedupStore', () => {
  it('drops a retry that reaches another isolate', async () => {
    const kv = fakeKv();
    const first = new SharedDedupStore(kv);
    const second = new SharedDedupStore(kv);
    expect(await first.claim('Ev1')).toBe(true);
    expect(await second.claim('Ev1')).toBe(false);
    expect(await second.claim('Ev2')).toBe(true);
    expect(kv.ttls).toEqual([3600, 3600]);
  });

  it('still answers once per isolate when KV fails', async () => {
    const kv = fakeKv();
    kv.failing = true;
    const store = new SharedDedupStore(kv);
    expect(await store.claim('Ev1')).toBe(true);
    expect(await store.claim('Ev1')).toBe(false);
  });
});
