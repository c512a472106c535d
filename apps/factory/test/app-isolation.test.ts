import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResourceAllocation } from '@startup-factory/contracts';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { pgliteStores } from './composed-harness';

const SECRETS = {
  DATABASE_URL: 'postgres://factory:hunter2@db.internal:5432/factory',
  REDIS_URL: 'redis://:redis-secret@cache.internal:6379',
  OPENAI_API_KEY: 'sk-openai-secret',
  ANTHROPIC_API_KEY: 'sk-ant-secret',
  PERPLEXITY_API_KEY: 'pplx-secret',
  FACTORY_API_TOKEN: 'factory-token-0123456789',
  GITHUB_TOKEN: 'ghp_secret',
};
const leaked = /hunter2|redis-secret|sk-openai|sk-ant|pplx-secret|factory-token|ghp_secret/;

function allocation(): ResourceAllocation {
  return {
    startupId: '11111111-2222-4333-8444-555555555555',
    memoryMb: 512,
    cpuCores: 0.5,
    storageGb: 2,
    ports: [randomTestPortBase(1)],
    databaseNamespace: 'startup_env_app_1a2b',
    apiQuota: { callsPerHour: 10, costPerDayUsd: 1 },
    allocatedAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: null,
  };
}

describe("a generated app runs on its own settings, never the factory's", () => {
  let factory: Factory | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await factory?.close();
    factory = undefined;
    vi.unstubAllEnvs();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function validateEnvApp(config: { databaseUrl?: string }) {
    for (const [name, value] of Object.entries(SECRETS)) vi.stubEnv(name, value);
    const dataDir = mkdtempSync(join(tmpdir(), 'sf-isolation-'));
    const project = join(dataDir, 'projects', 'env-app');
    dirs.push(dataDir);
    cpSync(fileURLToPath(new URL('./fixtures/env-app', import.meta.url)), project, { recursive: true });
    // An open PGlite store stands in for the PostgreSQL a databaseUrl names: only the app's settings matter here.
    const { store } = await pgliteStores();
    factory = await createFactory({ dataDir, ...config }, { store, env: {}, adaptiveConcurrency: false });
    const report = await factory.parts.validator!.validate(project, allocation());
    const seen = JSON.parse(readFileSync(join(project, 'env.json'), 'utf8')) as Record<string, string>;
    return { report, seen, dataDir };
  }

  it('embedded mode: installs with the bundled pnpm from the shared store; the app gets its schema and no database URL', {
    timeout: scaled(180_000),
  }, async () => {
    const { report, seen, dataDir } = await validateEnvApp({});
    expect(report.steps.map((s) => [s.name, s.ok])).toEqual([
      ['install', true],
      ['start', true],
      ['health', true],
    ]);
    expect(report.steps[0]?.detail).toContain(
      `pnpm install --prefer-offline (store ${join(dataDir, 'package-store')}`,
    );
    expect(existsSync(join(dataDir, 'package-store', 'store'))).toBe(true);
    expect(seen.APP_DB_SCHEMA).toBe('startup_env_app_1a2b');
    expect(seen.APP_DATABASE_URL).toBeUndefined();
    expect(seen.DATABASE_URL).toBeUndefined();
    expect(JSON.stringify(seen)).not.toMatch(leaked);
  });

  it("distributed mode: the app gets the factory's PostgreSQL as APP_DATABASE_URL plus its schema, not DATABASE_URL", {
    timeout: scaled(180_000),
  }, async () => {
    const { report, seen } = await validateEnvApp({ databaseUrl: SECRETS.DATABASE_URL });
    expect(report.ok).toBe(true);
    expect(seen.APP_DATABASE_URL).toBe(SECRETS.DATABASE_URL);
    expect(seen.APP_DB_SCHEMA).toBe('startup_env_app_1a2b');
    expect(seen.DATABASE_URL).toBeUndefined();
    const { APP_DATABASE_URL: _, ...rest } = seen;
    expect(JSON.stringify(rest)).not.toMatch(leaked);
  });
});
