import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { expect, it } from 'vitest';
import { ResourceAllocator } from '../src/resources/resource-allocator';
import { StartupManager } from '../src/startup/startup-manager';
import type { SqlStateStore } from '../src/store/sql-state-store';
import { StatementCounter } from '../src/store/statement-counter';
import type { SharedDatabase } from './harness';

const LEASE_MS = 2_000;

/**
 * Two managers on one database, as two processes would be: a running startup belongs to the one
 * whose lease is live; the other is refused until that lease lapses or its holder is known gone.
 */
export function leaseCases(db: SharedDatabase): void {
  const base = randomTestPortBase(100);
  const make = async (
    ownerId: string,
    extra: { clock?: () => Date; isOwnerAlive?: (id: string) => boolean; maxConcurrent?: number } = {},
    store?: SqlStateStore,
  ) => {
    store ??= await db.open();
    const allocator = new ResourceAllocator({
      store,
      portRange: { start: base, end: base + 99 },
      totalMemoryMb: 100_000,
      totalCpuCores: 100,
      isPortFree: async () => true,
    });
    return new StartupManager({ store, allocator, ownerId, leaseMs: LEASE_MS, ...extra });
  };
  const config = { name: 'Lease Test', industry: 'Retail', category: 'Marketplace' };

  it('creates with one read of the startups and the row and its two events in one statement, published on commit', async () => {
    const store = await db.open();
    const published: string[] = [];
    store.publishTo({ publish: async (e: { type: string }) => void published.push(e.type) } as never);
    const manager = await make('process-a', { maxConcurrent: 1 }, store);
    const counter = new StatementCounter(store.db).start();
    const id = await manager.createStartup(config);
    const counts = counter.finish().byKindAndTable;
    expect(counts['select sf_startups']).toBe(1);
    expect(counts['insert sf_startups']).toBe(1);
    // The allocator's own event is the one appended alone.
    expect(counts['insert sf_events']).toBe(1);
    expect(published).toEqual(['startup.created', 'startup.status_changed', 'resource.allocated']);
    const stored = await store.listEvents({ startupId: id });
    expect(stored.map((e) => e.type)).toEqual(published);
    // Refusals still come first and leave nothing behind, published or stored.
    published.length = 0;
    await expect(manager.createStartup(config)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(manager.createStartup({ ...config, name: 'Lease Test Two' })).rejects.toMatchObject({
      code: 'CONCURRENCY_LIMIT',
    });
    expect(published).toEqual([]);
    expect((await manager.listStartups()).length).toBe(1);
  });

  it('starts and completes its own run in one statement each, with the event; a second process is still refused', async () => {
    // Counted on the first process's own connection (on PostgreSQL each store has its own pool).
    const store = await db.open();
    const first = await make('process-a', {}, store);
    const second = await make('process-b');
    const id = await first.createStartup(config);
    const counter = new StatementCounter(store.db).start();
    const running = await first.updateStartup(id, { status: 'running', state: { runs: 1 } });
    expect(counter.finish().byKindAndTable).toEqual({ 'update sf_startups': 1 });
    expect(running).toMatchObject({ status: 'running', state: { runs: 1 } });
    expect(running.resourceAllocation?.ports.length).toBeGreaterThan(0);
    const refused = await second.updateStartup(id, { status: 'completed' }).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('STARTUP_LEASED');
    counter.start();
    const done = await first.updateStartup(id, { status: 'completed', currentPhase: null });
    expect(counter.finish().byKindAndTable).toEqual({ 'update sf_startups': 1 });
    expect(done).toMatchObject({ status: 'completed', currentPhase: null });
    // Completed keeps its allocation (until deleted) and drops the owner: another process may delete it.
    expect(done.resourceAllocation).not.toBeNull();
    const moves = (await store.listEvents({ startupId: id, types: ['startup.status_changed'] })).map((e) =>
      e.type === 'startup.status_changed' ? `${e.from}->${e.to}` : '',
    );
    expect(moves).toEqual(['null->created', 'created->running', 'running->completed']);
    await second.deleteStartup(id);
  });

  it('refuses a second process resuming a startup the first runs, naming the holder, and changes nothing', async () => {
    const first = await make('process-a');
    const second = await make('process-b');
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    // The pipeline's own step (a state/phase update) and a status change that is not the operator's.
    for (const attempt of [
      () => second.updateStartup(id, {}),
      () => second.updateStartup(id, { currentPhase: 'market_research', state: { runs: 2 } }),
      () => second.updateStartup(id, { status: 'failed' }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('STARTUP_LEASED');
      expect((error as Error).message).toContain('process-a');
    }
    const after = await first.getStartup(id);
    expect(after.status).toBe('running');
    expect(after.currentPhase).toBe('founder_analysis');
    // The holder carries on.
    expect((await first.updateStartup(id, { currentPhase: 'market_research' })).currentPhase).toBe(
      'market_research',
    );
  });

  it('refuses deleting a startup another live process runs; once cancelled it can be deleted', async () => {
    const first = await make('process-a');
    const second = await make('process-b');
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    const error = await second.deleteStartup(id).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('STARTUP_LEASED');
    expect((await first.getStartup(id)).status).toBe('running');
    await second.cancelStartup(id);
    await second.deleteStartup(id);
    expect(await first.listStartups()).toEqual([]);
  });

  it('still lets another process pause or cancel a running startup', async () => {
    const first = await make('process-a');
    const second = await make('process-b');
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    expect((await second.pauseStartup(id)).status).toBe('paused');
  });

  it('takes the run over once the holder stopped renewing and its lease expired', async () => {
    const first = await make('process-a');
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    first.stop();
    // Seen from a clock past the lease: the holder is as good as dead.
    const later = await make('process-b', { clock: () => new Date(Date.now() + LEASE_MS + 1_000) });
    await later.updateStartup(id, {});
    await later.updateStartup(id, { currentPhase: 'mvp_spec' });
    // Now the old holder is the stranger: its late step is refused instead of overlapping the new run.
    const late = await first.updateStartup(id, { currentPhase: 'market_research' }).catch((e: unknown) => e);
    expect((late as { code?: string }).code).toBe('STARTUP_LEASED');
    expect((await later.getStartup(id)).currentPhase).toBe('mvp_spec');
  });

  it('takes the run over at once when the holder is known to be gone', async () => {
    const first = await make('process-a');
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    const second = await make('process-b', { isOwnerAlive: (owner) => owner !== 'process-a' });
    expect((await second.updateStartup(id, { currentPhase: 'market_research' })).currentPhase).toBe(
      'market_research',
    );
  });

  it('reconcile marks a startup resumable at once when its owner is known gone, not when it lives', async () => {
    const first = await make('process-a');
    const other = await make('process-c');
    const gone = await first.createStartup(config);
    const live = await other.createStartup({ ...config, name: 'Lease Live' });
    await first.updateStartup(gone, { status: 'running' });
    await other.updateStartup(live, { status: 'running' });
    const second = await make('process-b', { isOwnerAlive: (owner) => owner !== 'process-a' });
    const report = await second.reconcile();
    expect(report.resumable).toEqual([gone]);
    expect((await second.getStartup(gone)).status).toBe('resumable');
    expect((await second.getStartup(live)).status).toBe('running');
  });

  it('lets the holder renew: a heartbeat keeps the lease live past its first expiry', async () => {
    let now = Date.now();
    const first = await make('process-a', { clock: () => new Date(now) });
    const id = await first.createStartup(config);
    await first.updateStartup(id, { status: 'running' });
    now += LEASE_MS - 100;
    await first.heartbeat();
    const second = await make('process-b', { clock: () => new Date(now + 500) });
    const error = await second.updateStartup(id, {}).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('STARTUP_LEASED');
  });
}
