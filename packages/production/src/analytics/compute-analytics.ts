import {
  type AIUsageRecord,
  type FactoryEvent,
  type IStartupManager,
  type IStateStore,
  phaseIndex,
  type TaskResult,
} from '@startup-factory/contracts';
import { isRetryCall, phaseOfCall, phaseOfTaskType } from './ai-call-summary';
import { bucketStart, mean, percentile, pickBucketMs, ratio } from './stats';

/** Default phases in pipeline order, then any other registry's phases. */
const pipelineOrder = (phase: string) => {
  const index = phaseIndex(phase);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
};

export type AnalyticsScope = 'startup' | 'phase' | 'provider';

/** One line of the per-startup, per-phase or per-provider breakdown. */
export interface AnalyticsRow {
  scope: AnalyticsScope;
  key: string;
  /** Slug for startups; the key again for phases and providers. */
  name: string;
  /** Phase runs (startup, phase) or calls (provider). */
  runs: number;
  calls: number;
  /** Phase time (startup, phase) or summed call latency (provider). */
  timeMs: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** Calls repeated after a transient error (429, 5xx, timeout), and queue retries of a task. */
  retries: number;
  /** Calls repeated with the validation errors after a schema-invalid answer. */
  reasks: number;
  /** Calls to a next provider (the offline drafter included) after one failed or scored too low. */
  fallbacks: number;
  /** `provider/model` of the answers tasks kept, most used first. */
  models: string[];
  /**
   * Mean delivered quality 0..1 of the answers tasks kept: the quality orchestrator's score (0
   * unless the answer satisfies its schema, then completeness and specificity), halved when it took
   * a re-ask; recorded on the kept call. Null when none was scored.
   */
  quality: number | null;
  /** Succeeded phase runs (startup, phase) or successful calls (provider) over all; null when none. */
  successRate: number | null;
}

export interface Analytics {
  generatedAt: string;
  startups: AnalyticsRow[];
  phases: AnalyticsRow[];
  providers: AnalyticsRow[];
  /** From `startup.created` to the startup's first `completed` status. */
  timeToMvp: {
    count: number;
    p50Ms: number | null;
    p90Ms: number | null;
    minMs: number | null;
    maxMs: number | null;
  };
  /** Share of calls each provider received, per time bucket. */
  routingShare: {
    bucketMs: number;
    buckets: Array<{ start: string; calls: number; share: Record<string, number> }>;
  };
}

export interface AnalyticsOptions {
  store: IStateStore;
  manager: IStartupManager;
  now?: () => Date;
}

interface Acc {
  runs: number;
  succeeded: number;
  finished: number;
  calls: number;
  timeMs: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  retries: number;
  reasks: number;
  fallbacks: number;
  models: Map<string, number>;
  quality: number[];
}
const acc = (): Acc => ({
  runs: 0,
  succeeded: 0,
  finished: 0,
  calls: 0,
  timeMs: 0,
  costUsd: 0,
  inputTokens: 0,
  outputTokens: 0,
  retries: 0,
  reasks: 0,
  fallbacks: 0,
  models: new Map(),
  quality: [],
});

async function allEvents(store: IStateStore): Promise<FactoryEvent[]> {
  const events: FactoryEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.listEvents({ afterSeq: after, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
    after = page[page.length - 1]!.seq ?? after + page.length;
  }
}

const succeededCall = (u: AIUsageRecord) => u.outcome === 'success' || u.outcome === 'cached';

/** Aggregates the event, task and usage tables into the factory's analytics. */
export async function computeAnalytics(options: AnalyticsOptions): Promise<Analytics> {
  const { store, manager } = options;
  const now = options.now?.() ?? new Date();
  const [events, usage, startups, tasks] = await Promise.all([
    allEvents(store),
    store.listUsage(),
    manager.listStartups(),
    store.listTasks(),
  ]);
  const results = (await Promise.all(tasks.map((t) => store.getTaskResult(t.task.id)))).filter(
    (r): r is TaskResult => r !== null,
  );

  const slugs = new Map(startups.map((s) => [s.id, s.slug]));
  const taskPhase = new Map<string, string | undefined>();
  for (const t of tasks) taskPhase.set(t.task.id, t.task.phase ?? phaseOfTaskType(t.task.type));
  for (const e of events) {
    if (e.type === 'startup.created' && !slugs.has(e.startupId)) slugs.set(e.startupId, e.slug);
    if (e.type === 'task.queued' && !taskPhase.has(e.taskId))
      taskPhase.set(e.taskId, phaseOfTaskType(e.taskType));
  }

  const byStartup = new Map<string, Acc>();
  const byPhase = new Map<string, Acc>();
  const byProvider = new Map<string, Acc>();
  const get = (map: Map<string, Acc>, key: string) => map.get(key) ?? map.set(key, acc()).get(key)!;

  const createdAt = new Map<string, number>();
  const mvpAt = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'phase.finished' && e.outcome !== 'skipped') {
      for (const a of [get(byStartup, e.startupId), get(byPhase, e.phase)]) {
        a.runs += 1;
        a.finished += 1;
        a.timeMs += e.durationMs;
        if (e.outcome === 'succeeded') a.succeeded += 1;
      }
    } else if (e.type === 'task.retried') {
      get(byStartup, e.startupId).retries += 1;
      const phase = taskPhase.get(e.taskId);
      if (phase) get(byPhase, phase).retries += 1;
    } else if (e.type === 'startup.created') {
      createdAt.set(e.startupId, new Date(e.at).getTime());
    } else if (e.type === 'startup.status_changed' && e.to === 'completed' && !mvpAt.has(e.startupId)) {
      mvpAt.set(e.startupId, new Date(e.at).getTime());
    }
  }

  const scored = new Set<string>();
  for (const u of usage) {
    const phase = (u.taskId ? taskPhase.get(u.taskId) : undefined) ?? phaseOfCall(u);
    const provider = get(byProvider, u.provider);
    provider.runs += 1;
    provider.finished += 1;
    provider.timeMs += u.latencyMs;
    if (succeededCall(u)) provider.succeeded += 1;
    if (isRetryCall(u)) provider.retries += 1;
    const owners = [get(byStartup, u.startupId), ...(phase ? [get(byPhase, phase)] : [])];
    // Startups and phases count the queue's retries from events; older records say no reason.
    if (u.reason === 'retry') for (const a of owners) a.retries += 1;
    for (const a of [...owners, provider]) {
      a.calls += 1;
      a.costUsd += u.costUsd;
      a.inputTokens += u.inputTokens;
      a.outputTokens += u.outputTokens;
      if (u.reason === 'reask') a.reasks += 1;
      if (u.reason === 'fallback') a.fallbacks += 1;
      if (!u.kept) continue;
      const model = `${u.provider}/${u.model}`;
      a.models.set(model, (a.models.get(model) ?? 0) + 1);
      if (u.qualityScore !== undefined) a.quality.push(u.qualityScore);
    }
    if (u.kept && u.qualityScore !== undefined && u.taskId) scored.add(u.taskId);
  }

  // Results scored by a coordinator that records no kept call still count, once per task.
  for (const r of results) {
    if (r.qualityScore === undefined || scored.has(r.taskId)) continue;
    get(byStartup, r.startupId).quality.push(r.qualityScore);
    const phase = taskPhase.get(r.taskId);
    if (phase) get(byPhase, phase).quality.push(r.qualityScore);
    if (r.provider) get(byProvider, r.provider).quality.push(r.qualityScore);
  }

  const rows = (scope: AnalyticsScope, map: Map<string, Acc>, name: (key: string) => string) =>
    [...map.entries()].map(
      ([key, a]): AnalyticsRow => ({
        scope,
        key,
        name: name(key),
        runs: a.runs,
        calls: a.calls,
        timeMs: a.timeMs,
        costUsd: round(a.costUsd),
        inputTokens: a.inputTokens,
        outputTokens: a.outputTokens,
        retries: a.retries,
        reasks: a.reasks,
        fallbacks: a.fallbacks,
        models: [...a.models.entries()].sort((x, y) => y[1] - x[1]).map(([m]) => m),
        quality: roundOrNull(mean(a.quality)),
        successRate: roundOrNull(ratio(a.succeeded, a.finished)),
      }),
    );

  const mvpTimes = [...mvpAt.entries()]
    .filter(([id]) => createdAt.has(id))
    .map(([id, t]) => t - createdAt.get(id)!);

  const reached = usage.filter((u) => u.outcome !== 'quota_exceeded');
  const times = reached.map((u) => new Date(u.createdAt).getTime());
  const bucketMs = times.length ? pickBucketMs(Math.max(...times) - Math.min(...times) + 1) : 3_600_000;
  const buckets = new Map<number, Map<string, number>>();
  for (const u of reached) {
    const start = bucketStart(new Date(u.createdAt).getTime(), bucketMs);
    const counts = buckets.get(start) ?? buckets.set(start, new Map()).get(start)!;
    counts.set(u.provider, (counts.get(u.provider) ?? 0) + 1);
  }

  return {
    generatedAt: now.toISOString(),
    startups: rows('startup', byStartup, (id) => slugs.get(id) ?? id).sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
    phases: rows('phase', byPhase, (k) => k).sort((a, b) => pipelineOrder(a.key) - pipelineOrder(b.key)),
    providers: rows('provider', byProvider, (k) => k).sort((a, b) => a.key.localeCompare(b.key)),
    timeToMvp: {
      count: mvpTimes.length,
      p50Ms: percentile(mvpTimes, 50),
      p90Ms: percentile(mvpTimes, 90),
      minMs: mvpTimes.length ? Math.min(...mvpTimes) : null,
      maxMs: mvpTimes.length ? Math.max(...mvpTimes) : null,
    },
    routingShare: {
      bucketMs,
      buckets: [...buckets.entries()]
        .sort(([a], [b]) => a - b)
        .map(([start, counts]) => {
          const calls = [...counts.values()].reduce((x, y) => x + y, 0);
          const share = Object.fromEntries(
            [...counts.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([p, n]) => [p, round(n / calls)]),
          );
          return { start: new Date(start).toISOString(), calls, share };
        }),
    },
  };
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const roundOrNull = (n: number | null): number | null => (n === null ? null : Math.round(n * 1e4) / 1e4);
