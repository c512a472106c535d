import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { draftOffline, OfflineProvider, OpenAICompatibleProvider } from '@startup-factory/ai-coordination';
import { type LoopbackServer, startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { computeAnalytics, formatAnalyticsTable } from '@startup-factory/production';
import { afterEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { startupDetails } from '../src/cli/output';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { pgliteStores } from './composed-harness';

const KEY = 'sk-loopback-visible-0123456789abcdef';

/** A valid answer for the schema the request names, as a model would send it (no offline marker). */
const answer = (schemaName: string | undefined) => {
  const { draftedOffline: _, ...output } = draftOffline(schemaName ?? '') as Record<string, unknown>;
  return { content: JSON.stringify(output), inputTokens: 900, outputTokens: 300 };
};

describe('retries, re-asks, models, cost and quality of a real provider, as the user sees them', () => {
  let server: LoopbackServer | undefined;
  let factory: Factory | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-ai-visible-'));
  afterEach(async () => {
    await factory?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a 503 retried and a schema-invalid answer re-asked in `show` and analytics, with quality filled', {
    timeout: scaled(120_000),
  }, async () => {
    server = await startLoopbackServer({ responder: (request) => answer(request.schemaName) });
    // The first task (founder analysis): 503, then JSON that misses the schema, then a valid answer.
    server.enqueue({ status: 503 }, { content: '{"summary": 7}', inputTokens: 900, outputTokens: 5 });
    const { store } = await pgliteStores();
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 25_100, end: 25_199 } },
      {
        env: {},
        store,
        adaptiveConcurrency: false,
        providers: [
          new OpenAICompatibleProvider({
            name: 'openai',
            apiKey: KEY,
            baseURL: server.openaiBaseURL,
            defaultModel: 'gpt-4o-mini',
            timeoutMs: 5000,
          }),
          new OfflineProvider(),
        ],
      },
    );
    const created = await factory.create({ name: 'Route Mate', industry: 'Logistics', category: 'B2B SaaS' });
    const done = await factory.waitFor(created.id);
    expect(done.status).toBe('completed');
    expect(done.draftedOffline).toEqual([]);

    const founder = done.ai.phases.find((p) => p.phase === 'founder_analysis');
    expect(founder).toMatchObject({
      calls: 3,
      retries: 1,
      reasks: 1,
      fallbacks: 0,
      models: ['openai/gpt-4o-mini'],
    });
    expect(founder?.inputTokens).toBe(1800); // the 503 carried no usage
    expect(founder?.costUsd).toBeGreaterThan(0);
    expect(founder?.quality).toBeGreaterThan(0);
    expect(founder?.quality).toBeLessThanOrEqual(0.5); // a re-asked answer delivers half its score
    const research = done.ai.phases.find((p) => p.phase === 'market_research');
    expect(research).toMatchObject({ calls: 4, retries: 0, reasks: 0, fallbacks: 0, tasks: 4 });
    expect(done.ai.total.calls).toBe(server.requests.length);

    const details = startupDetails(done);
    expect(details).toMatch(
      /ai calls: +founder_analysis: 3 calls \(1 retry, 1 re-ask\), openai\/gpt-4o-mini, 1800\/305 tokens, \$0\.\d{4}, quality 0\.\d\d/,
    );
    expect(details).toMatch(/market_research: 4 calls, openai\/gpt-4o-mini/);

    const analytics = await computeAnalytics({ store: factory.parts.store, manager: factory.parts.manager });
    const phase = analytics.phases.find((p) => p.key === 'founder_analysis');
    expect(phase).toMatchObject({
      calls: 3,
      retries: 1,
      reasks: 1,
      fallbacks: 0,
      models: ['openai/gpt-4o-mini'],
    });
    expect(phase?.quality).toBe(founder?.quality);
    for (const p of analytics.phases.filter((row) => row.calls > 0)) {
      expect(p.quality, p.key).not.toBeNull();
      expect(p.quality).toBeGreaterThan(0);
      expect(p.quality).toBeLessThanOrEqual(1);
    }
    const provider = analytics.providers.find((p) => p.key === 'openai');
    expect(provider).toMatchObject({ retries: 1, reasks: 1 });
    expect(provider?.quality).toBeGreaterThan(0);
    expect(formatAnalyticsTable(analytics)).toMatch(
      /founder_analysis\s+1\s+3\s.*\s1\s+1\s+0\s+0\.\d\d\s+100%\s+openai\/gpt-4o-mini/,
    );
  });
});
