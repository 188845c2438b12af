import { describe, expect, it } from 'vitest';
import { batchedWriter } from '../../src/index/batched-write.ts';

/** A schedule the test runs by hand, standing for the end of the event loop's turn. */
function manualSchedule() {
  const queued: Array<() => void> = [];
  return { schedule: (fn: () => void) => void queued.push(fn), runAll: () => queued.splice(0).forEach((fn) => fn()), count: () => queued.length };
}

describe('batched writer', () => {
  it('writes the lines of one turn together, in order, once the turn ends', () => {
    const chunks: string[] = [];
    const tick = manualSchedule();
    const out = batchedWriter((c) => chunks.push(c), tick.schedule);
    out.write('a\n');
    out.write('b\n');
    out.write('c\n');
    expect(chunks).toEqual([]);
    expect(tick.count()).toBe(1);
    tick.runAll();
    expect(chunks).toEqual(['a\nb\nc\n']);
    out.write('d\n');
    tick.runAll();
    expect(chunks).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('writes at once past 64 KiB pending, and flush() writes the rest without waiting', () => {
    const chunks: string[] = [];
    const tick = manualSchedule();
    const out = batchedWriter((c) => chunks.push(c), tick.schedule);
    const big = `${'x'.repeat(70 * 1024)}\n`;
    out.write('first\n');
    out.write(big);
    expect(chunks).toEqual([`first\n${big}`]);
    out.write('last\n');
    out.flush();
    expect(chunks.at(-1)).toBe('last\n');
    tick.runAll();
    expect(chunks).toHaveLength(2);
  });

  it('flushes on the next turn by default', async () => {
    const chunks: string[] = [];
    const out = batchedWriter((c) => chunks.push(c));
    out.write('one\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(['one\n']);
  });
});
