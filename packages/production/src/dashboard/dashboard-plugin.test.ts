import { type FactoryEvent, InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStartupManager, InMemoryStateStore } from '@startup-factory/contracts/testing';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { at, emitter, usage } from '../../test/fixtures';
import { dashboardPlugin } from './dashboard-plugin';

/** Reads SSE frames from a streaming response until `count` factory events arrived. */
async function readEvents(
  response: Response,
  count: number,
  deadlineMs = 5000,
): Promise<Array<{ id?: string; event: FactoryEvent }>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const out: Array<{ id?: string; event: FactoryEvent }> = [];
  let buffer = '';
  const deadline = Date.now() + deadlineMs;
  while (out.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${out.length} of ${count} events arrived`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = frame.split('\n');
      const data = lines.find((l) => l.startsWith('data: '));
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      if (data) out.push({ ...(id ? { id } : {}), event: JSON.parse(data.slice(6)) });
      end = buffer.indexOf('\n\n');
    }
  }
  // The stream stays open: closing the server must end it (an open tab must not hold up shutdown).
  reader.releaseLock();
  return out;
}

const apps: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function setup() {
  const store = new InMemoryStateStore();
  const bus = new InMemoryEventBus();
  const manager = new InMemoryStartupManager();
  const app = Fastify();
  await app.register(dashboardPlugin, { store, bus, manager, now: () => at(3600) });
  apps.push(app);
  return { store, bus, manager, app, emit: emitter(store, bus) };
}

describe('dashboardPlugin', () => {
  it('streams stored history after Last-Event-ID, then live events, over a real socket', async () => {
    const { app, emit, bus } = await setup();
    const ids = ['a', 'b', 'c'];
    for (const id of ids) await emit({ type: 'startup.deleted', startupId: id });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });

    const response = await fetch(`${base}/api/events`, { headers: { 'last-event-id': '1' } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(response, 3);
    // Wait until the stream follows the bus, then publish a live event.
    const deadline = Date.now() + scaled(30_000);
    while (bus.subscriberCount < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await emit({ type: 'phase.started', startupId: 'd', phase: 'mvp_spec' });
    const events = await reading;
    expect(events.map((e) => [e.id, e.event.startupId])).toEqual([
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'd'],
    ]);

    // ?after= resumes the same way (as after a host restart, the history comes from the store).
    const again = await readEvents(await fetch(`${base}/api/events?after=3`), 1);
    expect(again[0]?.event).toMatchObject({ type: 'phase.started', seq: 4 });
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000); // open streams do not hold the close until they end
  });

  it('serves the state of startups, tasks in flight, providers and spend', async () => {
    const { app, store, manager, bus } = await setup();
    const id = await manager.createStartup({ name: 'Alpha', industry: 'Retail', category: 'SaaS' });
    await manager.updateStartup(id, { status: 'running', currentPhase: 'mvp_spec' });
    const task = { prompt: '', input: {}, priority: 5, dependsOn: [], maxAttempts: 3 };
    await store.saveTask({
      task: { ...task, id: 't1', startupId: id, type: 'mvp_spec' },
      state: 'running',
      attempts: 1,
      updatedAt: at(0),
    });
    await store.saveTask({
      task: { ...task, id: 't0', startupId: id, type: 'founder_analysis' },
      state: 'succeeded',
      attempts: 1,
      updatedAt: at(0),
    });
    await store.recordUsage(
      usage({ startupId: id, provider: 'openai', costUsd: 0.5, latencyMs: 100, createdAt: at(60) }),
    );
    await store.recordUsage(
      usage({
        startupId: id,
        provider: 'openai',
        costUsd: 0.25,
        latencyMs: 300,
        outcome: 'error',
        createdAt: at(120),
      }),
    );

    await emitter(store, bus)(
      { startupId: 'system', type: 'queue.concurrency_changed', from: 15, to: 8, reason: 'cpu 95%' },
      30,
    );
    const response = await app.inject({ url: '/api/dashboard/state' });
    expect(response.statusCode).toBe(200);
    const state = response.json();
    expect(state.startups).toHaveLength(1);
    expect(state.startups[0]).toMatchObject({
      slug: 'alpha',
      status: 'running',
      phase: 'mvp_spec',
      phaseIndex: 2,
      costTodayUsd: 0.75,
      quotaUsdPerDay: 15,
    });
    expect(state.startups[0].allocation.ports.length).toBeGreaterThan(0);
    expect(state.startups[0].error).toBeNull();
    expect(state.tasks).toEqual([
      { id: 't1', startupId: id, slug: 'alpha', type: 'mvp_spec', state: 'running', attempts: 1 },
    ]);
    expect(state.providers).toEqual([
      { provider: 'openai', calls: 2, errorRate: 0.5, avgLatencyMs: 200, p90LatencyMs: 300, costUsd: 0.75 },
    ]);
    expect(state.cost).toEqual({ todayUsd: 0.75, quotaUsd: 15 });
    expect(state.lastSeq).toBe(1);
    expect(state.concurrency).toMatchObject({ current: 8, from: 15, reason: 'cpu 95%' });
    const costSeries = state.series.points.reduce((a: number, p: { costUsd: number }) => a + p.costUsd, 0);
    expect(costSeries).toBeCloseTo(0.75, 6);
  });

  it("shows a failed startup's recorded reason in its state", async () => {
    const { app, manager } = await setup();
    const id = await manager.createStartup({ name: 'Broken', industry: 'Retail', category: 'SaaS' });
    await manager.updateStartup(id, { status: 'running' });
    const lastError = { phase: 'mvp_spec', code: 'INTERNAL', message: 'disk quota exceeded' };
    await manager.updateStartup(id, { status: 'failed', state: { lastError } });
    const state = (await app.inject({ url: '/api/dashboard/state' })).json();
    expect(state.startups[0]).toMatchObject({
      status: 'failed',
      error: { code: 'INTERNAL', message: 'disk quota exceeded', resumable: false },
    });
  });

  it('serves the self-contained page, analytics as JSON or CSV, and /metrics', async () => {
    const { app, emit } = await setup();
    await emit({
      type: 'phase.finished',
      startupId: 's',
      phase: 'architecture',
      outcome: 'succeeded',
      durationMs: 2000,
    });
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain("fetch('api/events'");
    // Every inline script (page, deploy panel, evolve panel) is valid JavaScript (a typo would only show in a browser otherwise).
    const scripts = page.body
      .split('<script>')
      .slice(1)
      .map((part) => part.split('</script>')[0] ?? '');
    expect(scripts).toHaveLength(3);
    for (const script of scripts) expect(() => new Function(script)).not.toThrow();
    expect(page.body).toContain('id="evolve-approve"');
    expect(page.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const analytics = await app.inject({ url: '/api/dashboard/analytics' });
    expect(analytics.json().phases[0]).toMatchObject({ key: 'architecture', timeMs: 2000 });
    const csv = await app.inject({ url: '/api/dashboard/analytics?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')).toContainEqual(
      expect.stringMatching(/^phase,architecture,architecture,1,0,2000,/),
    );
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(
      'factory_phase_duration_seconds_count{phase="architecture",outcome="succeeded"} 1',
    );
  });
});
