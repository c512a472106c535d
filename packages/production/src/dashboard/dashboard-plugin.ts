import type { IEventBus, IStartupManager, IStateStore } from '@startup-factory/contracts';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { computeAnalytics } from '../analytics/compute-analytics';
import { analyticsToCsv } from '../analytics/format-analytics';
import { createMetrics, type FactoryMetrics } from '../metrics/create-metrics';
import { followEvents } from '../metrics/follow-events';
import { DASHBOARD_HTML } from './dashboard-page';
import { collectDashboardState, type DashboardState } from './dashboard-state';
import { streamEvents } from './sse';

export interface DashboardOptions {
  store: IStateStore;
  bus: IEventBus;
  manager: IStartupManager;
  /** Metrics to serve at /metrics; created (and closed with the server) when absent. */
  metrics?: FactoryMetrics;
  /** How far back charts and provider figures look (default 24 h). */
  windowMs?: number;
  heartbeatMs?: number;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/**
 * Serves the dashboard page at `/`, its data at `/api/dashboard/state` and
 * `/api/dashboard/analytics`, the event stream at `/api/events` (SSE) and `/metrics`.
 */
export const dashboardPlugin: FastifyPluginAsync<DashboardOptions> = async (
  app: FastifyInstance,
  options: DashboardOptions,
) => {
  const { store, bus, manager } = options;
  const now = options.now ?? (() => new Date());
  const windowMs = options.windowMs ?? DAY_MS;
  const metrics = options.metrics ?? createMetrics({ store, bus, manager });

  // Finish times of tasks inside the window, for the throughput chart; history first, then live.
  let finished: number[] = [];
  let concurrency: DashboardState['concurrency'] = null;
  let lastSeq = 0;
  const tracker = followEvents({
    store,
    bus,
    replay: true,
    onEvent: (event) => {
      if (event.seq !== undefined && event.seq > lastSeq) lastSeq = event.seq;
      if (event.type === 'queue.concurrency_changed') {
        const at = new Date(event.at).toISOString();
        concurrency = { current: event.to, from: event.from, reason: event.reason, at };
      }
      if (event.type !== 'task.finished') return;
      const time = new Date(event.at).getTime();
      const cutoff = now().getTime() - windowMs;
      if (time >= cutoff) finished.push(time);
      if (finished.length > 10_000) finished = finished.filter((t) => t >= cutoff);
    },
  });
  tracker.ready.catch(() => {});

  const streams = new Set<{ end(): void }>();
  // End open event streams first, or an open browser tab would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });
  app.addHook('onClose', async () => {
    tracker.close();
    if (!options.metrics) metrics.close();
  });

  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
      )
      .send(DASHBOARD_HTML),
  );
  app.get('/api/dashboard/state', async () => {
    await tracker.ready;
    const at = now();
    const cutoff = at.getTime() - windowMs;
    finished = finished.filter((t) => t >= cutoff);
    return collectDashboardState({
      store,
      manager,
      finishedTaskTimes: finished,
      concurrency,
      lastSeq,
      windowMs,
      now: at,
    });
  });
  app.get<{ Querystring: { format?: string } }>('/api/dashboard/analytics', async (request, reply) => {
    const analytics = await computeAnalytics({ store, manager, now });
    if (request.query.format === 'csv')
      return reply.type('text/csv; charset=utf-8').send(analyticsToCsv(analytics));
    return analytics;
  });
  app.get('/api/events', (request, reply) => {
    const stream = streamEvents(request, reply, {
      store,
      bus,
      ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    });
    streams.add(stream);
    stream.closed.then(() => streams.delete(stream));
  });
  app.get('/metrics', async (_request, reply) => {
    await metrics.ready;
    return reply.type(metrics.contentType).send(await metrics.render());
  });
};
