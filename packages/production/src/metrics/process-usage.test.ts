import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gauge, Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { processGroupUsage, recordDeployedUsage } from './process-usage';

function fakeProc(
  processes: Array<{ pid: number; comm: string; pgrp: number; utime: number; stime: number; rss: number }>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'sf-proc-'));
  for (const p of processes) {
    mkdirSync(join(dir, String(p.pid)));
    const after = [
      'S',
      '1',
      String(p.pgrp),
      ...Array(8).fill('0'),
      String(p.utime),
      String(p.stime),
      ...Array(8).fill('0'),
      String(p.rss),
    ];
    writeFileSync(join(dir, String(p.pid), 'stat'), `${p.pid} (${p.comm}) ${after.join(' ')}\n`);
  }
  mkdirSync(join(dir, 'self'));
  return dir;
}

describe('processGroupUsage', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('sums memory and CPU over the group, whatever the command names hold', () => {
    const dir = fakeProc([
      { pid: 10, comm: 'npm start', pgrp: 10, utime: 150, stime: 50, rss: 1000 },
      { pid: 11, comm: 'next-server (v14) )x', pgrp: 10, utime: 300, stime: 100, rss: 5000 },
      { pid: 12, comm: 'other', pgrp: 12, utime: 999, stime: 999, rss: 999 },
    ]);
    dirs.push(dir);
    expect(processGroupUsage(10, dir)).toEqual({ rssBytes: 6000 * 4096, cpuSeconds: 6, processes: 2 });
    expect(processGroupUsage(99, dir)).toBeNull();
  });

  it('reads a real detached process group and sets the gauges; a stopped one drops out', async () => {
    // The child says when its 32 MB are touched, so the reading does not race its start-up.
    const child = spawn(
      process.execPath,
      ['-e', 'const a = Buffer.alloc(32e6, 1); console.log("ready"); setInterval(() => a[0]++, 50)'],
      { detached: true, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the child exited early (${code})`)));
      });
      const usage = processGroupUsage(child.pid!);
      expect(usage?.processes).toBe(1);
      expect(usage!.rssBytes).toBeGreaterThan(32e6);
      const registry = new Registry();
      const gauges = {
        processMemoryBytes: new Gauge({
          name: 'm',
          help: 'm',
          labelNames: ['startup'],
          registers: [registry],
        }),
        processCpuSeconds: new Gauge({
          name: 'c',
          help: 'c',
          labelNames: ['startup'],
          registers: [registry],
        }),
      };
      recordDeployedUsage(gauges, [{ startup: 'route-mate', pgid: child.pid! }]);
      const [sample, ...others] = (await gauges.processMemoryBytes.get()).values;
      expect(others).toEqual([]);
      expect(sample?.labels).toEqual({ startup: 'route-mate' });
      expect(sample?.value).toBeGreaterThan(32e6);
      process.kill(-child.pid!, 'SIGKILL');
      await new Promise((r) => child.once('exit', r));
      recordDeployedUsage(gauges, [{ startup: 'route-mate', pgid: child.pid! }]);
      expect((await gauges.processMemoryBytes.get()).values).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
