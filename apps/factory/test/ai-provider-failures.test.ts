import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineProvider, OpenAICompatibleProvider } from '@startup-factory/ai-coordination';
import { type LoopbackServer, startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { FactoryConfigInput } from '../src/config/factory-config';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { pgliteStores } from './composed-harness';

const KEY = 'sk-loopback-factory-0123456789abcdef';
const startup = { name: 'Route Mate', industry: 'Logistics', category: 'B2B SaaS' };

describe('a factory whose real AI provider fails', () => {
  let server: LoopbackServer;
  let factory: Factory | undefined;
  let dataDir: string;
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: () => ({ status: 503 }) });
    dataDir = mkdtempSync(join(tmpdir(), 'sf-ai-failures-'));
  });
  afterEach(async () => {
    await factory?.close();
    factory = undefined;
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (
    config: Partial<FactoryConfigInput>,
    providers?: ReturnType<typeof networkProvider>[],
  ) => {
    const { store } = await pgliteStores();
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 25_000, end: 25_999 }, ...config },
      {
        env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL },
        store,
        adaptiveConcurrency: false,
        ...(providers ? { providers: [...providers, new OfflineProvider()] } : {}),
      },
    );
    return factory;
  };
  const networkProvider = () =>
    new OpenAICompatibleProvider({
      name: 'openai',
      apiKey: KEY,
      baseURL: server.openaiBaseURL,
      timeoutMs: 2000,
    });

  it('fails the startup with ALL_PROVIDERS_FAILED after 3 calls in all, drafting nothing offline', {
    timeout: scaled(180_000),
  }, async () => {
    const f = await open({}, [networkProvider()]);
    const done = await f.waitFor((await f.create(startup)).id);
    expect(server.requests).toHaveLength(3);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ phase: 'founder_analysis', code: 'ALL_PROVIDERS_FAILED' });
    expect(done.error?.message).toMatch(/openai: .*503/);
    expect(done.error?.message).toMatch(/resume the startup/);
    expect(done.draftedOffline).toEqual([]);
  });

  it('fails within timeout x attempts + 5 s when the configured provider never answers', {
    timeout: scaled(180_000),
  }, async () => {
    server.setResponder(() => ({ hang: true }));
    const f = await open({ ai: { timeoutMs: 500 } });
    const started = Date.now();
    const done = await f.waitFor((await f.create(startup)).id);
    const elapsed = Date.now() - started;
    expect(done.error).toMatchObject({ code: 'ALL_PROVIDERS_FAILED' });
    expect(done.error?.message).toMatch(/timed out/);
    expect(server.requests).toHaveLength(3);
    expect(elapsed).toBeLessThanOrEqual(500 * 3 + 5000);
  });

  it('finishes with offline drafts, marked as such, when the fallback is allowed', {
    timeout: scaled(120_000),
  }, async () => {
    const f = await open({ ai: { offlineFallback: true, attempts: 1 } });
    const done = await f.waitFor((await f.create(startup)).id);
    expect(done.status).toBe('completed');
    expect(done.draftedOffline).toEqual(
      expect.arrayContaining(['founder_analysis', 'market_research', 'mvp_spec', 'architecture']),
    );
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.body.model === 'gpt-6-luna')).toBe(true);
  });
});
