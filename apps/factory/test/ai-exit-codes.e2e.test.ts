import { rmSync } from 'node:fs';
import { type LoopbackServer, startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/exit-codes';
import { freshDir, portRange, runCli } from './run-cli';

const KEY = 'sk-loopback-exit-codes-0123456789abcdef';
const create = ['--json', 'create', '--name', 'Route Mate', '--industry', 'Logistics', '--category', 'B2B'];

/** Commands against an AI provider that fails: the exit code says how, not the crash's 1 or the pipeline's 5. */
describe('the exit code of a startup the AI failed', () => {
  let server: LoopbackServer;
  let cwd: string;
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: () => ({ status: 503 }) });
    cwd = freshDir('ai-exit');
  });
  afterEach(async () => {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  const env = (seed: number, ai: 'loopback' | 'offline' = 'loopback') => ({
    ...(ai === 'loopback' ? { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL } : {}),
    FACTORY_PORT_RANGE: portRange(seed),
    FACTORY_VALIDATE_PROJECTS: 'false',
    FACTORY_AI_ATTEMPTS: '1',
  });
  const run = (seed: number) => runCli(create, { cwd, env: env(seed) });

  it('exits 9 when every AI provider failed (ALL_PROVIDERS_FAILED)', async () => {
    const result = await run(41);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'failed',
      error: { code: 'ALL_PROVIDERS_FAILED' },
    });
    expect(result.code, result.stderr).toBe(EXIT.aiUnavailable);
    expect(result.code).toBe(9);
  });

  it('exits 10 when the AI answered, but never in the shape the task needs (INVALID_OUTPUT)', async () => {
    server.setResponder(() => ({ content: 'Sure! Here is what I think about logistics.' }));
    const result = await run(42);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'failed', error: { code: 'INVALID_OUTPUT' } });
    expect(result.code, result.stderr).toBe(EXIT.aiInvalidOutput);
    expect(result.code).toBe(10);
  });

  it('exits 9 when a command itself fails on the AI: evolve --change with every provider down', async () => {
    const created = await runCli(create, { cwd, env: env(43, 'offline') });
    expect(created.code, created.stderr).toBe(0);
    const result = await runCli(['evolve', 'route-mate', '--change', 'add a phone field to customers'], {
      cwd,
      env: env(43),
    });
    expect(result.stderr).toMatch(/factory: .*\[ALL_PROVIDERS_FAILED\]/);
    expect(result.code, result.stderr).toBe(EXIT.aiUnavailable);
  });
});
