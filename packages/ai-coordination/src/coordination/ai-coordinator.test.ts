import { InvalidOutputError, ProviderError } from '@startup-factory/contracts';
import { aiCoordinatorContract, InMemoryStateStore, MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { CountingProvider, contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { draftOffline, OfflineProvider } from '../offline/offline-provider';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

aiCoordinatorContract('AICoordinator with the OfflineProvider', async () => {
  const store = new InMemoryStateStore();
  const provider = new CountingProvider(new OfflineProvider());
  const coordinator = new AICoordinator({
    providers: [provider],
    store,
    random: seededRandom(1),
    sleep: instantSleep,
  });
  return { coordinator, store, providerCalls: () => provider.calls };
});

const validFounder = JSON.stringify({
  summary: 'Ada has run dispatch for 8 years at a 40-van courier in Leeds.',
  strengths: ['Knows dispatch in depth', 'Has 12 courier contacts'],
  gaps: ['No engineering skills'],
  recommendations: ['Hire a senior engineer in Q1', 'Pilot with 3 courier firms'],
});

describe('AICoordinator', () => {
  it('falls back to the next provider when one fails and records both calls', async () => {
    const store = new InMemoryStateStore();
    const broken = new MockProvider({
      name: 'broken',
      complete: new ProviderError({ provider: 'broken', status: 401, permanent: true, message: 'bad key' }),
    });
    const good = new MockProvider({
      name: 'good',
      complete: { text: validFounder, inputTokens: 100, outputTokens: 50 },
    });
    const coordinator = new AICoordinator({
      providers: [broken, good],
      store,
      random: seededRandom(3),
      sleep: instantSleep,
    });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'broken' }),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    expect(result.provider).toBe('good');
    expect(broken.calls).toHaveLength(1);
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => [u.provider, u.outcome])).toEqual([
      ['broken', 'error'],
      ['good', 'success'],
    ]);
  });

  it('re-asks once with the validation errors, then fails over to the next provider', async () => {
    const store = new InMemoryStateStore();
    const sloppy = new MockProvider({
      name: 'sloppy',
      complete: { text: '{"summary": 7}', outputTokens: 5 },
    });
    const good = new MockProvider({ name: 'good', complete: { text: validFounder } });
    const coordinator = new AICoordinator({
      providers: [sloppy, good],
      store,
      random: seededRandom(3),
      sleep: instantSleep,
    });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'sloppy' }),
      contextFor('s1'),
    );
    expect(sloppy.calls).toHaveLength(2);
    expect(sloppy.calls[1]?.messages.at(-1)?.content).toContain('summary');
    expect(result.provider).toBe('good');
    expect((await store.listUsage({ startupId: 's1' })).map((u) => u.outcome)).toEqual([
      'invalid_output',
      'invalid_output',
      'success',
    ]);
  });

  it('returns a failed result with INVALID_OUTPUT when no provider produces valid output', async () => {
    const sloppy = new MockProvider({ name: 'sloppy', complete: { text: 'not json at all' } });
    const coordinator = new AICoordinator({
      providers: [sloppy],
      store: new InMemoryStateStore(),
      sleep: instantSleep,
    });
    const result = await coordinator.executeTaskWithContext(taskFor('s1', 'architecture'), contextFor('s1'));
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe(new InvalidOutputError({ message: '' }).code);
    expect(sloppy.calls).toHaveLength(2);
  });

  it('re-routes to the next provider when quality is below the threshold and returns the score', async () => {
    const store = new InMemoryStateStore();
    const vague = new MockProvider({
      name: 'vague',
      complete: {
        text: JSON.stringify({ summary: 'TBD', strengths: ['x'], gaps: [], recommendations: ['n/a'] }),
      },
    });
    const good = new MockProvider({ name: 'good', complete: { text: validFounder } });
    const coordinator = new AICoordinator({ providers: [vague, good], store, sleep: instantSleep });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'vague' }),
      contextFor('s1'),
    );
    expect(result.provider).toBe('good');
    expect(result.qualityScore).toBeGreaterThan(0.5);
  });

  it('shares market insights of a finished task with later tasks of the same startup', async () => {
    const store = new InMemoryStateStore();
    const offline = new CountingProvider(new OfflineProvider());
    const coordinator = new AICoordinator({ providers: [offline], store, sleep: instantSleep });
    const recorder = new MockProvider({
      name: 'recorder',
      complete: { text: JSON.stringify(draftOffline('mvp_spec')) },
    });
    await coordinator.executeTaskWithContext(taskFor('s1', 'market_research'), contextFor('s1'));
    const next = new AICoordinator({ providers: [recorder], store, sleep: instantSleep });
    await next.executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    expect(recorder.calls[0]?.system).toContain('marketInsights');
    expect(recorder.calls[0]?.system).toContain('Dispatcher');
  });

  it('keeps the interactions and insights of tasks of one startup that finish at once', async () => {
    const store = new InMemoryStateStore();
    const coordinator = new AICoordinator({ providers: [new OfflineProvider()], store, sleep: instantSleep });
    // As the pipeline runs market research: four focused subtasks at once, plus another task.
    const types = [
      'market_research.competitors',
      'market_research.personas',
      'market_research.pricing',
      'market_research.market_size',
      'founder_analysis',
    ];
    await Promise.all(
      types.map((type) =>
        coordinator.executeTaskWithContext(
          taskFor('s1', type, { outputSchema: type.split('.')[0]! }),
          contextFor('s1'),
        ),
      ),
    );
    const recorder = new MockProvider({
      name: 'recorder',
      complete: { text: JSON.stringify(draftOffline('mvp_spec')) },
    });
    const next = new AICoordinator({ providers: [recorder], store, sleep: instantSleep });
    await next.executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    const seen = recorder.calls[0]!;
    for (const type of types) expect(JSON.stringify(seen.messages)).toContain(`on ${type}]`);
    expect(seen.system).toContain('userPersonas');
    expect(seen.system).toContain('monetization');
    expect(seen.system).toContain('marketInsights');
  });

  it('warms up every output schema without calling a provider or writing to the store', async () => {
    const store = new InMemoryStateStore();
    const provider = new CountingProvider(new OfflineProvider());
    const coordinator = new AICoordinator({ providers: [provider], store, sleep: instantSleep });
    await coordinator.warmUp();
    expect(provider.calls).toBe(0);
    expect(store.state.documents.size).toBe(0);
    expect(store.state.usage).toEqual([]);
  });

  it('never writes an API key into logs, errors, stored context or usage', async () => {
    const secret = 'sk-test-THISISASECRETKEY1234567890';
    const store = new InMemoryStateStore();
    const logs: string[] = [];
    const leaky = new MockProvider({
      name: 'leaky',
      complete: new ProviderError({
        provider: 'leaky',
        status: 500,
        message: `upstream said: bad key ${secret}`,
      }),
    });
    const coordinator = new AICoordinator({
      providers: [leaky],
      store,
      sleep: instantSleep,
      logger: (e) => logs.push(e.message),
    });
    const result = await coordinator.executeTaskWithContext(taskFor('s1', 'code_slots'), contextFor('s1'));
    await coordinator.shareContextBetweenProviders('s1', 'openai', 'anthropic', { note: `key is ${secret}` });
    const everything = JSON.stringify({
      result,
      logs,
      state: [...store.state.documents.entries()],
      usage: store.state.usage,
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(result.error?.message).toContain('[redacted]');
    expect(everything).not.toContain(secret);
  });
});
