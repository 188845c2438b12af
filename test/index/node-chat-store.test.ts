import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TTL } from '../../src/adapters/store/chat-store.ts';
import { FileKeyValue } from '../../src/index/fs-key-value.ts';
import { channelSettingsPath, nodeChatStore } from '../../src/index/node-chat-store.ts';
import { fixedClock } from '../helpers/seed-corpus.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sitrep-chat-store-'));
const clock = fixedClock('2025-12-25T08:00:00Z');

describe('the chat store of sitrep serve and sitrep digest (Node)', () => {
  it('keeps /brief config channel settings across a restart, in the data folder', async () => {
    const dir = tempDir();
    await nodeChatStore(dir, clock).saveChannelSettings('C1', { digest: true, updatedBy: 'U1' });
    await nodeChatStore(dir, clock).saveChannelSettings('C2', { digest: false });
    // a new process on the same folder: what `sitrep digest --post` beside `sitrep serve` reads
    const reopened = nodeChatStore(dir, clock);
    expect(await reopened.channelSettings('C1')).toMatchObject({ digest: true, updatedBy: 'U1' });
    expect(await reopened.configuredChannels()).toEqual([{ channel: 'C1', digest: true }, { channel: 'C2', digest: false }]);
    expect(existsSync(channelSettingsPath(dir))).toBe(true);
  });

  it('keeps conversations in memory only: the file holds settings and nothing a person asked', async () => {
    const dir = tempDir();
    const store = nodeChatStore(dir, clock);
    await store.addTurn('slack:C1:1.1', { question: 'who signed the ceasefire?' }, TTL.thread);
    await store.saveChannelSettings('C1', { visibility: 'private' });
    expect(await store.history('slack:C1:1.1')).toHaveLength(1);
    expect(await nodeChatStore(dir, clock).history('slack:C1:1.1')).toEqual([]);
    expect(readFileSync(channelSettingsPath(dir), 'utf8')).not.toContain('ceasefire');
  });

  it('FileKeyValue expires entries on time and loses no write from two stores at once', async () => {
    const path = join(tempDir(), 'kv.json');
    let now = 1_000_000;
    const a = new FileKeyValue(path, () => now);
    const b = new FileKeyValue(path, () => now);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).put(`settings:C${i}`, `v${i}`, { metadata: { digest: String(i % 3 === 0) } })));
    expect((await a.list('settings:')).map((e) => e.key)).toHaveLength(10);
    expect((await b.list('settings:C3'))[0]).toEqual({ key: 'settings:C3', metadata: { digest: 'true' } });
    await a.put('short', 'x', { ttlSeconds: 60 });
    expect(await b.get('short')).toBe('x');
    now += 61_000;
    expect(await b.get('short')).toBeNull();
    expect(await b.list('short')).toEqual([]);
  });
});
