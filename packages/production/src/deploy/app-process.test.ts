import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { AppProcess } from './app-process';

const dir = () => mkdtempSync(join(tmpdir(), 'sf-app-'));

describe('AppProcess', () => {
  it('passes PORT, appends output to the log file and stops on SIGTERM', async () => {
    const cwd = dir();
    const logFile = join(cwd, 'logs', 'app.log');
    const app = AppProcess.start({
      cwd,
      port: 4321,
      command: [
        process.execPath,
        '-e',
        'console.log("port=" + process.env.PORT); setInterval(() => {}, 1000)',
      ],
      logFile,
    });
    const deadline = Date.now() + scaled(60_000);
    while (!readLogSafe(logFile).includes('port=4321') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(readLogSafe(logFile)).toContain('port=4321');
    expect(await app.stop(5000)).toBe('terminated');
    expect(app.hasExited).toBe(true);
  });

  it('kills a process that ignores SIGTERM once the grace period ends', async () => {
    const cwd = dir();
    const logFile = join(cwd, 'app.log');
    const app = AppProcess.start({
      cwd,
      port: 1,
      command: [
        process.execPath,
        '-e',
        'process.on("SIGTERM", () => console.log("ignored")); console.log("up"); setInterval(() => {}, 1000)',
      ],
      logFile,
    });
    const deadline = Date.now() + scaled(60_000);
    while (!readLogSafe(logFile).includes('up') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    expect(await app.stop(300)).toBe('killed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(() => process.kill(app.pid!, 0)).toThrow();
  });
});

function readLogSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
