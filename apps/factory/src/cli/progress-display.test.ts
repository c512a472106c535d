import { type AIUsageRecord, InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { ProgressDisplay } from './progress-display';

const call = (over: Partial<AIUsageRecord>): AIUsageRecord => ({
  id: Math.random().toString(36).slice(2),
  startupId: 's1',
  taskId: 's1.founder_analysis.analysis.r0',
  taskType: 'founder_analysis',
  phase: 'founder_analysis',
  provider: 'openai',
  model: 'gpt-4o-mini',
  inputTokens: 900,
  outputTokens: 300,
  costUsd: 0.0003,
  latencyMs: 1200,
  outcome: 'success',
  attempt: 1,
  createdAt: new Date(),
  ...over,
});

describe('ProgressDisplay', () => {
  it("prints each phase's retries, re-asks, fallbacks, kept model, tokens and cost when it ends", async () => {
    const store = new InMemoryStateStore();
    await store.recordUsage(
      call({ reason: 'first', outcome: 'error', inputTokens: 0, outputTokens: 0, costUsd: 0 }),
    );
    await store.recordUsage(
      call({ reason: 'retry', outcome: 'invalid_output', attempt: 2, outputTokens: 5 }),
    );
    await store.recordUsage(call({ reason: 'reask', attempt: 3 }));
    await store.recordUsage(
      call({ provider: 'anthropic', model: 'claude-x', reason: 'fallback', kept: true, qualityScore: 0.41 }),
    );
    const bus = new InMemoryEventBus();
    let text = '';
    const out = {
      isTTY: false,
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const display = new ProgressDisplay(out);
    display.attach({ parts: { bus, store }, onValidationStep: () => () => {} });
    display.track('s1', 'route-mate');
    await bus.publish({ type: 'phase.started', startupId: 's1', at: new Date(), phase: 'founder_analysis' });
    await bus.publish({
      type: 'phase.finished',
      startupId: 's1',
      at: new Date(),
      phase: 'founder_analysis',
      outcome: 'succeeded',
      durationMs: 4200,
    });
    await bus.publish({ type: 'phase.started', startupId: 's1', at: new Date(), phase: 'market_research' });
    await display.detach();
    expect(text.split('\n')).toEqual([
      'route-mate: founder_analysis started',
      'route-mate: founder_analysis succeeded in 4.2 s; ai: 4 calls (1 retry, 1 re-ask, 1 fallback), anthropic/claude-x, 2700/605 tokens, $0.0009, quality 0.41',
      'route-mate: market_research started',
      '',
    ]);
  });
});
