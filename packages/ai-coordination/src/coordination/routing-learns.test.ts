import { InMemoryStateStore, MockProvider } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { draftOffline } from '../offline/offline-provider';
import { runRoutingScenario } from '../testing/routing-scenario';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const founder = () => {
  const { draftedOffline: _, ...output } = draftOffline('founder_analysis') as Record<string, unknown>;
  return JSON.stringify(output);
};

describe('routing that learns from failure (issue 12)', () => {
  // Before: the flaky provider kept 33% of first calls in tasks 21-30 (mean over seeds 1-30).
  it('sends under 20% of first calls to a provider answering schema-invalid JSON 70% of the time and 1.5 s slower, within 30 tasks', {
    timeout: scaled(120_000),
  }, async () => {
    const shares: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const run = await runRoutingScenario({ tasks: 30, seed });
      expect(run.firstProviders).toHaveLength(30);
      expect(run.firstProviders.every((p) => p === 'steady' || p === 'flaky')).toBe(true);
      shares.push(run.flakyShare(20, 30));
      // Never worse than 2 of the last 10 tasks under any of these seeds.
      expect(run.flakyShare(20, 30), `seed ${seed}: ${run.firstProviders.join(' ')}`).toBeLessThanOrEqual(
        0.2,
      );
    }
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeLessThan(0.2);
  });

  it('gives the flaky provider first calls early on: it learns from what it tried, not from a fixed order', {
    timeout: scaled(60_000),
  }, async () => {
    const run = await runRoutingScenario({ tasks: 30, seed: 3 });
    expect(run.firstProviders).toContain('flaky');
    expect(run.learned.flaky?.pulls).toBeGreaterThan(0);
    expect(run.learned.flaky?.failures).toBeGreaterThan(0);
  });

  it('scores an answer that needed a re-ask below the same answer given at once', async () => {
    const run = async (replies: string[]) => {
      const store = new InMemoryStateStore();
      const provider = new MockProvider({
        name: 'model',
        complete: replies.map((text) => ({ text, inputTokens: 100, outputTokens: 50 })),
      });
      const coordinator = new AICoordinator({
        providers: [provider],
        store,
        random: seededRandom(1),
        sleep: instantSleep,
        now: () => 0,
      });
      const result = await coordinator.executeTaskWithContext(
        taskFor('s1', 'founder_analysis'),
        contextFor('s1'),
      );
      expect(result.status).toBe('succeeded');
      return { result, arm: (await coordinator.learning.stats('founder_analysis')).model };
    };
    const atOnce = await run([founder()]);
    const reasked = await run(['{"summary": 7}', founder()]);
    expect(reasked.result.qualityScore).toBeCloseTo((atOnce.result.qualityScore ?? 0) / 2, 2);
    // The re-asked answer earns at most half the reward (less: two calls cost more) and its wasted
    // call counts as one more failed observation.
    expect((reasked.arm?.alpha ?? 0) - 1).toBeLessThanOrEqual(((atOnce.arm?.alpha ?? 0) - 1) / 2);
    expect(reasked.arm?.beta).toBeGreaterThan((atOnce.arm?.beta ?? 0) + 1);
  });
});
