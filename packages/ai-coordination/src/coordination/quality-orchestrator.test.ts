import { FounderAnalysis } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { taskFor } from '../../test/fixtures';
import { QualityOrchestrator } from './quality-orchestrator';

const task = taskFor('s1', 'founder_analysis');
const specific = {
  summary: 'Ada ran dispatch for 8 years at a 40-van courier in Leeds and knows the routing pain first hand.',
  strengths: ['Has 12 courier contacts willing to pilot', 'Knows Onfleet and Circuit limits'],
  gaps: ['No engineering co-founder yet'],
  recommendations: ['Pilot with 3 courier firms in Q1', 'Hire a senior engineer by month 4'],
};

describe('QualityOrchestrator', () => {
  it('scores invalid output 0 and specific output above vague output', async () => {
    const q = new QualityOrchestrator();
    expect((await q.score(task, { summary: 1 }, FounderAnalysis)).score).toBe(0);
    const vague = await q.score(
      task,
      { summary: 'TBD', strengths: ['x'], gaps: [], recommendations: ['n/a'] },
      FounderAnalysis,
    );
    const good = await q.score(task, specific, FounderAnalysis);
    expect(good.score).toBeGreaterThan(vague.score);
    expect(q.passes(good)).toBe(true);
    expect(q.passes(vague)).toBe(false);
  });

  it('caps offline drafts below a strong real answer and blends in an optional judge', async () => {
    const q = new QualityOrchestrator({ judge: async () => 0 });
    const offline = await q.score(task, { ...specific, draftedOffline: true }, FounderAnalysis);
    expect(offline.judge).toBe(0);
    expect(offline.score).toBeLessThanOrEqual(0.35);
  });
});
