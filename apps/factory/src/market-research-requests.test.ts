import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_OUTPUT_TOKENS, draftOffline } from '@startup-factory/ai-coordination';
import { type LoopbackServer, startLoopbackServer } from '@startup-factory/ai-coordination/testing';
import { MARKET_RESEARCH_PARTS, MarketResearch, StartupConfig } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from './create-factory';
import type { Factory } from './factory';

const IDEA = { name: 'Route Mate', industry: 'Logistics', category: 'B2B SaaS' };
const PARTS = Object.keys(MARKET_RESEARCH_PARTS);
const MARKS = ['draftedOffline', 'genericDraft'];

/** A model's answer for a schema: the offline draft without the offline marks. */
function modelAnswer(schemaName: string): Record<string, unknown> {
  const draft = draftOffline(schemaName, StartupConfig.parse(IDEA)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(draft).filter(([k]) => !MARKS.includes(k)));
}

describe('market research through the composed factory and the openai SDK', () => {
  const dataDir = join(tmpdir(), `sf-market-requests-${process.pid}`);
  let server: LoopbackServer;
  let factory: Factory;
  beforeAll(async () => {
    let personasAsked = 0;
    server = await startLoopbackServer({
      responder: (request) => {
        const name = request.schemaName ?? 'founder_analysis';
        // The first personas answer holds another part's section instead of its own.
        if (name === 'market_personas' && personasAsked++ === 0)
          return { content: JSON.stringify(modelAnswer('market_pricing')) };
        return { content: JSON.stringify(modelAnswer(name)) };
      },
    });
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_500, end: 23_599 } },
      { env: { OPENAI_API_KEY: 'sk-market-requests-0000', OPENAI_BASE_URL: server.openaiBaseURL } },
    );
  });
  afterAll(async () => {
    await factory?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each part task only its part schema, validates the answer against it, and merges a whole research', {
    timeout: scaled(120_000),
  }, async () => {
    const created = await factory.create(IDEA);
    const done = await factory.waitFor(created.id);
    expect(done.status).toBe('completed');
    const market = server.requests.filter(
      (r) => r.schemaName === 'market_research' || PARTS.includes(r.schemaName ?? ''),
    );
    expect(market.map((r) => r.schemaName).sort()).toEqual([...PARTS, 'market_personas'].sort());
    for (const request of market) {
      const name = request.schemaName as keyof typeof MARKET_RESEARCH_PARTS;
      const sent = Object.keys(request.body.response_format.json_schema.schema.properties).sort();
      expect(sent, name).toEqual(Object.keys(MARKET_RESEARCH_PARTS[name].shape).sort());
    }
    // Every request carries its task's output limit: the MVP spec its own, the parts the default.
    expect(market.map((r) => r.body.max_tokens)).toEqual(market.map(() => DEFAULT_MAX_OUTPUT_TOKENS));
    expect(server.requests.find((r) => r.schemaName === 'mvp_spec')?.body.max_tokens).toBe(16_384);
    const reask = market.filter((r) => r.schemaName === 'market_personas')[1];
    expect(reask?.body.messages.at(-1).content).toContain('personas');

    const research = MarketResearch.parse(await factory.parts.pipeline.outputOf(done.id, 'market_research'));
    const whole = modelAnswer('market_research');
    expect(research.personas).toEqual(whole.personas);
    expect(research.competitors).toEqual(whole.competitors);
    expect(research.pricing).toEqual(whole.pricing);
    expect(research.marketSize).toEqual(whole.marketSize);
    expect(research.draftedOffline).toBe(false);
    const personasCalls = (await factory.parts.store.listUsage({ startupId: done.id }))
      .filter((u) => u.taskType === 'market_research.personas')
      .map((u) => u.outcome);
    expect(personasCalls).toEqual(['invalid_output', 'success']);
  });
});
