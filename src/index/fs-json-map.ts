import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './fs-corpus.ts';

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;
const LOCK_TRIES = 200;

/**
 * One small JSON object of entries in a file, read whole and rewritten atomically (temporary file, then rename) under
 * a lock file, so two sitrep processes on the same file (`sitrep serve` and `sitrep digest --post`) never lose a write.
 * A missing file is empty; so is one that does not parse (it is replaced on the next write).
 */
export class JsonFileMap<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    /** what the file holds; `what` names it in the message about a lock left behind */
    private readonly schema: z.ZodType<Record<string, T>>,
    private readonly what: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async read(): Promise<Record<string, T>> {
    try {
      const parsed = this.schema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  /** Reads the entries, lets `change` edit them, writes them back; changes from this process go one at a time. */
  update(change: (entries: Record<string, T>) => void): Promise<void> {
    const next = this.queue.then(() => this.locked(async () => {
      const entries = await this.read();
      change(entries);
      await writeFileAtomic(this.path, `${JSON.stringify(entries, null, 2)}\n`);
    }));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async locked<R>(work: () => Promise<R>): Promise<R> {
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
        else if (attempt >= LOCK_TRIES) throw new Error(`${this.what} is locked (${lock}); remove the lock if no sitrep process is running`);
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
