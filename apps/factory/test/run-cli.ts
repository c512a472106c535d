import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaled } from '../../../tooling/testing/time-scale';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh folder for one test's `.factory` data, projects and config. */
export function freshDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `sf-${prefix}-`));
}

/**
 * An unusual port range per test so parallel runs and real services don't collide, below the
 * kernel's ephemeral range (32768+) so no client socket takes a port between allocation and use.
 */
export function portRange(seed: number): string {
  const start = 10_000 + ((process.pid * 7 + seed * 211) % 227) * 100;
  return `${start}-${start + 99}`;
}

/** Runs `factory …` in `cwd` with `env` added, to completion; `timeoutMs` is for a quiet machine (scaled). */
export function runCli(
  args: string[],
  { cwd, env = {}, timeoutMs = 600_000 }: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`factory ${args.join(' ')} timed out; stderr: ${stderr.slice(-2000)}`));
    }, scaled(timeoutMs));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `factory …` without waiting; the caller owns the process. */
export function startCli(
  args: string[],
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): ChildProcess {
  const base = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'REDIS_URL',
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'PERPLEXITY_API_KEY',
  ])
    delete base[key];
  // Every test's factory installs from one package store, so only the first run downloads.
  base.FACTORY_PACKAGE_STORE ??= join(tmpdir(), 'sf-test-package-store');
  return spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when `child`'s stderr has printed a line matching `pattern`; `timeoutMs` is for a quiet machine (scaled). */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no output matching ${pattern}; saw: ${seen.slice(-2000)}`)),
      scaled(timeoutMs),
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        resolve(match[0]);
      }
    };
    child.stderr?.on('data', onData);
    child.on('close', () => {
      clearTimeout(timer);
      if (!pattern.test(seen))
        reject(new Error(`process ended before ${pattern}; saw: ${seen.slice(-2000)}`));
    });
  });
}
