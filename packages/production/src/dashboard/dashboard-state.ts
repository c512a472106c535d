import {
  type AIUsageRecord,
  type IStartupManager,
  type IStateStore,
  phaseProgress,
  type StartupInstance,
} from '@startup-factory/contracts';
import { bucketStart, percentile, pickBucketMs } from '../analytics/stats';

export interface DashboardStartup {
  id: string;
  slug: string;
  name: string;
  template: string;
  status: StartupInstance['status'];
  /** The phase being worked on, or `done`. */
  phase: string;
  phaseIndex: number;
  phaseCount: number;
  progress: number;
  allocation: { ports: number[]; memoryMb: number; cpuCores: number; databaseNamespace: string } | null;
  costTodayUsd: number;
  quotaUsdPerDay: number | null;
  callsToday: number;
  /** Why it failed, as the pipeline recorded it (`show` lists the same). */
  error: { code: string; message: string; resumable: boolean } | null;
}

export interface DashboardProvider {
  provider: string;
  calls: number;
  errorRate: number;
  avgLatencyMs: number;
  p90LatencyMs: number;
  costUsd: number;
}

export interface DashboardState {
  generatedAt: string;
  /** The last event sequence number the host has seen: resume the event stream after it. */
  lastSeq: number;
  startups: DashboardStartup[];
  tasks: Array<{
    id: string;
    startupId: string;
    slug: string;
    type: string;
    state: string;
    attempts: number;
  }>;
  providers: DashboardProvider[];
  cost: { todayUsd: number; quotaUsd: number };
  /** The adaptive controller's last adjustment, when there was one. */
  concurrency: { current: number; from: number; reason: string; at: string } | null;
  series: {
    bucketMs: number;
    points: Array<{ start: string; costUsd: number; calls: number; tasksFinished: number }>;
  };
}

export interface DashboardStateOptions {
  store: IStateStore;
  manager: IStartupManager;
  /** Times of finished tasks within the window (from the live tracker). */
  finishedTaskTimes?: readonly number[];
  concurrency?: DashboardState['concurrency'];
  lastSeq?: number;
  windowMs?: number;
  now?: Date;
}

const DAY_MS = 86_400_000;
const errorOutcome = (u: AIUsageRecord) => u.outcome === 'error' || u.outcome === 'invalid_output';
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A point-in-time view of the factory for the dashboard: startups, tasks, providers, spend. */
export async function collectDashboardState(options: DashboardStateOptions): Promise<DashboardState> {
  const { store, manager } = options;
  const now = options.now ?? new Date();
  const windowMs = options.windowMs ?? DAY_MS;
  const since = new Date(now.getTime() - windowMs);
  const [startups, tasks, usage] = await Promise.all([
    manager.listStartups(),
    store.listTasks({ state: ['queued', 'running', 'retrying'] }),
    store.listUsage({ since }),
  ]);
  const slugs = new Map(startups.map((s) => [s.id, s.slug]));
  const dayStart = now.getTime() - DAY_MS;
  const today = usage.filter((u) => new Date(u.createdAt).getTime() >= dayStart);

  const rows = startups
    .map((s): DashboardStartup => {
      const mine = today.filter((u) => u.startupId === s.id);
      const a = s.resourceAllocation;
      const progress = phaseProgress(s.currentPhase);
      return {
        id: s.id,
        slug: s.slug,
        name: s.config.name,
        template: s.config.template,
        status: s.status,
        error: recordedError(s.state.lastError),
        phase: progress.phase,
        phaseIndex: progress.done,
        phaseCount: progress.count,
        progress: progress.done / progress.count,
        allocation: a
          ? {
              ports: a.ports,
              memoryMb: a.memoryMb,
              cpuCores: a.cpuCores,
              databaseNamespace: a.databaseNamespace,
            }
          : null,
        costTodayUsd: sum(mine.map((u) => u.costUsd)),
        quotaUsdPerDay: a?.apiQuota.costPerDayUsd ?? null,
        callsToday: mine.length,
      };
    })
    .sort((x, y) => x.slug.localeCompare(y.slug));

  const byProvider = new Map<string, AIUsageRecord[]>();
  for (const u of usage) byProvider.set(u.provider, [...(byProvider.get(u.provider) ?? []), u]);
  const providers = [...byProvider.entries()]
    .map(([provider, calls]): DashboardProvider => {
      const latencies = calls.map((u) => u.latencyMs);
      return {
        provider,
        calls: calls.length,
        errorRate: calls.filter(errorOutcome).length / calls.length,
        avgLatencyMs: sum(latencies) / calls.length,
        p90LatencyMs: percentile(latencies, 90) ?? 0,
        costUsd: sum(calls.map((u) => u.costUsd)),
      };
    })
    .sort((a, b) => a.provider.localeCompare(b.provider));

  const bucketMs = pickBucketMs(windowMs, 48);
  const first = bucketStart(now.getTime() - windowMs, bucketMs) + bucketMs;
  const points = new Map<number, { costUsd: number; calls: number; tasksFinished: number }>();
  for (let t = first; t <= now.getTime(); t += bucketMs)
    points.set(t, { costUsd: 0, calls: 0, tasksFinished: 0 });
  const pointAt = (time: number) => points.get(bucketStart(time, bucketMs));
  for (const u of usage) {
    const p = pointAt(new Date(u.createdAt).getTime());
    if (p) {
      p.costUsd += u.costUsd;
      p.calls += 1;
    }
  }
  for (const time of options.finishedTaskTimes ?? []) {
    const p = pointAt(time);
    if (p) p.tasksFinished += 1;
  }

  return {
    generatedAt: now.toISOString(),
    lastSeq: options.lastSeq ?? 0,
    startups: rows,
    tasks: tasks.map((t) => ({
      id: t.task.id,
      startupId: t.task.startupId,
      slug: slugs.get(t.task.startupId) ?? t.task.startupId,
      type: t.task.type,
      state: t.state,
      attempts: t.attempts,
    })),
    providers,
    cost: {
      todayUsd: sum(today.map((u) => u.costUsd)),
      quotaUsd: sum(rows.map((r) => (r.status === 'cancelled' ? 0 : (r.quotaUsdPerDay ?? 0)))),
    },
    concurrency: options.concurrency ?? null,
    series: {
      bucketMs,
      points: [...points.entries()].map(([start, p]) => ({ start: new Date(start).toISOString(), ...p })),
    },
  };
}

/** The failure a startup's state records (`lastError`), when it holds one. */
function recordedError(value: unknown): DashboardStartup['error'] {
  const error = value as { code?: unknown; message?: unknown; resumable?: unknown } | undefined;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return null;
  return { code: error.code, message: error.message, resumable: error.resumable === true };
}
