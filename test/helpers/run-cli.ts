import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './seed-corpus.ts';

/** Runs the real `sitrep` bin in a child process (a developer's own .env is never read unless `env` asks for it). */
export function runCli(args: string[], input?: string, options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  const env = { ...process.env, SITREP_ENV_FILE: 'none', ...options.env };
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/sitrep.js'), ...args], { input, encoding: 'utf8', timeout: 60_000, env, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary copy of the bundled data folder. */
export function copyOfData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-data-'));
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  return dir;
}

/** Hash of every file under a folder (names and bytes), to prove it did not change. */
export function fingerprintDir(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${path.slice(dir.length)}\0`).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** Runs the real `sitrep` bin in a child process without blocking this one (so servers in this process can answer it). */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
