import { MarketResearch } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { CountingProvider, contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { OfflineProvider } from '../offline/offline-provider';
import { AICoordinator } from './ai-coordinator';
import { TaskDecomposer } from './task-decomposer';

describe('TaskDecomposer', () => {
  it('splits market research into four independent subtasks with their own schemas', () => {
    const plan = new TaskDecomposer().plan(taskFor('s1', 'market_research'));
    expect(plan.subtasks.map((t) => t.type)).toEqual([
      'market_research.competitors',
      'market_research.market_size',
      'market_research.personas',
      'market_research.pricing',
    ]);
    expect(plan.subtasks.every((t) => t.dependsOn.length === 0 && t.outputSchema)).toBe(true);
  });

  it('leaves other tasks as one node', () => {
    expect(new TaskDecomposer().plan(taskFor('s1', 'mvp_spec')).subtasks).toHaveLength(1);
  });

  it('runs the subtasks in parallel through the coordinator and merges a valid MarketResearch', async () => {
    const store = new InMemoryStateStore();
    const provider = new CountingProvider(new OfflineProvider(), 20);
    const coordinator = new AICoordinator({ providers: [provider], store, sleep: instantSleep });
    const result = await coordinator.executeDecomposed(taskFor('s1', 'market_research'), contextFor('s1'));
    expect(result.status).toBe('succeeded');
    const research = MarketResearch.parse(result.output);
    expect(research.summary).toContain('4 parallel analyses');
    expect(research.draftedOffline).toBe(true);
    expect(provider.calls).toBe(4);
    expect(provider.maxInFlight).toBe(4);
    expect((await store.listUsage({ startupId: 's1' })).map((u) => u.taskType).sort()).toEqual([
      'market_research.competitors',
      'market_research.market_size',
      'market_research.personas',
      'market_research.pricing',
    ]);
  });
});
