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

  /** SIGTERM to the process group, then SIGKILL if it is still running after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<'terminated' | 'killed'> {
    if (this.hasExited) return 'terminated';
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([this.exited.then(() => 'exited' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'exited') return 'terminated';
    this.signal('SIGKILL');
    await this.exited;
    return 'killed';
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
