import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMode, loadConfig } from './factory-config';

describe('loadConfig', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'sf-config-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('gives the embedded default when nothing is set', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config.dataDir).toBe(join(cwd, '.factory'));
    expect(config.maxConcurrentStartups).toBe(5);
    expect(config.portRange).toEqual({ start: 3000, end: 3099 });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4310 });
    expect(describeMode(config)).toEqual({ mode: 'embedded', state: 'pglite', queue: 'in-process' });
  });

  it('selects distributed back ends from the environment', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: 'postgres://u:p@db:5432/f',
        REDIS_URL: 'redis://cache:6379',
        FACTORY_PORT_RANGE: '4000-4010',
      },
      cwd,
    });
    expect(describeMode(config)).toEqual({ mode: 'distributed', state: 'postgresql', queue: 'bullmq' });
    expect(config.portRange).toEqual({ start: 4000, end: 4010 });
  });

  it('labels a half-distributed config for what it shares, not as distributed', () => {
    const pgOnly = loadConfig({ env: { DATABASE_URL: 'postgres://u:p@db:5432/f' }, cwd });
    expect(describeMode(pgOnly)).toEqual({
      mode: 'shared store, in-process queue',
      state: 'postgresql',
      queue: 'in-process',
    });
    const redisOnly = loadConfig({ env: { REDIS_URL: 'redis://cache:6379' }, cwd });
    expect(describeMode(redisOnly).mode).toBe('embedded store, shared queue');
  });

  it('reads a YAML config file and lets the environment override it', () => {
    writeFileSync(join(cwd, 'factory.config.yaml'), 'maxConcurrentStartups: 3\nhttp:\n  port: 5000\n');
    const config = loadConfig({ env: { FACTORY_MAX_CONCURRENT: '7' }, cwd });
    expect(config.maxConcurrentStartups).toBe(7);
    expect(config.http.port).toBe(5000);
  });

  it('names the field of a bad value', () => {
    writeFileSync(
      join(cwd, 'factory.config.json'),
      JSON.stringify({ portRange: { start: 5000, end: 4000 } }),
    );
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/portRange\.end/);
    expect(() => loadConfig({ env: { FACTORY_MAX_CONCURRENT: 'many' }, cwd: tmpdir() })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('refuses a non-loopback bind without a token', () => {
    expect(() => loadConfig({ env: { FACTORY_HTTP_HOST: '0.0.0.0' }, cwd })).toThrow(/http\.token/);
    const config = loadConfig({
      env: { FACTORY_HTTP_HOST: '0.0.0.0', FACTORY_API_TOKEN: 'a-long-enough-token' },
      cwd,
    });
    expect(config.http.host).toBe('0.0.0.0');
  });

  it('configures the AI pipeline per provider from the file, overridden by the environment', () => {
    expect(loadConfig({ env: {}, cwd }).ai).toEqual({
      offlineFallback: false,
      attempts: 3,
      timeoutMs: 60_000,
      stream: false,
      providers: {},
    });
    writeFileSync(
      join(cwd, 'factory.config.yaml'),
      [
        'ai:',
        '  attempts: 2',
        '  providers:',
        '    anthropic: { model: claude-haiku-5-5, timeoutMs: 20000, stream: true }',
        '    openai: { baseUrl: "http://127.0.0.1:11434/v1", attempts: 1 }',
      ].join('\n'),
    );
    const config = loadConfig({
      env: {
        FACTORY_OFFLINE_FALLBACK: '1',
        FACTORY_AI_TIMEOUT_MS: '30000',
        ANTHROPIC_TIMEOUT_MS: '45000',
        OPENAI_MODEL: 'llama3.3',
        OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
        PERPLEXITY_STREAM: 'false',
      },
      cwd,
    });
    expect(config.ai).toEqual({
      offlineFallback: true,
      attempts: 2,
      timeoutMs: 30_000,
      stream: false,
      providers: {
        anthropic: { model: 'claude-haiku-5-5', timeoutMs: 45_000, stream: true },
        openai: { baseUrl: 'http://127.0.0.1:8000/v1', attempts: 1, model: 'llama3.3' },
        perplexity: { stream: false },
      },
    });
    expect(() => loadConfig({ env: { OPENAI_ATTEMPTS: 'twice' }, cwd })).toThrow(/OPENAI_ATTEMPTS/);
    expect(() => loadConfig({ env: { FACTORY_AI_ATTEMPTS: '0' }, cwd })).toThrow(/ai\.attempts/);
    expect(loadConfig({ env: { FACTORY_AI_JUDGE: 'anthropic' }, cwd }).ai.judge).toBe('anthropic');
    expect(loadConfig({ env: {}, cwd }).ai.judge).toBeUndefined();
    expect(() => loadConfig({ env: { FACTORY_AI_JUDGE: 'gpt' }, cwd })).toThrow(/ai\.judge/);
  });

  it('rejects unknown keys and a missing --config file', () => {
    writeFileSync(join(cwd, 'factory.config.json'), JSON.stringify({ dataDirr: 'x' }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/dataDirr/);
    expect(() => loadConfig({ env: {}, cwd, file: 'nope.yaml' })).toThrow(/does not exist/);
  });
});
