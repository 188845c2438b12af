import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../src/adapters/logger.ts';
import { fixedClock } from '../helpers/seed-corpus.ts';

describe('JSON logger', () => {
  it('writes one JSON object a line with time and level first', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (l) => lines.push(l), clock: fixedClock('2025-12-25T08:00:00Z') });
    logger.info({ msg: 'request', status: 200 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ time: '2025-12-25T08:00:00.000Z', level: 'info', msg: 'request', status: 200 });
  });

  it('keeps errors readable: name, message and stack', () => {
    const lines: string[] = [];
    createJsonLogger({ write: (l) => lines.push(l), clock: fixedClock() }).error({ msg: 'failed', error: new TypeError('bad\nthing') });
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as { error: { name: string; message: string; stack: string } };
    expect(parsed.error).toMatchObject({ name: 'TypeError', message: 'bad\nthing' });
    expect(parsed.error.stack).toContain('TypeError');
  });

  it('keeps an error readable inside another field too', () => {
    const lines: string[] = [];
    createJsonLogger({ write: (l) => lines.push(l), clock: fixedClock() }).error({ msg: 'failed', cause: { step: 'load', error: new RangeError('too big') } });
    expect((JSON.parse(lines[0]!) as { cause: { error: { name: string; message: string } } }).cause.error).toMatchObject({ name: 'RangeError', message: 'too big' });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ write: (l) => lines.push(l), clock: fixedClock(), level: 'warn' });
    logger.info({ msg: 'quiet' });
    logger.warn({ msg: 'loud' });
    const silent = createJsonLogger({ write: (l) => lines.push(l), clock: fixedClock(), level: 'silent' });
    silent.error({ msg: 'never' });
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['loud']);
  });
});
