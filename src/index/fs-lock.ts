import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SitrepError } from '../core/ingest/article-file.ts';

/** The lock that one writer of a data folder holds: DIR/.lock, naming its process. */
export function lockPath(dir: string): string {
  return join(dir, '.lock');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file, or null when there is no lock or its holder has died (kill -9 leaves such a lock). */
export async function lockHolder(dir: string): Promise<number | null> {
  try {
    const pid = Number((JSON.parse(await readFile(lockPath(dir), 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` holding the data folder's write lock. A lock left by a dead process is taken over; a live holder is
 * waited for up to `waitMs`, then the call fails with a message naming it.
 */
export async function withWriteLock<T>(dir: string, fn: () => Promise<T>, waitMs = 30_000): Promise<T> {
  await mkdir(dir, { recursive: true });
  const path = lockPath(dir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await lockHolder(dir);
      if (holder === null) {
        // Its writer died (or is writing the pid right now: a fresh lock gets a moment before it counts as stale).
        await sleep(50);
        if ((await lockHolder(dir)) === null) await rm(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SitrepError('busy', `another sitrep process (pid ${holder}) is writing to ${dir}; try again when it has finished`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
