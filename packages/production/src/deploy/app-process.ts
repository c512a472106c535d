import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StartAppOptions {
  cwd: string;
  port: number;
  /** Command and arguments; the app reads its port from PORT. Default `npm start`. */
  command: readonly string[];
  /**
   * The app's whole environment: nothing of this process's own environment (its database URL, API
   * keys, tokens) is passed on. PORT is set from `port`, NODE_ENV defaults to production. Without
   * it the app gets PATH only.
   */
  env?: Record<string, string>;
  /** stdout and stderr are appended here. */
  logFile: string;
}

/** One running copy of an app, in its own process group so a stop reaches npm's children too. */
export class AppProcess {
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? null : 0);
        resolve(this.exitCode);
      });
      child.once('error', () => {
        this.exitCode = null;
        resolve(null);
      });
    });
  }

  static start(options: StartAppOptions): AppProcess {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const fd = openSync(options.logFile, 'a');
    try {
      const [cmd, ...args] = options.command;
      if (!cmd) throw new Error('empty start command');
      const child = spawn(cmd, args, {
        cwd: options.cwd,
        env: {
          NODE_ENV: 'production',
          ...(options.env ?? { PATH: process.env.PATH ?? '' }),
          PORT: String(options.port),
        },
        stdio: ['ignore', fd, fd],
        detached: true,
      });
      return new AppProcess(child, options.port);
    } finally {
      closeSync(fd);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True once the process has exited (crashed or stopped). */
  get hasExited(): boolean {
    return this.exitCode !== undefined;
  }

  whenExited(): Promise<number | null> {
    return this.exited;
  }

  /**
   * SIGTERM to the process group, then SIGKILL if any of it still runs after `timeoutMs`. Returns
   * once the whole group is gone: npm exits on SIGTERM before the server it started has closed its
   * port, so waiting for npm alone would report a stop while the app still answers.
   */
  async stop(timeoutMs: number): Promise<'terminated' | 'killed'> {
    if (this.hasExited && !this.groupAlive()) return 'terminated';
    this.signal('SIGTERM');
    const deadline = Date.now() + timeoutMs;
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    if (await this.groupGoneBy(deadline)) return 'terminated';
    this.signal('SIGKILL');
    await this.exited;
    await this.groupGoneBy(Date.now() + 5_000);
    return 'killed';
  }

  /** Whether any process of the app's group (npm and what it started) is still running. */
  private groupAlive(): boolean {
    const pid = this.child.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  private async groupGoneBy(deadline: number): Promise<boolean> {
    while (this.groupAlive()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }
}
