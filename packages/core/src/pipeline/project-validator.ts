import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type {
  AppEnvironment,
  AppProcessPurpose,
  IProjectValidator,
  ProjectValidationReport,
  ResourceAllocation,
  ValidationStep,
  ValidationStepName,
} from '@startup-factory/contracts';
import { installUpToDate, recordInstall } from './install-record';
import { type InstallSettings, planInstall } from './package-install';

export type { InstallSettings } from './package-install';

/** Told about each step as it starts and ends (progress output). */
export interface ValidationObserver {
  stepStarted?(startupId: string, name: ValidationStepName): void;
  stepFinished?(startupId: string, step: ValidationStep): void;
}

export interface NpmValidatorOptions {
  environment: AppEnvironment;
  /** Default: npm. */
  install?: InstallSettings;
  /** Health path the templates serve. */
  healthPath?: string;
  /** From `npm start` until the port answers at all; generous, since five startups may share two cores. */
  startTimeoutMs?: number;
  /** From the first answer until the health check passes. */
  healthTimeoutMs?: number;
  /** Longest an install, build or test run may take before it is stopped. */
  stepTimeoutMs?: number;
  npmCommand?: string;
  observer?: ValidationObserver;
  /** Pause before the one retry of an install the registry refused for a passing reason (default 15 s). */
  registryRetryPauseMs?: number;
}

/**
 * Registry answers that mean "not yet" rather than "no": a dependency naming a version published
 * seconds earlier (npm ETARGET, pnpm NO_MATCHING_VERSION), a dropped connection, a 5xx.
 */
const TRANSIENT_REGISTRY =
  /ETARGET|ERR_PNPM_NO_MATCHING_VERSION|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ERR_PNPM_FETCH_5\d\d|\b50[234]\b/;

const NODE_ENV: Record<AppProcessPurpose, string> = {
  // devDependencies (the build's compilers, the test runner) are installed only outside production.
  install: 'development',
  build: 'production',
  test: 'test',
  start: 'production',
};
const TAIL_CHARS = 2_000;
const BODY_CHARS = 300;

interface PlannedStep {
  name: Extract<AppProcessPurpose, 'install' | 'build' | 'test'>;
  command: string[];
  label: string;
  /** Runs after the step passed. */
  after?: () => void;
  /** Why the step need not run (an install whose node_modules match the project's files), or null. */
  needless?: () => string | null;
}

/**
 * Installs the project's dependencies (pnpm from a shared store, or npm), runs its own build and
 * test scripts, then starts it on its allocated port: healthy means `GET /api/health` answered 200
 * with `db: 'up'`, i.e. the app wrote and read its own tables.
 */
export class NpmProjectValidator implements IProjectValidator {
  constructor(private readonly options: NpmValidatorOptions) {}

  async validate(
    projectDir: string,
    allocation: ResourceAllocation,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<ProjectValidationReport> {
    const manifestPath = join(projectDir, 'package.json');
    if (!existsSync(manifestPath)) {
      return {
        ok: true,
        skipped: true,
        notBuilt: 'no package.json: nothing for npm to install, build or start',
        steps: [],
      };
    }
    const scripts: Record<string, string> = JSON.parse(readFileSync(manifestPath, 'utf8')).scripts ?? {};
    const port = allocation.ports[0]!;
    const env = (purpose: AppProcessPurpose) => this.environment(allocation, purpose);
    const npm = this.options.npmCommand ?? 'npm';
    const plan: PlannedStep[] = [this.installStep(projectDir)];
    if (scripts.build) plan.push({ name: 'build', command: [npm, 'run', 'build'], label: 'npm run build' });
    if (scripts.test) plan.push({ name: 'test', command: [npm, 'test'], label: 'npm test' });
    const steps: ValidationStep[] = [];
    const observer = this.options.observer;
    const record = (step: ValidationStep) => {
      steps.push(step);
      observer?.stepFinished?.(allocation.startupId, step);
      return step.ok;
    };
    for (const planned of plan) {
      observer?.stepStarted?.(allocation.startupId, planned.name);
      const step = await this.run(planned, projectDir, allocation, signal);
      if (!record(step)) return { ok: false, skipped: false, steps };
    }
    if (!scripts.start) return { ok: true, skipped: false, steps };
    observer?.stepStarted?.(allocation.startupId, 'start');
    await this.startAndCheck(npm, projectDir, env('start'), port, signal, (step) => {
      record(step);
      if (step.name === 'start' && step.ok) observer?.stepStarted?.(allocation.startupId, 'health');
    });
    return { ok: steps.every((s) => s.ok), skipped: false, steps };
  }

  /** Only the install step (what the package store saves a second project); no observer calls. */
  install(
    projectDir: string,
    allocation: ResourceAllocation,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<ValidationStep> {
    return this.run(this.installStep(projectDir), projectDir, allocation, signal);
  }

  private environment(allocation: ResourceAllocation, purpose: AppProcessPurpose): Record<string, string> {
    const port = allocation.ports[0]!;
    return {
      ...this.options.environment(allocation, port, purpose),
      NODE_ENV: NODE_ENV[purpose],
      PORT: String(port),
    };
  }

  private async run(
    planned: PlannedStep,
    projectDir: string,
    allocation: ResourceAllocation,
    signal: AbortSignal | undefined,
  ): Promise<ValidationStep> {
    const needless = planned.needless?.();
    if (needless) {
      // Reported as skipped, with why, never as an install that ran and passed.
      return {
        name: planned.name,
        ok: true,
        durationMs: 0,
        detail: `${planned.name} skipped: ${needless}`,
        skipped: [needless],
      };
    }
    const attempt = () =>
      runStep(planned, projectDir, this.environment(allocation, planned.name), {
        timeoutMs: this.options.stepTimeoutMs ?? 20 * 60_000,
        signal,
      });
    let step = await attempt();
    if (!step.ok && planned.name === 'install' && !signal?.aborted && TRANSIENT_REGISTRY.test(step.detail)) {
      const first = step;
      await new Promise((resolve) => setTimeout(resolve, this.options.registryRetryPauseMs ?? 15_000));
      const retried = await attempt();
      step = {
        ...retried,
        durationMs: first.durationMs + retried.durationMs,
        detail: `${retried.detail} (tried twice: the registry first answered ${first.detail.match(TRANSIENT_REGISTRY)?.[0]})`,
      };
    }
    if (step.ok) planned.after?.();
    return step;
  }

  private installStep(projectDir: string): PlannedStep {
    const install = this.options.install ?? { packageManager: 'npm' };
    const planned = planInstall(projectDir, install, this.options.npmCommand ?? 'npm');
    return {
      name: 'install',
      command: planned.command,
      label: planned.label,
      needless: () => installUpToDate(projectDir, install.packageManager),
      after: () => {
        planned.after();
        recordInstall(projectDir, install.packageManager);
      },
    };
  }

  private async startAndCheck(
    npm: string,
    cwd: string,
    env: Record<string, string>,
    port: number,
    signal: AbortSignal | undefined,
    record: (step: ValidationStep) => void,
  ): Promise<void> {
    const url = `http://127.0.0.1:${port}${this.options.healthPath ?? '/api/health'}`;
    const started = Date.now();
    if (await isListening(port)) {
      record({
        name: 'start',
        ok: false,
        durationMs: 0,
        detail: `port ${port} is already taken by another process; stop it, then resume the startup`,
      });
      return;
    }
    const child = spawn(npm, ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const closed = whenClosed(child);
    const output = captureTail(child);
    let exited: string | undefined;
    child.once('exit', (code, sig) => {
      exited = `exited with ${code ?? sig}`;
    });
    child.once('error', (error) => {
      exited = `could not start: ${error.message}`;
    });
    const failed = (name: 'start' | 'health', since: number, why: string): ValidationStep => ({
      name,
      ok: false,
      durationMs: Date.now() - since,
      detail: `${why}\n--- log tail ---\n${output() || '(no output)'}`,
    });
    try {
      const startDeadline = started + (this.options.startTimeoutMs ?? 120_000);
      // When the answering request went out: the app listened by then; health counts from there.
      let askedAt = Date.now();
      let answer = await probe(url);
      while (!answer) {
        if (exited)
          return record(failed('start', started, `npm start ${exited} before port ${port} answered`));
        if (signal?.aborted) return record(failed('start', started, 'cancelled'));
        if (Date.now() > startDeadline) {
          const seconds = Math.round((startDeadline - started) / 1000);
          return record(failed('start', started, `nothing answered on port ${port} within ${seconds} s`));
        }
        await sleep(250);
        askedAt = Date.now();
        answer = await probe(url);
      }
      record({
        name: 'start',
        ok: true,
        durationMs: askedAt - started,
        detail: `npm start: port ${port} answers`,
      });
      const checking = askedAt;
      const healthDeadline = checking + (this.options.healthTimeoutMs ?? 60_000);
      for (;;) {
        const shown = `GET ${url} -> ${answer.status} ${truncate(answer.body)}`;
        if (answer.status === 200) {
          if (databaseUp(answer.body)) {
            return record({ name: 'health', ok: true, durationMs: Date.now() - checking, detail: shown });
          }
          return record(failed('health', checking, `${shown}: healthy needs db "up" in the JSON body`));
        }
        if (exited) return record(failed('health', checking, `${shown}; then npm start ${exited}`));
        if (signal?.aborted || Date.now() > healthDeadline) return record(failed('health', checking, shown));
        await sleep(500);
        answer = (await probe(url)) ?? answer;
      }
    } finally {
      await stopGroup(child, closed);
    }
  }
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_CHARS ? `${flat.slice(0, BODY_CHARS)}…` : flat || '(empty body)';
}

function databaseUp(body: string): boolean {
  try {
    return (JSON.parse(body) as { db?: unknown } | null)?.db === 'up';
  } catch {
    return false;
  }
}

/** One GET; null when nothing answered (not listening yet, or slower than a loaded machine allows). */
async function probe(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail.trim();
}

/**
 * The reasons a project's own output gives for what it skipped: lines `… skipped: <reason>`, as
 * the generated browser test prints when no Chromium is found. A green step must say what it left out.
 */
const ESC = String.fromCharCode(27);
/** Test runners colour their output; a reason is read without the escape codes. */
const stripColours = (line: string) =>
  line
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');

function captureSkips(child: ChildProcess): () => string[] {
  const reasons = new Set<string>();
  let partial = '';
  const scan = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /\bskipped: (.{3,300})$/.exec(stripColours(line).trim());
      if (match?.[1] && reasons.size < 5) reasons.add(match[1].trim());
    }
  };
  child.stdout?.on('data', scan);
  child.stderr?.on('data', scan);
  return () => [...reasons];
}

/** Resolves once the child exited and its output pipes closed, i.e. every process holding them is gone. */
function whenClosed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
}

/**
 * SIGTERM to the child's process group (npm and what it started), SIGKILL if it outlives the grace
 * period; resolves with `closed`.
 */
function stopGroup(child: ChildProcess, closed: Promise<void>, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined) return Promise.resolve();
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone already
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
  return closed.finally(() => clearTimeout(timer));
}

function runStep(
  planned: PlannedStep,
  cwd: string,
  env: Record<string, string>,
  { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal | undefined },
): Promise<ValidationStep> {
  const started = Date.now();
  const [command, ...args] = planned.command;
  return new Promise((resolve) => {
    const child = spawn(command!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const closed = whenClosed(child);
    const output = captureTail(child);
    const skips = captureSkips(child);
    let stoppedBecause: string | undefined;
    const stop = (why: string) => {
      stoppedBecause = why;
      void stopGroup(child, closed);
    };
    const timer = setTimeout(() => stop(`stopped after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    let settled = false;
    const finish = (ok: boolean, why?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      const skipped = skips();
      resolve({
        name: planned.name,
        ok,
        durationMs: Date.now() - started,
        detail: ok
          ? `${planned.label}${skipped.length > 0 ? ` (skipped: ${skipped.join('; ')})` : ''}`
          : `${planned.label} ${why}\n--- log tail ---\n${output() || '(no output)'}`,
        ...(skipped.length > 0 ? { skipped } : {}),
      });
    };
    child.once('error', (error) => finish(false, `could not run: ${error.message}`));
    child.once('close', (code, sig) =>
      finish(code === 0 && !stoppedBecause, stoppedBecause ?? `exited with ${code ?? sig}`),
    );
  });
}
