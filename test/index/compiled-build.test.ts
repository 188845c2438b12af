import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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

  it("keeps zod's English messages (its only locale the build bundles) in what it reports", () => {
    const data = mkdtempSync(join(tmpdir(), 'sitrep-bad-index-'));
    const index = JSON.parse(readFileSync(join(project, 'data/index.json'), 'utf8'));
    index.lunr.averageFieldLength = -1;
    writeFileSync(join(data, 'index.json'), JSON.stringify(index));
    mkdirSync(join(data, 'articles'));
    const result = spawnSync(process.execPath, [join(project, 'bin/sitrep.js'), 'ask', '--data', data, 'who mediated?'], { encoding: 'utf8', env: { ...process.env, SITREP_ENV_FILE: 'none' } });
    rmSync(data, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('lunr.averageFieldLength: Too small: expected number to be >0');
  });

  it('gives way to the TypeScript (through tsx) when asked to', () => {
    const { loads, tsx } = askAndTrace({ SITREP_FROM_SOURCE: '1' });
    expect(loads).toContain('src/index/cli.ts');
    expect(tsx).toBe(true);
  });

  // the core's schema (every command), a command only `serve` loads, and package.json (the version is bundled)
  it.each(['src/core/schema.ts', 'src/index/commands/serve.ts', 'package.json'])('gives way to the TypeScript when %s is newer than the build', (file) => {
    const path = join(project, file);
    const { atime, mtime } = statSync(path);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path, future, future);
    try {
      const stale = askAndTrace();
      expect(stale.loads).toContain('src/index/cli.ts');
      expect(stale.tsx).toBe(true);
    } finally {
      utimesSync(path, atime, mtime);
    }
    expect(askAndTrace().loads).toContain('dist/node/cli.js');
  });

  it('gives way to the TypeScript when the build has no list of the files it was built from', () => {
    const list = join(project, 'dist/node/sources.json');
    renameSync(list, `${list}.away`);
    try {
      expect(askAndTrace().tsx).toBe(true);
    } finally {
      renameSync(`${list}.away`, list);
    }
  });

  it('runs the build when the project ships without src/ (nothing to be stale against)', () => {
    renameSync(join(project, 'src'), join(project, 'src.away'));
    try {
      const { loads, tsx } = askAndTrace();
      expect(loads).toContain('dist/node/cli.js');
      expect(tsx).toBe(false);
    } finally {
      renameSync(join(project, 'src.away'), join(project, 'src'));
    }
  });
});
