import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { measureBundle, WORKER_BUDGET_GZIP } from '../../scripts/worker-size.ts';
import { ROOT } from '../helpers/seed-corpus.ts';

const outdir = mkdtempSync(join(tmpdir(), 'sitrep-worker-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the Worker bundle (wrangler deploy --dry-run)', () => {
  it('builds offline within the size budget, with no Node-only import and the index as a separate text module', async () => {
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: ROOT, timeout: 120_000,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
    });
    const size = await measureBundle(outdir);
    expect(size.gzip).toBeLessThanOrEqual(WORKER_BUDGET_GZIP);
    const index = size.files.find((f) => f.name.endsWith('index.json'));
    expect(index?.raw).toBe(readFileSync(join(ROOT, 'data/index.json')).length);
    const worker = readFileSync(join(outdir, 'worker.js'), 'utf8');
    // Only the match is printed on failure, never the whole bundle.
    expect(/(?:from\s*|require\(|import\()["']node:[\w/]+["']/.exec(worker)?.[0] ?? null).toBeNull();
    expect(/(?:from\s*|require\(|import\()["'](?:@slack\/bolt|discord\.js|@hono\/node-server)["']/.exec(worker)?.[0] ?? null).toBeNull();
    expect(/"@slack\/bolt"\s*:/.exec(worker)?.[0] ?? null).toBeNull();
    // workerd refuses an entry whose named exports are not handlers ("Incorrect type for map entry"): default only.
    const exported = [...worker.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim().split(/\s+as\s+/).at(-1)));
    expect(exported).toEqual(['default']);
  }, 150_000);
});
