import { hostname } from 'node:os';

/** When this process started (ms), so a later process given the same pid (a container restart) is told apart. */
const STARTED = Math.round(Date.now() - process.uptime() * 1000);

/** This process, as the digest ledger records who holds a claim: host, pid and start time. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}:${STARTED}`;
}

/**
 * Whether the process a claim names still runs: asked of the OS when it is on this host (signal 0 checks without
 * sending anything); undefined for another host, where only the claim's age can tell.
 */
export function ownerAlive(owner: string): boolean | undefined {
  const match = /^([^:]*):(\d+)(?::(\d+))?$/.exec(owner);
  if (!match || match[1] !== hostname()) return undefined;
  const pid = Number(match[2]);
  // Our own pid with another start time: an earlier process that had it (pid 1 in a restarted container).
  if (pid === process.pid) return match[3] === undefined || Number(match[3]) === STARTED;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
