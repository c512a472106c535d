import type { IProvider } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instantSleep, taskFor } from '../../test/fixtures';
import { founderContext, runPipelineTasks } from '../../test/pipeline-tasks';
import { AICoordinator } from '../coordination/ai-coordinator';
import { seededRandom } from '../coordination/seeded-random';
import { draftOffline } from '../offline/offline-provider';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import { AnthropicProvider } from './anthropic-provider';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

const drafting = (r: RecordedRequest) => ({
  content: JSON.stringify(draftOffline(r.schemaName ?? 'founder_analysis')),
});

let server: LoopbackServer;
afterEach(() => server.close());

async function strictServer() {
  server = await startLoopbackServer({ strictness: { alternatingRoles: true }, responder: drafting });
  return server;
}

const providerFor = (protocol: 'openai' | 'anthropic', s: LoopbackServer, stream = false): IProvider =>
  protocol === 'openai'
    ? new OpenAICompatibleProvider({ name: 'vllm', apiKey: 'sk-local', baseURL: s.openaiBaseURL, stream })
    : new AnthropicProvider({ name: 'bedrock', apiKey: 'sk-ant-local', baseURL: s.anthropicBaseURL, stream });

const coordinatorFor = (provider: IProvider, store = new InMemoryStateStore()) =>
  new AICoordinator({ providers: [provider], store, sleep: instantSleep, random: seededRandom(5) });

/** The turns after any system messages, as the server received them. */
const turnsOf = (r: RecordedRequest) =>
  (r.body.messages as Array<{ role: string; content: string }>).filter((m) => m.role !== 'system');

for (const protocol of ['openai', 'anthropic'] as const) {
  describe(`the ${protocol} SDK against a server that enforces alternating roles`, () => {
    it('runs all eight pipeline tasks without a refusal', async () => {
      const s = await strictServer();
      const results = await runPipelineTasks(coordinatorFor(providerFor(protocol, s)), 's1');
      expect(results.map((r) => [r.type, r.status])).toEqual(results.map((r) => [r.type, 'succeeded']));
      expect(s.requests).toHaveLength(8);
    });

    it.each([
      ['no earlier context', 0, false],
      ['one earlier interaction', 1, false],
      ['many earlier interactions', 40, false],
      ['shared insights only', 0, true],
      ['many interactions and insights', 40, true],
    ])('sends a valid conversation with %s', async (_, interactions, insights) => {
      const s = await strictServer();
      const store = new InMemoryStateStore();
      const coordinator = coordinatorFor(providerFor(protocol, s, interactions > 1), store);
      for (let i = 0; i < interactions; i++) {
        await coordinator.context.record('s1', {
          provider: i % 2 ? 'openai' : 'anthropic',
          taskType: 'market_research.personas',
          content: i % 7 === 3 ? '' : `Dispatchers re-plan routes ${i} times a week.`,
          at: new Date(Date.UTC(2025, 0, 1, 0, i)),
        });
      }
      if (insights) {
        await coordinator.context.record(
          's1',
          { provider: 'openai', taskType: 'context.share', content: 'insights', at: new Date() },
          { marketInsights: 'Small couriers plan routes by hand.', userPersonas: ['Dispatcher'] },
        );
      }
      const result = await coordinator.executeTaskWithContext(
        taskFor('s1', 'mvp_spec'),
        founderContext('s1'),
      );
      expect(result.status).toBe('succeeded');
      const [request] = s.requests;
      const turns = turnsOf(request as RecordedRequest);
      expect(turns.map((t) => t.role)).toEqual(['user']);
      if (interactions > 1) expect(turns[0]?.content).toContain('re-plan routes 1 times');
      if (insights) expect(JSON.stringify(request?.body)).toContain('Small couriers plan routes by hand.');
    });

    it('re-asks after an off-schema answer in alternating turns', async () => {
      const s = await strictServer();
      s.enqueue({ content: '{"headline": 5}' });
      const result = await coordinatorFor(providerFor(protocol, s)).executeTaskWithContext(
        taskFor('s1', 'code_slots'),
        founderContext('s1'),
      );
      expect(result.status).toBe('succeeded');
      expect(s.requests).toHaveLength(2);
      expect(turnsOf(s.requests[1] as RecordedRequest).map((t) => t.role)).toEqual([
        'user',
        'assistant',
        'user',
      ]);
    });
  });
}
