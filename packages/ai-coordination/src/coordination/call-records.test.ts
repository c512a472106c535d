import { ProviderError } from '@startup-factory/contracts';
import { InMemoryStateStore, MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { draftOffline, OfflineProvider } from '../offline/offline-provider';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const founder = () => {
  const { draftedOffline: _, ...output } = draftOffline('founder_analysis') as Record<string, unknown>;
  return JSON.stringify(output);
};
/** Runs founder_analysis for startup s1 through `providers` (the first preferred), seeded, never sleeping. */
const runFounder = (
  store: InMemoryStateStore,
  providers: ConstructorParameters<typeof AICoordinator>[0]['providers'],
  extra: Partial<ConstructorParameters<typeof AICoordinator>[0]> = {},
) =>
  new AICoordinator({
    providers,
    store,
    random: seededRandom(1),
    sleep: instantSleep,
    ...extra,
  }).executeTaskWithContext(
    taskFor('s1', 'founder_analysis', { provider: providers[0]!.name, phase: 'founder_analysis' }),
    contextFor('s1'),
  );
const unavailable = () => new ProviderError({ provider: 'first', status: 503, message: 'answered HTTP 503' });

describe('what the coordinator records about each call', () => {
  it('says why each call was made (first, retry, re-ask, fallback), its phase, and marks the kept one with its quality', async () => {
    const store = new InMemoryStateStore();
    const first = new MockProvider({
      name: 'first',
      complete: [unavailable(), { text: '{"summary": 7}' }, { text: '{}' }],
    });
    const second = new MockProvider({
      name: 'second',
      complete: { text: founder(), inputTokens: 90, outputTokens: 40 },
    });
    const coordinator = new AICoordinator({
      providers: [first, second],
      store,
      random: seededRandom(1),
      sleep: instantSleep,
    });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'first', phase: 'founder_analysis' }),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => [u.provider, u.reason, u.outcome, u.kept ?? false])).toEqual([
      ['first', 'first', 'error', false],
      ['first', 'retry', 'invalid_output', false],
      ['first', 'reask', 'invalid_output', false],
      ['second', 'fallback', 'success', true],
    ]);
    expect(usage.every((u) => u.phase === 'founder_analysis')).toBe(true);
    const kept = usage.find((u) => u.kept);
    expect(kept?.qualityScore).toBe(result.qualityScore);
    expect(kept?.qualityScore).toBeGreaterThan(0);
    expect(kept?.qualityScore).toBeLessThanOrEqual(1);
  });

  it('settles each call once, the kept one with its quality, when no judge grades the answer', async () => {
    const store = new InMemoryStateStore();
    const settles: Array<{ id: string; kept: boolean }> = [];
    const settleUsage = store.settleUsage.bind(store);
    store.settleUsage = async (record, documents) => {
      settles.push({ id: record.id, kept: record.kept ?? false });
      return settleUsage(record, documents);
    };
    const first = new MockProvider({ name: 'first', complete: [unavailable()] });
    const second = new MockProvider({ name: 'second', complete: { text: founder() } });
    const result = await runFounder(store, [first, second], { retry: { maxAttempts: 2 } });
    expect(result.status).toBe('succeeded');
    const usage = await store.listUsage({ startupId: 's1' });
    // One settle per call: the kept answer is not written once as a success and again as kept.
    expect(settles.map((s) => s.id).sort()).toEqual(usage.map((u) => u.id).sort());
    expect(settles.filter((s) => s.kept)).toHaveLength(1);
    expect(usage.find((u) => u.kept)?.qualityScore).toBe(result.qualityScore);
  });

  it('settles the kept answer, writes the task context and what routing learned in one write, and stores it all', async () => {
    const store = new InMemoryStateStore();
    const writes: Array<{ settles: string | null; collections: string[] }> = [];
    const putDocuments = store.putDocuments.bind(store);
    const settleUsage = store.settleUsage.bind(store);
    store.putDocuments = async (documents) => {
      writes.push({ settles: null, collections: documents.map((d) => d.collection) });
      return putDocuments(documents);
    };
    store.settleUsage = async (record, documents = []) => {
      writes.push({ settles: record.outcome, collections: documents.map((d) => d.collection) });
      return settleUsage(record, documents);
    };
    const result = await runFounder(store, [
      new MockProvider({ name: 'second', complete: { text: founder() } }),
    ]);
    expect(result.status).toBe('succeeded');
    expect(writes).toHaveLength(1);
    expect(writes[0]?.settles).toBe('success');
    expect(writes[0]?.collections).toEqual(expect.arrayContaining(['ai-context/s1', 'ai-learning']));
    const [kept] = await store.listUsage({ startupId: 's1' });
    expect(kept).toMatchObject({ provider: 'second', outcome: 'success', kept: true });
    expect(kept?.qualityScore).toBe(result.qualityScore);
    expect((await store.listDocuments('ai-context/s1')).length).toBeGreaterThan(0);
    const learned =
      await store.listDocuments<Record<string, Record<string, { pulls: number }>>>('ai-learning');
    expect(learned.map((d) => d.value.founder_analysis?.second?.pulls)).toEqual([1]);
  });

  it('records an offline draft that stood in for failed providers as a fallback, kept', async () => {
    const store = new InMemoryStateStore();
    const down = new MockProvider({
      name: 'first',
      complete: new ProviderError({ provider: 'first', status: 401, permanent: true, message: 'bad key' }),
    });
    const coordinator = new AICoordinator({
      providers: [down, new OfflineProvider()],
      store,
      random: seededRandom(1),
      sleep: instantSleep,
      offlineFallback: true,
    });
    await coordinator.executeTaskWithContext(taskFor('s2', 'founder_analysis'), contextFor('s2'));
    const usage = await store.listUsage({ startupId: 's2' });
    expect(usage.map((u) => [u.provider, u.reason, u.kept ?? false])).toEqual([
      ['first', 'first', false],
      ['offline', 'fallback', true],
    ]);
  });
});
