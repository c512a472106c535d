import type { FactoryEvent, IEventBus, IStartupManager, IStateStore } from '@startup-factory/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { followEvents } from './follow-events';
import { followUsage } from './usage-follower';

export interface MetricsOptions {
  store: IStateStore;
  bus: IEventBus;
  manager: IStartupManager;
  /** Registry to add to; a fresh one by default. */
  registry?: Registry;
  /** Replay the stored event history before following live events (default true). */
  replayHistory?: boolean;
}

/** Gauges other components (deploy, performance optimizer) set; they are rendered with the rest. */
export interface SharedGauges {
  /** Resident memory of each deployed app's processes, by startup slug. */
  processMemoryBytes: Gauge<'startup'>;
  /** CPU seconds used by each deployed app's processes, by startup slug. */
  processCpuSeconds: Gauge<'startup'>;
  /** Share of AI requests answered from the cache, 0..1, computed from the usage table at each scrape. */
  cacheHitRatio: Gauge;
}

export interface FactoryMetrics {
  registry: Registry;
  gauges: SharedGauges;
  contentType: string;
  /** Resolves once the stored history has been replayed. */
  ready: Promise<void>;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  /** Stops following the bus. */
  close(): void;
}

const SECONDS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

/**
 * Prometheus metrics fed from the factory's events: counters and histograms from the event
 * stream (history first, then live from the bus), point-in-time gauges read at scrape time.
 */
export function createMetrics(options: MetricsOptions): FactoryMetrics {
  const { store, manager } = options;
  const registry = options.registry ?? new Registry();
  const registers = [registry];

  new Gauge({
    name: 'factory_startups',
    help: 'Startups by status',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      for (const s of await manager.listStartups()) this.inc({ status: s.status });
    },
  });
  new Gauge({
    name: 'factory_tasks',
    help: 'Tasks by queue state (queued, running, retrying, waiting)',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      const states = ['waiting', 'queued', 'running', 'retrying'] as const;
      for (const state of states) this.set({ state }, 0);
      for (const record of await store.listTasks({ state: [...states] })) this.inc({ state: record.state });
    },
  });
  const tasksFinished = new Counter({
    name: 'factory_tasks_finished_total',
    help: 'Tasks finished, by outcome',
    labelNames: ['status'],
    registers,
  });
  const taskRetries = new Counter({ name: 'factory_task_retries_total', help: 'Task retries', registers });
  const phaseDuration = new Histogram({
    name: 'factory_phase_duration_seconds',
    help: 'Pipeline phase durations',
    labelNames: ['phase', 'outcome'],
    buckets: SECONDS,
    registers,
  });
  const queueWait = new Histogram({
    name: 'factory_queue_wait_seconds',
    help: 'Time from a task being queued to its first start',
    buckets: SECONDS,
    registers,
  });
  // AI figures come from the usage table (every call is recorded there, cached ones included),
  // read incrementally at scrape time.
  let requests = 0;
  let cacheHits = 0;
  const syncUsage = followUsage(store, (u) => {
    // Refused calls asked nothing of a provider or the cache; every other record is one request.
    if (u.outcome !== 'quota_exceeded') requests += 1;
    if (u.outcome === 'cached') cacheHits += 1;
    aiCalls.inc({ provider: u.provider, outcome: u.outcome });
    aiTokens.inc({ provider: u.provider, direction: 'input' }, u.inputTokens);
    aiTokens.inc({ provider: u.provider, direction: 'output' }, u.outputTokens);
    aiCost.inc({ provider: u.provider }, u.costUsd);
    aiLatency.observe({ provider: u.provider }, u.latencyMs / 1000);
  });
  const collect = () => syncUsage();
  const aiCalls = new Counter({
    name: 'factory_ai_calls_total',
    help: 'AI calls by provider and outcome',
    labelNames: ['provider', 'outcome'],
    registers,
    collect,
  });
  const aiTokens = new Counter({
    name: 'factory_ai_tokens_total',
    help: 'AI tokens by provider and direction',
    labelNames: ['provider', 'direction'],
    registers,
    collect,
  });
  const aiCost = new Counter({
    name: 'factory_ai_cost_usd_total',
    help: 'AI spend in US dollars by provider',
    labelNames: ['provider'],
    registers,
    collect,
  });
  const aiLatency = new Histogram({
    name: 'factory_ai_latency_seconds',
    help: 'AI call latency by provider',
    labelNames: ['provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers,
    collect,
  });
  const concurrency = new Gauge({
    name: 'factory_queue_concurrency',
    help: 'Task concurrency set by the adaptive controller',
    registers,
  });
  const gauges: SharedGauges = {
    processMemoryBytes: new Gauge({
      name: 'factory_process_memory_bytes',
      help: 'Resident memory of deployed app processes',
      labelNames: ['startup'],
      registers,
    }),
    processCpuSeconds: new Gauge({
      name: 'factory_process_cpu_seconds',
      help: 'CPU seconds used by deployed app processes',
      labelNames: ['startup'],
      registers,
    }),
    cacheHitRatio: new Gauge({
      name: 'factory_ai_cache_hit_ratio',
      help: 'Share of AI requests answered from the cache',
      registers,
      async collect() {
        await syncUsage();
        this.set(requests === 0 ? 0 : cacheHits / requests);
      },
    }),
  };

  const queuedAt = new Map<string, number>();
  const apply = (event: FactoryEvent): void => {
    switch (event.type) {
      case 'task.queued':
        queuedAt.set(event.taskId, new Date(event.at).getTime());
        break;
      case 'task.started': {
        const since = queuedAt.get(event.taskId);
        if (since !== undefined) {
          queueWait.observe(Math.max(0, new Date(event.at).getTime() - since) / 1000);
          queuedAt.delete(event.taskId);
        }
        break;
      }
      case 'task.retried':
        taskRetries.inc();
        break;
      case 'task.finished':
        queuedAt.delete(event.taskId);
        tasksFinished.inc({ status: event.status });
        break;
      case 'phase.finished':
        phaseDuration.observe({ phase: event.phase, outcome: event.outcome }, event.durationMs / 1000);
        break;
      case 'queue.concurrency_changed':
        concurrency.set(event.to);
        break;
      default:
        break;
    }
  };

  const follower = followEvents({
    store,
    bus: options.bus,
    onEvent: apply,
    replay: options.replayHistory ?? true,
  });

  return {
    registry,
    gauges,
    contentType: registry.contentType,
    ready: follower.ready,
    render: () => registry.metrics(),
    close: () => follower.close(),
  };
}
