import { hostname } from 'node:os';

/** This process, as the digest ledger records who holds a claim: host and pid. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Whether the process a claim names still runs: asked of the OS when it is on this host (signal 0 checks without
 * sending anything); undefined for another host, where only the claim's age can tell.
 */
export function ownerAlive(owner: string): boolean | undefined {
  const match = /^(.*):(\d+)$/.exec(owner);
  if (!match || match[1] !== hostname()) return undefined;
  try {
    process.kill(Number(match[2]), 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
