import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { DigestStore } from '../adapters/digest/ledger.ts';
import { writeFileAtomic } from './fs-corpus.ts';

/** The ledger file: DIGEST_STATE_FILE, or digest-state.json in the data folder. */
export function digestStatePath(stateFile: string | undefined, dataDir: string): string {
  return stateFile ?? join(dataDir, 'digest-state.json');
}

const StateSchema = z.record(z.string(), z.string());
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;
const LOCK_TRIES = 200;

/**
 * The digest ledger on Node: one small JSON file of keys and values, rewritten atomically (temporary file, then
 * rename) under a lock file, so `sitrep serve` and a `sitrep digest --post` run at the same time never lose a write.
 */
export class FileDigestStore implements DigestStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string, private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {}

  async get(key: string): Promise<string | null> {
    return (await this.read())[key] ?? null;
  }

  put(key: string, value: string): Promise<void> {
    const next = this.queue.then(() => this.locked(async () => {
      const state = await this.read();
      state[key] = value;
      await writeFileAtomic(this.path, `${JSON.stringify(state, null, 2)}\n`);
    }));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing file is an empty ledger; a corrupt one too (and is replaced on the next write). */
  private async read(): Promise<Record<string, string>> {
    try {
      const parsed = StateSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const lock = `${this.path}.lock`;
    await mkdir(dirname(this.path), { recursive: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await (await open(lock, 'wx')).close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const held = await stat(lock).catch(() => null);
        if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(lock, { force: true });
        else if (attempt >= LOCK_TRIES) throw new Error(`digest state file is locked (${lock}); remove the lock if no sitrep process is running`);
        else await this.sleep(25);
      }
    }
    try {
      return await work();
    } finally {
      await rm(lock, { force: true });
    }
  }
}
