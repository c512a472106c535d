import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SharedGauges } from './create-metrics';

export interface ProcessUsage {
  rssBytes: number;
  cpuSeconds: number;
  processes: number;
}

// Linux reports CPU time in clock ticks (USER_HZ, 100 on every mainstream build) and RSS in pages.
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * Resident memory and CPU time of every process in the process group `pgid` (a deployed app
 * is started as its own group: npm, its shell and the server). Null when no process of the
 * group is left, or /proc is not there.
 */
export function processGroupUsage(pgid: number, procDir = '/proc'): ProcessUsage | null {
  let entries: string[];
  try {
    entries = readdirSync(procDir).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const usage: ProcessUsage = { rssBytes: 0, cpuSeconds: 0, processes: 0 };
  for (const pid of entries) {
    let fields: string[];
    try {
      fields = statFields(readFileSync(join(procDir, pid, 'stat'), 'utf8'));
    } catch {
      continue; // the process ended while we looked
    }
    // After the name: state, ppid, pgrp, … utime is the 12th field, stime the 13th, rss the 22nd.
    if (Number(fields[2]) !== pgid) continue;
    usage.processes += 1;
    usage.cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    usage.rssBytes += Number(fields[21]) * PAGE_BYTES;
  }
  return usage.processes > 0 ? usage : null;
}

/** Sets the per-startup process gauges from the deployed apps' process groups; gone apps drop out. */
export function recordDeployedUsage(
  gauges: Pick<SharedGauges, 'processMemoryBytes' | 'processCpuSeconds'>,
  deployed: Array<{ startup: string; pgid: number }>,
  procDir = '/proc',
): void {
  gauges.processMemoryBytes.reset();
  gauges.processCpuSeconds.reset();
  for (const { startup, pgid } of deployed) {
    const usage = processGroupUsage(pgid, procDir);
    if (!usage) continue;
    gauges.processMemoryBytes.set({ startup }, usage.rssBytes);
    gauges.processCpuSeconds.set({ startup }, usage.cpuSeconds);
  }
}
