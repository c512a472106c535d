import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceAllocation } from '@startup-factory/contracts';

export interface ValidationStep {
  name: 'install' | 'build' | 'test' | 'start' | 'health';
  ok: boolean;
  durationMs: number;
  detail: string;
}

export interface ProjectValidationReport {
  ok: boolean;
  skipped: boolean;
  steps: ValidationStep[];
}

/** Checks that a generated project installs, builds, passes its tests and answers its health check. */
export interface IProjectValidator {
  validate(
    projectDir: string,
    allocation: ResourceAllocation,
    options?: { signal?: AbortSignal },
  ): Promise<ProjectValidationReport>;
}

interface NpmValidatorOptions {
  /** Health path the templates serve. */
  healthPath?: string;
  healthTimeoutMs?: number;
  /** Extra environment for every step (the generated app's DATABASE_URL, say). */
  env?: Record<string, string>;
  npmCommand?: string;
}

/** Runs the project's own npm scripts, then starts it on its allocated port and polls its health. */
export class NpmProjectValidator implements IProjectValidator {
  constructor(private readonly options: NpmValidatorOptions = {}) {}

  async validate(
    projectDir: string,
    allocation: ResourceAllocation,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<ProjectValidationReport> {
    const manifestPath = join(projectDir, 'package.json');
    if (!existsSync(manifestPath)) return { ok: true, skipped: true, steps: [] };
    const scripts: Record<string, string> = JSON.parse(readFileSync(manifestPath, 'utf8')).scripts ?? {};
    const port = allocation.ports[0]!;
    const env = { ...process.env, ...this.options.env, PORT: String(port), NODE_ENV: 'production' };
    const npm = this.options.npmCommand ?? 'npm';
    const steps: ValidationStep[] = [];
    const plan: Array<[ValidationStep['name'], string[]]> = [
      ['install', ['install', '--no-audit', '--no-fund', '--loglevel=error']],
    ];
    if (scripts.build) plan.push(['build', ['run', 'build']]);
    if (scripts.test) plan.push(['test', ['test']]);
    for (const [name, args] of plan) {
      const step = await runStep(
        name,
        npm,
        args,
        projectDir,
        { ...env, NODE_ENV: name === 'install' ? 'development' : name === 'test' ? 'test' : 'production' },
        signal,
      );
      steps.push(step);
      if (!step.ok) return { ok: false, skipped: false, steps };
    }
    if (!scripts.start) return { ok: true, skipped: false, steps };
    steps.push(...(await this.startAndCheck(npm, projectDir, env, port, signal)));
    return { ok: steps.every((s) => s.ok), skipped: false, steps };
  }

  private async startAndCheck(
    npm: string,
    cwd: string,
    env: NodeJS.ProcessEnv,
    port: number,
    signal: AbortSignal | undefined,
  ): Promise<ValidationStep[]> {
    const started = Date.now();
    const child = spawn(npm, ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const output = captureTail(child);
    const url = `http://127.0.0.1:${port}${this.options.healthPath ?? '/api/health'}`;
    const deadline = Date.now() + (this.options.healthTimeoutMs ?? 60_000);
    try {
      while (Date.now() < deadline && !signal?.aborted && child.exitCode === null) {
        const status = await fetch(url, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.status)
          .catch(() => 0);
        if (status === 200) {
          return [
            { name: 'start', ok: true, durationMs: Date.now() - started, detail: `listening on ${port}` },
            { name: 'health', ok: true, durationMs: Date.now() - started, detail: `GET ${url} -> 200` },
          ];
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      return [
        {
          name: 'health',
          ok: false,
          durationMs: Date.now() - started,
          detail: `no 200 from ${url}: ${output()}`,
        },
      ];
    } finally {
      stopGroup(child);
    }
  }
}

function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trim();
}

function stopGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

function runStep(
  name: ValidationStep['name'],
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<ValidationStep> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    const output = captureTail(child);
    child.on('error', (error) =>
      resolve({ name, ok: false, durationMs: Date.now() - started, detail: error.message }),
    );
    child.on('close', (code) =>
      resolve({
        name,
        ok: code === 0,
        durationMs: Date.now() - started,
        detail: code === 0 ? `${command} ${args.join(' ')}` : output(),
      }),
    );
  });
}
