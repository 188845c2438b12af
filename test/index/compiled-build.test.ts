import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/seed-corpus.ts';

/** A copy of the project (bin, src, data, a fresh build; node_modules linked) that the test may age and touch. */
let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sitrep-build-'));
  for (const part of ['bin', 'src', 'data', 'scripts', 'package.json']) cpSync(join(ROOT, part), join(project, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  const built = spawnSync(process.execPath, [join(project, 'scripts/build-cli.mjs')], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs `sitrep ask` in the copy and lists the modules it loaded from the project (not node_modules). */
function askAndTrace(env: Record<string, string> = {}) {
  const trace = join(mkdtempSync(join(tmpdir(), 'sitrep-trace-')), 'loads.txt');
  const result = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-loads.mjs'), join(project, 'bin/sitrep.js'), 'ask', 'latest casualty figures'], {
    encoding: 'utf8', env: { ...process.env, SITREP_ENV_FILE: 'none', SITREP_TRACE_LOADS: trace, ...env }, timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(/at least 80/);
  const loads = readFileSync(trace, 'utf8').split('\n').filter((url) => url.startsWith(`file://${project}`)).map((url) => url.slice(`file://${project}/`.length));
  return { loads, tsx: readFileSync(trace, 'utf8').includes('/node_modules/tsx/') };
}

describe('the compiled build (npm run build, run by npm ci through prepare)', () => {
  it('is what the bin runs: JavaScript from dist/node, no TypeScript, no tsx', () => {
    const { loads, tsx } = askAndTrace();
    expect(loads).toContain('dist/node/cli.js');
    expect(loads.filter((path) => path.endsWith('.ts'))).toEqual([]);
    expect(tsx).toBe(false);
  });

  it('gives way to the TypeScript (through tsx) when a source file is newer than the build, or when asked to', () => {
    expect(askAndTrace({ SITREP_FROM_SOURCE: '1' }).loads).toContain('src/index/cli.ts');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src/core/schema.ts'), future, future);
    const stale = askAndTrace();
    expect(stale.loads).toContain('src/index/cli.ts');
    expect(stale.tsx).toBe(true);
  });
});
