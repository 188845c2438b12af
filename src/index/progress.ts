import cliProgress from 'cli-progress';

/** Reports how far a long command has got: a bar on a terminal, a plain line now and then when piped. */
export interface Progress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

/** Progress on `stream` (stderr): cli-progress on a TTY; otherwise a line per stage at every tenth and at the end. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, prefix = 'sitrep'): Progress {
  if (stream.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    let current = '';
    return {
      update(stage, done, total) {
        if (stage !== current) {
          bar?.stop();
          current = stage;
          bar = new cliProgress.SingleBar({ stream, format: `${prefix}: ${stage.padEnd(9)} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
        bar?.update(done);
      },
      stop() {
        bar?.stop();
        bar = null;
      },
    };
  }
  const printed = new Map<string, number>();
  return {
    update(stage, done, total) {
      const step = Math.max(1, Math.ceil(total / 10));
      const last = printed.get(stage) ?? 0;
      if (done === total ? last !== total : done - last >= step) {
        printed.set(stage, done);
        stream.write(`${prefix}: ${stage} ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
