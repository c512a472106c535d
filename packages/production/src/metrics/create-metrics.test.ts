import { InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStartupManager, InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { at, emitter, usage } from '../../test/fixtures';
import { createMetrics } from './create-metrics';

const sample = (text: string, line: string): number | undefined => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('createMetrics', () => {
  it('counts phases, retries, queue wait and concurrency from history and live events', async () => {
    const store = new InMemoryStateStore();
    const bus = new InMemoryEventBus();
    const manager = new InMemoryStartupManager();
    const emit = emitter(store, bus);
    const base = { startupId: 's1' };
    // History written before the metrics exist (as after a restart).
    await emit({ ...base, type: 'task.queued', taskId: 't1', taskType: 'market_research', priority: 5 }, 0);
    await emit({ ...base, type: 'task.started', taskId: 't1', attempt: 1 }, 3);

    const metrics = createMetrics({ store, bus, manager });
    await metrics.ready;

    // Live events after the metrics started.
    await emit(
      { ...base, type: 'task.retried', taskId: 't1', attempt: 2, delayMs: 10, reason: 'timeout' },
      5,
    );
    await emit({ ...base, type: 'task.finished', taskId: 't1', status: 'failed', durationMs: 4000 }, 7);
    await emit(
      { ...base, type: 'phase.finished', phase: 'market_research', outcome: 'succeeded', durationMs: 7000 },
      8,
    );
    await emit(
      { startupId: 'system', type: 'queue.concurrency_changed', from: 15, to: 7, reason: 'memory 91%' },
      9,
    );
    // A duplicate delivery of a stored event is ignored.
    await bus.publish((await store.listEvents({ limit: 1 }))[0]!);

    const text = await metrics.render();
    expect(sample(text, 'factory_task_retries_total')).toBe(1);
    expect(sample(text, 'factory_tasks_finished_total{status="failed"}')).toBe(1);
    expect(sample(text, 'factory_queue_wait_seconds_sum')).toBe(3);
    expect(sample(text, 'factory_queue_wait_seconds_count')).toBe(1);
    expect(
      sample(text, 'factory_phase_duration_seconds_sum{phase="market_research",outcome="succeeded"}'),
    ).toBe(7);
    expect(
      sample(
        text,
        'factory_phase_duration_seconds_bucket{le="5",phase="market_research",outcome="succeeded"}',
      ),
    ).toBe(0);
    expect(
      sample(
        text,
        'factory_phase_duration_seconds_bucket{le="10",phase="market_research",outcome="succeeded"}',
      ),
    ).toBe(1);
    expect(sample(text, 'factory_queue_concurrency')).toBe(7);
    metrics.close();
    expect(bus.subscriberCount).toBe(0);
  });

  it('reads startups by status and tasks by state at scrape time, and exposes shared gauges', async () => {
    const store = new InMemoryStateStore();
    const bus = new InMemoryEventBus();
    const manager = new InMemoryStartupManager();
    const a = await manager.createStartup({ name: 'Alpha', industry: 'Retail', category: 'SaaS' });
    await manager.createStartup({ name: 'Beta', industry: 'Retail', category: 'SaaS' });
    await manager.updateStartup(a, { status: 'running' });
    const task = {
      startupId: a,
      type: 'market_research',
      prompt: '',
      input: {},
      priority: 5,
      dependsOn: [],
      maxAttempts: 3,
    };
    await store.saveTask({
      task: { ...task, id: 'q1' },
      state: 'queued',
      attempts: 0,
      updatedAt: new Date(),
    });
    await store.saveTask({
      task: { ...task, id: 'r1' },
      state: 'running',
      attempts: 1,
      updatedAt: new Date(),
    });
    await store.saveTask({
      task: { ...task, id: 'd1' },
      state: 'succeeded',
      attempts: 1,
      updatedAt: new Date(),
    });

    const metrics = createMetrics({ store, bus, manager, replayHistory: false });
    metrics.gauges.processMemoryBytes.set({ startup: 'alpha' }, 1024);
    const text = await metrics.render();
    expect(sample(text, 'factory_startups{status="running"}')).toBe(1);
    expect(sample(text, 'factory_startups{status="created"}')).toBe(1);
    expect(sample(text, 'factory_tasks{state="queued"}')).toBe(1);
    expect(sample(text, 'factory_tasks{state="running"}')).toBe(1);
    expect(sample(text, 'factory_tasks{state="retrying"}')).toBe(0);
    expect(sample(text, 'factory_ai_cache_hit_ratio')).toBe(0);
    expect(sample(text, 'factory_process_memory_bytes{startup="alpha"}')).toBe(1024);

    await manager.updateStartup(a, { status: 'completed' });
    const later = await metrics.render();
    expect(sample(later, 'factory_startups{status="running"}')).toBeUndefined();
    expect(sample(later, 'factory_startups{status="completed"}')).toBe(1);
    metrics.close();
  });

  it('counts AI calls, tokens, cost and latency by provider from the usage table, each record once', async () => {
    const store = new InMemoryStateStore();
    const manager = new InMemoryStartupManager();
    await store.recordUsage(
      usage({
        startupId: 's1',
        provider: 'openai',
        inputTokens: 1000,
        outputTokens: 500,
        costUsd: 0.25,
        latencyMs: 1200,
        createdAt: at(4),
      }),
    );
    const metrics = createMetrics({ store, bus: new InMemoryEventBus(), manager });
    await metrics.ready;
    const first = await metrics.render();
    expect(sample(first, 'factory_ai_calls_total{provider="openai",outcome="success"}')).toBe(1);

    // A record at the same instant as the last one seen, one later, and a cache hit.
    await store.recordUsage(
      usage({
        startupId: 's1',
        provider: 'openai',
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.5,
        latencyMs: 300,
        outcome: 'error',
        createdAt: at(4),
      }),
    );
    await store.recordUsage(
      usage({ startupId: 's1', provider: 'anthropic', costUsd: 0.1, createdAt: at(9) }),
    );
    await store.recordUsage(
      usage({
        startupId: 's1',
        provider: 'anthropic',
        costUsd: 0,
        inputTokens: 0,
        outputTokens: 0,
        outcome: 'cached',
        createdAt: at(10),
      }),
    );
    await metrics.render();
    const text = await metrics.render();
    expect(sample(text, 'factory_ai_calls_total{provider="openai",outcome="success"}')).toBe(1);
    expect(sample(text, 'factory_ai_calls_total{provider="openai",outcome="error"}')).toBe(1);
    expect(sample(text, 'factory_ai_calls_total{provider="anthropic",outcome="cached"}')).toBe(1);
    expect(sample(text, 'factory_ai_cache_hit_ratio')).toBe(0.25);
    expect(sample(text, 'factory_ai_tokens_total{provider="openai",direction="input"}')).toBe(1010);
    expect(sample(text, 'factory_ai_tokens_total{provider="openai",direction="output"}')).toBe(505);
    expect(sample(text, 'factory_ai_cost_usd_total{provider="openai"}')).toBe(0.75);
    expect(sample(text, 'factory_ai_cost_usd_total{provider="anthropic"}')).toBe(0.1);
    expect(sample(text, 'factory_ai_latency_seconds_sum{provider="openai"}')).toBe(1.5);
    expect(sample(text, 'factory_ai_latency_seconds_bucket{le="1",provider="openai"}')).toBe(1);
    metrics.close();
  });
});
