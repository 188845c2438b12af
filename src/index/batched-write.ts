/** Pending text past this is written at once rather than at the end of the tick. */
const MAX_PENDING_CHARS = 64 * 1024;

export interface BatchedWriter {
  /** queues a line (its newline included); written with the others of this tick */
  write(line: string): void;
  /** writes whatever is queued now (at exit, so no line is lost) */
  flush(): void;
}

/**
 * Gathers the lines written in one turn of the event loop into one write. stdout to a file or a pipe is a
 * synchronous write on Linux, so a log line a request was a system call a request under load. (sonic-boom does this
 * for pino; for these twenty lines a runtime dependency is not worth it.)
 */
export function batchedWriter(write: (chunk: string) => void, schedule: (flush: () => void) => void = setImmediate): BatchedWriter {
  let pending: string[] = [];
  let chars = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending.length) return;
    const chunk = pending.join('');
    pending = [];
    chars = 0;
    write(chunk);
  };
  return {
    write(line) {
      pending.push(line);
      chars += line.length;
      if (chars >= MAX_PENDING_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
