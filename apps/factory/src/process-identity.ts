import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The start time of a process as the kernel counts it (Linux /proc), or null where that is unknown. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime), counted after the command name, which may itself hold spaces and ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether process `pid` runs and is the one that started at `start` (not a later reuse of its pid).
 * A null `start` checks the pid alone.
 */
export function isProcessAlive(pid: number, start: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStartOf(pid);
  return start === null || now === null || now === start;
}

/**
 * An owner of the startups this process runs: `host:pid:start:n`, readable in refusals; `n` tells
 * apart several factories in one process.
 */
export function processOwnerId(): string {
  return `${hostname()}:${process.pid}:${processStartOf(process.pid) ?? 'unknown'}:${randomUUID().slice(0, 8)}`;
}

/**
 * False only when `ownerId` names a process on this host that is gone; an owner on another host, or
 * one named some other way, counts as alive until its lease lapses.
 */
export function isOwnerProcessAlive(ownerId: string): boolean {
  const match = /^(.+):(\d+):(\d+|unknown):[0-9a-f]+$/.exec(ownerId);
  if (!match || match[1] !== hostname()) return true;
  return isProcessAlive(Number(match[2]), match[3] === 'unknown' ? null : match[3]!);
}
