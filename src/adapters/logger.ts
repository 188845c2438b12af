import type { Clock } from '../core/schema.ts';

/** One structured event: `msg` names it, the other fields describe it. */
export type LogFields = { msg: string } & Record<string, unknown>;

/** The logger every adapter takes: each call emits one structured line. */
export interface Logger {
  info(fields: LogFields): void;
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
}

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger that drops everything (tests, and `SITREP_LOG_LEVEL=silent`). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Errors do not survive JSON.stringify: keep their name, message and stack (for the log only, never a reply). */
function serializable(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A logger writing one JSON object a line (time, level, then the fields) through `write`, from `level` up. */
export function createJsonLogger(options: { write: (line: string) => void; clock: Clock; level?: LogLevel }): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const emit = (level: Exclude<LogLevel, 'silent'>) => (fields: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const line = { time: options.clock.now().toISOString(), level, ...fields };
    // A replacer puts JSON.stringify on its slow path: a line of plain values (every request's) needs none.
    const plain = Object.values(fields).every((value) => value === null || typeof value !== 'object');
    options.write(plain ? JSON.stringify(line) : JSON.stringify(line, (_key, value: unknown) => serializable(value)));
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
