import type { CompletionRequest, CompletionResponse, IProvider } from '@startup-factory/contracts';
import { InMemoryStateStore, MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const founder = JSON.stringify({
  summary: 'Ada has run dispatch for 8 years at a 40-van courier in Leeds.',
  strengths: ['Knows dispatch in depth', 'Has 12 courier contacts'],
  gaps: ['No engineering skills'],
  recommendations: ['Hire a senior engineer in Q1', 'Pilot with 3 courier firms'],
});

/** A provider with a result cache keyed on the task type (the shape production's CachingProvider has). */
class MemoProvider implements IProvider {
  readonly name = 'memo';
  readonly defaultModel = 'gpt-4o-mini';
  readonly offline = false;
  readonly memo = new Map<string, CompletionResponse>();
  constructor(private readonly inner: MockProvider) {}

  async answerFromCache(request: CompletionRequest): Promise<CompletionResponse | null> {
    const found = this.memo.get(request.taskType);
    return found ? { ...found, cached: true } : null;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const hit = await this.answerFromCache(request);
    if (hit) return hit;
    const response = await this.inner.complete(request);
    this.memo.set(request.taskType, response);
    return response;
  }
}

function setup() {
  const store = new InMemoryStateStore();
  const inner = new MockProvider({
    name: 'memo',
    complete: { text: founder, model: 'gpt-4o-mini', inputTokens: 1000, outputTokens: 500 },
  });
  const provider = new MemoProvider(inner);
  const coordinator = new AICoordinator({
    providers: [provider],
    store,
    random: seededRandom(5),
    sleep: instantSleep,
  });
  return { store, inner, provider, coordinator };
}

describe('AICoordinator with cached answers', () => {
  it('records a cache hit as "cached" at no cost, outside the calls-per-hour quota', async () => {
    const { store, inner, coordinator } = setup();
    const context = contextFor('s1', { callsPerHour: 1 });
    const first = await coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
    expect(first.status).toBe('succeeded');
    // The quota (1 call an hour) is used up, yet cached answers still come back.
    for (let i = 0; i < 3; i++) {
      const again = await coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
      expect(again.status).toBe('succeeded');
      expect(again.output).toMatchObject(JSON.parse(founder));
    }
    expect(inner.calls).toHaveLength(1);
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => u.outcome)).toEqual(['success', 'cached', 'cached', 'cached']);
    expect(usage.slice(1).every((u) => u.costUsd === 0)).toBe(true);
    expect(usage[0]!.costUsd).toBeGreaterThan(0);
    const hour = await store.usageSince('s1', new Date(0));
    expect(hour.calls).toBe(1);
    expect(hour.costUsd).toBe(usage[0]!.costUsd);
  });

  it('still refuses over quota when the cache cannot answer, without calling the vendor', async () => {
    const { store, inner, provider, coordinator } = setup();
    const context = contextFor('s1', { callsPerHour: 1 });
    await coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
    provider.memo.clear();
    await expect(
      coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context),
    ).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(inner.calls).toHaveLength(1);
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => u.outcome)).toEqual(['success', 'quota_exceeded']);
  });

  it('does not count cached answers within quota either', async () => {
    const { store, coordinator } = setup();
    const context = contextFor('s1', { callsPerHour: 2 });
    await coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
    await coordinator.executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
    expect((await store.usageSince('s1', new Date(0))).calls).toBe(1);
  });
});
