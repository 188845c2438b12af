import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestLedger } from '../../src/adapters/digest/ledger.ts';
import { FileDigestStore } from '../../src/index/digest-state-file.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sitrep-digest-state-'));

describe('FileDigestStore', () => {
  it('keeps values across instances (a restarted process sees what was sent)', async () => {
    const path = join(tempDir(), 'nested', 'digest-state.json');
    const ledger = new DigestLedger(new FileDigestStore(path));
    await ledger.put('2025-12-24', 'slack', { state: 'sent', runId: 'r1', at: '2025-12-25T01:00:00Z' });
    const reopened = new DigestLedger(new FileDigestStore(path));
    expect(await reopened.get('2025-12-24', 'slack')).toMatchObject({ state: 'sent', runId: 'r1' });
    expect(await reopened.get('2025-12-24', 'discord')).toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveProperty(['digest:2025-12-24:slack']);
  });

  it('loses no write when two stores on the same file write at once, and leaves no temporary or lock file', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    const a = new FileDigestStore(path, async () => new Promise((r) => setImmediate(r)));
    const b = new FileDigestStore(path, async () => new Promise((r) => setImmediate(r)));
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).put(`k${i}`, `v${i}`)));
    const state = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(Object.keys(state)).toHaveLength(20);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('treats a corrupt file as empty and replaces it on the next write', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(path, '{"half": ');
    const store = new FileDigestStore(path);
    expect(await store.get('half')).toBeNull();
    await store.put('k', 'v');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ k: 'v' });
  });
});
