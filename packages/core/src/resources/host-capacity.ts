import { readFileSync } from 'node:fs';
import os from 'node:os';

const MB = 1024 * 1024;

function readLimit(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (text === 'max') return null;
    const bytes = Number(text);
    // cgroup v1 reports "no limit" as a huge number near 2^63.
    return Number.isFinite(bytes) && bytes > 0 && bytes < 2 ** 60 ? bytes : null;
  } catch {
    return null;
  }
}

/** Memory this process may use: the cgroup (v2, then v1) limit when one is set, else the OS total. */
export function detectTotalMemoryMb(
  paths = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'],
): number {
  const osTotal = os.totalmem();
  for (const path of paths) {
    const limit = readLimit(path);
    if (limit !== null) return Math.floor(Math.min(limit, osTotal) / MB);
  }
  return Math.floor(osTotal / MB);
}

/** CPU cores this process may use. */
export function detectCpuCores(): number {
  return os.availableParallelism();
}
