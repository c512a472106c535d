// Metrics scrape: render() of the Prometheus registry fed by 5,000 events and usage records
// (20 startups, 4 providers, the registry's phases) against JSON.stringify of the same figures as a plain object, in one run.
import { InMemoryEventBus, PHASES } from '@startup-factory/contracts';
import {
  createInMemoryStartupState,
  InMemoryResourceAllocator,
  InMemoryStartupManager,
  InMemoryStateStore,
} from '@startup-factory/contracts/testing';
import { Bench } from 'tinybench';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { createMetrics } from '../dist/index.js';

const PROVIDERS = ['openai', 'anthropic', 'gemini', 'offline'];

export async function run() {
  const store = new InMemoryStateStore();
  const bus = new InMemoryEventBus();
  const allocator = new InMemoryResourceAllocator({ totalCpuCores: 64, totalMemoryMb: 65_536 });
  const manager = new InMemoryStartupManager({
    maxConcurrent: 50,
    state: createInMemoryStartupState(allocator),
  });
  for (let i = 0; i < 20; i++)
    await manager.createStartup({ name: `Bench ${i}`, industry: 'Retail', category: 'SaaS' });
  const at = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < 5000; i++) {
    const startupId = `s${i % 20}`;
    const kind = i % 3;
    if (kind === 0) {
      await store.appendEvent({
        type: 'phase.finished',
        startupId,
        at,
        phase: PHASES[i % PHASES.length],
        outcome: 'succeeded',
        durationMs: (i * 37) % 60_000,
      });
    } else if (kind === 1) {
      await store.recordUsage({
        id: `u${i}`,
        startupId,
        createdAt: new Date(at.getTime() + i),
        attempt: 1,
        provider: PROVIDERS[i % 4],
        model: 'm',
        taskType: 'market_research',
        inputTokens: 100 + (i % 50),
        outputTokens: 40,
        costUsd: 0.001,
        latencyMs: 100 + (i % 900),
        outcome: i % 17 ? 'success' : 'error',
      });
    } else {
      await store.appendEvent({
        type: 'task.finished',
        startupId,
        at,
        taskId: `t${i}`,
        status: i % 11 ? 'succeeded' : 'failed',
        durationMs: 500,
      });
    }
  }
  const metrics = createMetrics({ store, bus, manager });
  await metrics.ready;

  // The same figures as a plain object, as a JSON endpoint would serve them.
  const snapshot = async () => {
    const startups = await manager.listStartups();
    const byStatus = {};
    for (const s of startups) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    const metricsJson = await metrics.registry.getMetricsAsJSON();
    return JSON.stringify({ byStatus, metrics: metricsJson });
  };

  const bench = new Bench({ time: 1500, warmupTime: 200 });
  bench
    .add('prometheus render', () => metrics.render())
    .add('JSON.stringify of the same figures', () => snapshot());
  await bench.run();
  metrics.close();
  const [render, json] = bench.tasks;
  const renderMs = render.result.latency.mean;
  const jsonMs = json.result.latency.mean;
  return [
    benchResult({
      name: 'production: /metrics render',
      metric: 'mean time per scrape (5,000 events and usage records, 20 startups, 4 providers)',
      unit: 'ms',
      value: renderMs,
      baseline: jsonMs,
      // The text exposition may cost up to 3x serializing the same figures as JSON.
      goal: { maxRatio: 3 },
      note: `render ${renderMs.toFixed(3)} ms vs JSON ${jsonMs.toFixed(3)} ms`,
    }),
  ];
}
