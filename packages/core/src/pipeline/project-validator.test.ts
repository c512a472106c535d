import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppProcessPurpose, ResourceAllocation, ValidationStep } from '@startup-factory/contracts';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { NpmProjectValidator, type NpmValidatorOptions } from './project-validator';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-validate-'));
  dirs.push(dir);
  cpSync(fileURLToPath(new URL('../../test/fixtures/health-app', import.meta.url)), dir, { recursive: true });
  return dir;
}

const basePort = randomTestPortBase(20);
let nextPort = basePort;
function allocation(): ResourceAllocation {
  nextPort += 1;
  return {
    startupId: '11111111-2222-4333-8444-555555555555',
    memoryMb: 512,
    cpuCores: 0.5,
    storageGb: 2,
    ports: [nextPort],
    databaseNamespace: 'startup_fixture',
    apiQuota: { callsPerHour: 10, costPerDayUsd: 1 },
    allocatedAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: null,
  };
}

/** Only what npm needs to run, plus the fixture's switches. */
function validator(fixture: Record<string, string>, options: Partial<NpmValidatorOptions> = {}) {
  const purposes: AppProcessPurpose[] = [];
  const subject = new NpmProjectValidator({
    environment: (alloc, port, purpose) => {
      purposes.push(purpose);
      return {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        APP_DB_SCHEMA: alloc.databaseNamespace,
        PORT: String(port),
        ...fixture,
      };
    },
    // Sized for two loaded cores: npm alone can take seconds to start there.
    startTimeoutMs: 60_000,
    healthTimeoutMs: 3_000,
    ...options,
  });
  return { subject, purposes };
}

const byName = (steps: ValidationStep[]) => Object.fromEntries(steps.map((s) => [s.name, s]));

/** A stand-in npm in `dir`: `script` is the shell body run before anything else (`$1` is npm's command). */
function fakeNpm(dir: string, script: string): string {
  const path = join(dir, 'fake-npm.sh');
  writeFileSync(path, `#!/bin/sh\n${script}\nexec npm "$@"\n`, { mode: 0o755 });
  return path;
}

describe('NpmProjectValidator', () => {
  it('passes when the health check answers 200 with db up, recording every step with its duration', {
    timeout: scaled(120_000),
  }, async () => {
    const started: string[] = [];
    const finished: ValidationStep[] = [];
    const { subject, purposes } = validator(
      {},
      {
        observer: {
          stepStarted: (_id, name) => started.push(name),
          stepFinished: (_id, step) => finished.push(step),
        },
      },
    );
    const report = await subject.validate(fixtureCopy(), allocation());
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['install', true],
      ['build', true],
      ['start', true],
      ['health', true],
    ]);
    expect(report.ok).toBe(true);
    const steps = byName(report.steps);
    expect(steps.install?.detail).toContain('npm install');
    expect(steps.health?.detail).toMatch(/-> 200 .*"db":"up"/);
    for (const step of report.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    expect(started).toEqual(['install', 'build', 'start', 'health']);
    expect(finished).toEqual(report.steps);
    expect(purposes).toEqual(['install', 'build', 'start']);
  });

  it('fails on a 200 whose body does not say db up, with the body and the log tail', {
    timeout: scaled(120_000),
  }, async () => {
    const { subject } = validator({ FIXTURE_HEALTH: 'unconfigured' });
    const report = await subject.validate(fixtureCopy(), allocation());
    expect(report.ok).toBe(false);
    const health = byName(report.steps).health;
    expect(health?.ok).toBe(false);
    expect(health?.detail).toContain('"db":"unconfigured"');
    expect(health?.detail).toContain('fixture listening on');
  });

  it('fails on a 503 that lasts past the health deadline, with the body', {
    timeout: scaled(120_000),
  }, async () => {
    const { subject } = validator({ FIXTURE_HEALTH: 'down' });
    const report = await subject.validate(fixtureCopy(), allocation());
    expect(report.ok).toBe(false);
    const health = byName(report.steps).health;
    expect(health?.ok).toBe(false);
    expect(health?.detail).toMatch(/-> 503 .*relation \\?"items\\?" does not exist/);
    expect(health?.durationMs).toBeGreaterThanOrEqual(3_000);
  });

  it('fails the start step when the app exits before it answers', { timeout: scaled(120_000) }, async () => {
    const { subject } = validator({ FIXTURE_HEALTH: 'exit' });
    const report = await subject.validate(fixtureCopy(), allocation());
    const start = byName(report.steps).start;
    expect(start?.ok).toBe(false);
    expect(start?.detail).toContain('exited with');
    expect(start?.detail).toContain('cannot open the database');
    expect(byName(report.steps).health).toBeUndefined();
  });

  it('stops at a failing build with its log tail and never starts the app', {
    timeout: scaled(120_000),
  }, async () => {
    const dir = fixtureCopy();
    const envFile = join(dir, 'env.json');
    const { subject } = validator({ FIXTURE_BUILD: 'fail', FIXTURE_ENV_FILE: envFile });
    const report = await subject.validate(dir, allocation());
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['install', true],
      ['build', false],
    ]);
    expect(report.steps[1]?.detail).toContain('Type error in app/page.tsx');
    expect(existsSync(envFile)).toBe(false);
  });

  it("gives the app only the environment it is handed, never this process's", {
    timeout: scaled(120_000),
  }, async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://factory:hunter2@db.internal/factory');
    vi.stubEnv('OPENAI_API_KEY', 'sk-factory-secret');
    vi.stubEnv('FACTORY_API_TOKEN', 'factory-token-0123456789');
    try {
      const dir = fixtureCopy();
      const envFile = join(dir, 'env.json');
      const { subject } = validator({ FIXTURE_ENV_FILE: envFile });
      const report = await subject.validate(dir, allocation());
      expect(report.ok).toBe(true);
      const seen = JSON.parse(readFileSync(envFile, 'utf8')) as Record<string, string>;
      expect(seen.APP_DB_SCHEMA).toBe('startup_fixture');
      expect(seen.NODE_ENV).toBe('production');
      expect(seen.PORT).toBe(String(nextPort));
      for (const name of ['DATABASE_URL', 'OPENAI_API_KEY', 'FACTORY_API_TOKEN'])
        expect(seen[name]).toBeUndefined();
      expect(JSON.stringify(seen)).not.toMatch(/hunter2|sk-factory-secret|factory-token/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses to start on a port another process holds, instead of checking the wrong app', {
    timeout: scaled(120_000),
  }, async () => {
    const alloc = allocation();
    const squatter = createServer((_req, res) => res.end('{"status":"ok","db":"up"}'));
    await new Promise<void>((resolve) => squatter.listen(alloc.ports[0], '127.0.0.1', resolve));
    try {
      const { subject } = validator({});
      const report = await subject.validate(fixtureCopy(), alloc);
      const start = byName(report.steps).start;
      expect(start?.ok).toBe(false);
      expect(start?.detail).toContain(`port ${alloc.ports[0]} is already taken`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('passes a test step whose own checks were skipped, but says which and why', {
    timeout: scaled(120_000),
  }, async () => {
    const dir = fixtureCopy();
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    manifest.scripts.test = 'node test.mjs';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    writeFileSync(
      join(dir, 'test.mjs'),
      "console.log('14 passed');\nconsole.warn('\\x1b[33mbrowser test skipped: no Chromium found (set CHROMIUM_PATH)\\x1b[0m');\n",
    );
    const { subject } = validator({});
    const report = await subject.validate(dir, allocation());
    expect(report.ok).toBe(true);
    const test = byName(report.steps).test;
    expect(test?.ok).toBe(true);
    expect(test?.skipped).toEqual(['no Chromium found (set CHROMIUM_PATH)']);
    expect(test?.detail).toContain('skipped: no Chromium found');
    expect(byName(report.steps).build?.skipped).toBeUndefined();
  });

  it('tries an install once more when the registry said "not yet", and says so', {
    timeout: scaled(120_000),
  }, async () => {
    const dir = fixtureCopy();
    // A stand-in npm whose first install meets a version the registry lists but does not serve yet.
    const npm = fakeNpm(
      dir,
      `if [ "$1" = install ] && [ ! -f "${dir}/.tried" ]; then touch "${dir}/.tried"; echo 'npm error code ETARGET' >&2; exit 1; fi`,
    );
    const { subject } = validator({}, { npmCommand: npm, registryRetryPauseMs: 10 });
    const report = await subject.validate(dir, allocation());
    const install = byName(report.steps).install;
    expect(install?.ok).toBe(true);
    expect(install?.detail).toContain('tried twice: the registry first answered ETARGET');
    expect(report.ok).toBe(true);
  });

  it('does not retry an install that failed for good', { timeout: scaled(120_000) }, async () => {
    const dir = fixtureCopy();
    const npm = fakeNpm(dir, `echo "$1" >> "${dir}/.calls"\necho 'npm error code E404' >&2\nexit 1`);
    const { subject } = validator({}, { npmCommand: npm, registryRetryPauseMs: 10 });
    const report = await subject.validate(dir, allocation());
    expect(report.ok).toBe(false);
    expect(readFileSync(join(dir, '.calls'), 'utf8').trim().split('\n')).toEqual(['install']);
  });

  it('skips the install when node_modules were installed from the same package.json and lockfile, and says so', {
    timeout: scaled(120_000),
  }, async () => {
    const dir = fixtureCopy();
    // A stand-in npm that counts installs (an install leaves a node_modules and a lockfile).
    const npm = fakeNpm(
      dir,
      `if [ "$1" = install ]; then echo "$PWD" >> "${dir}/.calls"; mkdir -p node_modules; echo lock > package-lock.json; exit 0; fi`,
    );
    const installs = () => readFileSync(join(dir, '.calls'), 'utf8').trim().split('\n').length;
    const { subject } = validator({}, { npmCommand: npm });
    const first = await subject.validate(dir, allocation());
    expect(byName(first.steps).install).toMatchObject({ ok: true, detail: 'npm install' });
    expect(byName(first.steps).install?.skipped).toBeUndefined();

    const second = await subject.validate(dir, allocation());
    expect(second.ok).toBe(true);
    const install = byName(second.steps).install;
    expect(install?.ok).toBe(true);
    expect(install?.detail).toMatch(
      /^install skipped: node_modules were installed from this very package.json and package-lock.json/,
    );
    expect(install?.skipped).toHaveLength(1);
    expect(installs()).toBe(1);
    expect(byName(second.steps).build?.ok).toBe(true);

    // A copy whose node_modules are hard links of these (an evolve's gate) with another manifest installs,
    // and its record leaves the original's alone.
    const gate = mkdtempSync(join(tmpdir(), 'sf-validate-gate-'));
    dirs.push(gate);
    cpSync(dir, gate, { recursive: true, filter: (src) => !src.includes('node_modules') });
    execFileSync('cp', ['-al', join(dir, 'node_modules'), join(gate, 'node_modules')]);
    const manifest = JSON.parse(readFileSync(join(gate, 'package.json'), 'utf8'));
    manifest.dependencies = { 'left-pad': '1.3.0' };
    writeFileSync(join(gate, 'package.json'), JSON.stringify(manifest));
    const gated = await subject.validate(gate, allocation());
    expect(byName(gated.steps).install?.skipped).toBeUndefined();
    expect(installs()).toBe(2);
    const again = await subject.validate(dir, allocation());
    expect(byName(again.steps).install?.skipped).toHaveLength(1);
    expect(installs()).toBe(2);
  });

  it('skips a project without package.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-validate-empty-'));
    dirs.push(dir);
    const { subject } = validator({});
    expect(await subject.validate(dir, allocation())).toMatchObject({
      ok: true,
      skipped: true,
      steps: [],
      notBuilt: expect.stringMatching(/no package.json/),
    });
  });
});
