import { ProviderError } from '@startup-factory/contracts';
import { InMemoryStateStore, MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { draftOffline } from '../offline/offline-provider';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const founder = () => {
  const { draftedOffline: _, ...output } = draftOffline('founder_analysis') as Record<string, unknown>;
  return JSON.stringify(output);
};

async function run(judgeReply: { text: string } | ProviderError | undefined) {
  const store = new InMemoryStateStore();
  const model = new MockProvider({
    name: 'model',
    complete: { text: founder(), inputTokens: 100, outputTokens: 80 },
  });
  const judge = new MockProvider({ name: 'judge', complete: judgeReply ?? { text: '{}' } });
  const coordinator = new AICoordinator({
    providers: [model, judge],
    store,
    random: seededRandom(1),
    sleep: instantSleep,
    ...(judgeReply ? { judge: 'judge' } : {}),
  });
  const result = await coordinator.executeTaskWithContext(
    taskFor('s1', 'founder_analysis', { provider: 'model', phase: 'founder_analysis' }),
    contextFor('s1'),
  );
  return { result, judge, usage: await store.listUsage({ startupId: 's1' }) };
}

describe('the optional model judge', () => {
  it('is off by default: no call beyond the answer', async () => {
    const { result, judge, usage } = await run(undefined);
    expect(result.status).toBe('succeeded');
    expect(judge.calls).toHaveLength(0);
    expect(usage).toHaveLength(1);
  });

  it('grades a valid answer; the score is half its grade, half the heuristics, and its call is booked', async () => {
    const plain = (await run(undefined)).result.qualityScore ?? 0;
    const { result, judge, usage } = await run({
      text: '{"score": 0.9, "reason": "names real competitors"}',
    });
    expect(judge.calls).toHaveLength(1);
    expect(judge.calls[0]?.messages[0]?.content).toContain('Routely');
    expect(judge.calls[0]?.jsonSchema?.name).toBe('quality_judgement');
    expect(result.qualityScore).toBeCloseTo(0.5 * plain + 0.5 * 0.9, 2);
    expect(usage.map((u) => [u.provider, u.taskType, u.kept ?? false])).toEqual([
      ['model', 'founder_analysis', true],
      ['judge', 'founder_analysis.judge', false],
    ]);
  });

  it('keeps the answer and the heuristic score when the judge fails', async () => {
    const plain = (await run(undefined)).result.qualityScore;
    const { result } = await run(
      new ProviderError({ provider: 'judge', status: 503, message: 'answered HTTP 503' }),
    );
    expect(result.status).toBe('succeeded');
    expect(result.qualityScore).toBe(plain);
  });

  it('refuses a judge that is not a configured network provider, naming the ones there are', () => {
    const model = new MockProvider({ name: 'model', complete: { text: founder() } });
    expect(
      () => new AICoordinator({ providers: [model], store: new InMemoryStateStore(), judge: 'gpt-judge' }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringMatching(/use one of: model/),
      }),
    );
  });
});
