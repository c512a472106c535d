import { rmSync } from 'node:fs';
import { type LoopbackServer, startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli/exit-codes';
import { freshDir, portRange, runCli } from './run-cli';

const KEY = 'sk-loopback-exit-codes-0123456789abcdef';
const create = ['--json', 'create', '--name', 'Route Mate', '--industry', 'Logistics', '--category', 'B2B'];

/** `factory create` against an AI provider that fails: the exit code says how, not the pipeline's 5. */
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

  const run = (seed: number) =>
    runCli(create, {
      cwd,
      env: {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: server.openaiBaseURL,
        FACTORY_PORT_RANGE: portRange(seed),
        FACTORY_VALIDATE_PROJECTS: 'false',
        FACTORY_AI_ATTEMPTS: '1',
      },
    });

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
});
