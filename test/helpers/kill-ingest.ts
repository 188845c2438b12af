import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './seed-corpus.ts';

/** A small deterministic generator, so a failing run can be repeated. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Starts `sitrep ingest` of `inputs` into `data` (a real child process) and kills it with SIGKILL at `moment`: after
 * `delayMs`, counted from the start or from the first stderr holding `afterLine`. Resolves with its stderr (how far
 * it had got).
 */
export function ingestKilled(inputs: string[], data: string, moment: { afterLine: string | null; delayMs: number }): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'ingest', ...inputs, '--data', data], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let armed = false;
    const arm = () => {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), moment.delayMs);
    };
    if (!moment.afterLine) arm();
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!armed && moment.afterLine && stderr.includes(moment.afterLine)) arm();
    });
    child.on('exit', () => resolve(stderr));
  });
}
