import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ownerAlive, processOwner } from '../../src/index/process-owner.ts';

describe('who holds a digest claim (Node)', () => {
  it('this process is alive; an earlier process that had the same pid (a restarted container) is not', () => {
    expect(ownerAlive(processOwner())).toBe(true);
    expect(ownerAlive(`${hostname()}:${process.pid}:1`)).toBe(false);
  });

  it('a process that exited is gone; one on another host cannot be asked', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(ownerAlive(`${hostname()}:${exited.stdout}:1`)).toBe(false);
    expect(ownerAlive(`elsewhere.example:${process.pid}:1`)).toBeUndefined();
  });
});
