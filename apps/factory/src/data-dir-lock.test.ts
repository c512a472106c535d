import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { DataDirLock, dataDirHolder, LOCK_FILE } from './data-dir-lock';
import { processStartOf } from './process-identity';

const root = join(tmpdir(), `sf-lock-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, String(n++));

/** A pid that just exited, so nothing runs under it (the kernel does not reuse it this fast). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const writeLock = (dir: string, content: unknown) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, LOCK_FILE), typeof content === 'string' ? content : JSON.stringify(content));
};

describe('DataDirLock', { timeout: scaled(120_000) }, () => {
  it('refuses a second holder while the first lives, naming its command and pid, until it is released', () => {
    const dir = folder();
    const first = DataDirLock.acquire(dir, 'serve');
    first.advertiseApi('http://127.0.0.1:4999');
    const error = (() => {
      try {
        DataDirLock.acquire(dir, 'create');
      } catch (e) {
        return e as Error & { code?: string };
      }
    })();
    expect(error?.code).toBe('DATA_DIR_LOCKED');
    expect(error?.message).toContain(`factory serve (pid ${process.pid}) holds ${dir}`);
    expect(error?.message).toContain('http://127.0.0.1:4999/api');
    expect(dataDirHolder(dir)?.command).toBe('serve');
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    DataDirLock.acquire(dir, 'create').release();
  });

  it('takes over a lock whose process is gone (a crash left it)', async () => {
    const dir = folder();
    writeLock(dir, { pid: await deadPid(), processStart: null, command: 'serve', startedAt: '', token: 'x' });
    expect(dataDirHolder(dir)).toBeNull();
    const lock = DataDirLock.acquire(dir, 'create');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (pid reused after a crash)', () => {
    const dir = folder();
    const start = processStartOf(process.pid);
    if (start === null) return; // no /proc: only the pid can be checked here
    writeLock(dir, {
      pid: process.pid,
      processStart: `${start}0`,
      command: 'serve',
      startedAt: '',
      token: 'x',
    });
    DataDirLock.acquire(dir, 'create').release();
  });

  it('never takes over a lock of a process on another host (a shared folder): its pid means nothing here', async () => {
    const dir = folder();
    writeLock(dir, {
      host: 'other-host',
      pid: await deadPid(),
      processStart: null,
      command: 'serve',
      startedAt: '',
      token: 'x',
    });
    expect(() => DataDirLock.acquire(dir, 'create')).toThrow(/on other-host .*delete .*writer\.lock/);
  });

  it('takes over a damaged lock file', () => {
    const dir = folder();
    writeLock(dir, '{"pid": ');
    DataDirLock.acquire(dir, 'create').release();
  });

  it('leaves a lock alone on release when another process took it meanwhile', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir, 'serve');
    writeLock(dir, { pid: process.pid, processStart: null, command: 'other', startedAt: '', token: 'y' });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
