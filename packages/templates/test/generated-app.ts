import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { scaled } from '../../../tooling/testing/time-scale';

/** A free TCP port on 127.0.0.1, as the allocator would hand out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command in `cwd`, resolving with its output; rejects with the output tail on failure. */
export function runCommand(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${output.slice(-3000)}`));
    });
  });
}

export interface RunningApp {
  output(): string;
  stop(): Promise<void>;
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `npm start` in its own process group so stopping it also stops the server it spawns. */
export function startApp(cwd: string, env: NodeJS.ProcessEnv): RunningApp {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    async stop() {
      const pid = child.pid;
      if (pid === undefined || !groupAlive(pid)) return;
      process.kill(-pid, 'SIGTERM');
      const timer = setTimeout(() => groupAlive(pid) && process.kill(-pid, 'SIGKILL'), 5000);
      await exited;
      // npm exits on SIGTERM before the server it started has closed its port: wait for the whole
      // group, or the next start on the same port is answered by this one.
      const deadline = Date.now() + scaled(30_000);
      while (groupAlive(pid) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      clearTimeout(timer);
      if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    },
  };
}

/**
 * Polls `url` until it answers (any status) or the deadline passes. Each attempt may wait
 * `attemptMs` (scaled) for the response to start; reading its body after that is not cut short
 * (an attempt signal left on the body aborted a slow health answer on a loaded machine).
 */
export async function waitForHttp(
  url: string,
  deadlineMs: number,
  app: RunningApp,
  { attemptMs = 5000 }: { attemptMs?: number } = {},
): Promise<Response> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const attempt = new AbortController();
    const timer = setTimeout(
      () => attempt.abort(new Error(`no answer within ${attemptMs} ms`)),
      scaled(attemptMs),
    );
    try {
      return await fetch(url, { signal: attempt.signal });
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      clearTimeout(timer);
    }
  }
  throw new Error(
    `${url} did not answer within ${deadlineMs} ms (${String(last)}); app output:\n${app.output().slice(-3000)}`,
  );
}
