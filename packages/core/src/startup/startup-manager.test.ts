import { startupManagerContract } from '@startup-factory/contracts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { managerSetup, sharedPGlite } from '../../test/harness';
import { ResourceAllocator } from '../resources/resource-allocator';
import { StartupManager } from './startup-manager';

const db = sharedPGlite();
beforeAll(() => db.ready());
afterAll(() => db.close());
afterEach(() => db.reset());

startupManagerContract('StartupManager on PGlite (memory)', managerSetup(db));

const config = (name: string) => ({ name, industry: 'Retail', category: 'Marketplace' });

async function make(
  options: { now?: () => Date; ownerId?: string; totalMemoryMb?: number; ports?: number } = {},
) {
  const store = await db.open();
  const allocator = new ResourceAllocator({
    store,
    portRange: { start: 44_000, end: 44_000 + (options.ports ?? 99) },
    totalMemoryMb: options.totalMemoryMb ?? 100_000,
    totalCpuCores: 100,
    isPortFree: async () => true,
    clock: options.now,
  });
  return {
    store,
    allocator,
    manager: new StartupManager({
      store,
      allocator,
      clock: options.now,
      ownerId: options.ownerId,
      leaseMs: 30_000,
    }),
  };
}

describe('StartupManager on PGlite', () => {
  it('writes a failed create not at all: no startup, no event, no port', async () => {
    const { store, manager, allocator } = await make({ totalMemoryMb: 600 });
    await manager.createStartup(config('First'));
    const error = await manager.createStartup(config('Second')).catch((e) => e);
    expect(error.code).toBe('INSUFFICIENT_MEMORY');
    expect((await manager.listStartups()).map((s) => s.slug)).toEqual(['first']);
    const types = (await store.listEvents()).map((e) => e.type);
    expect(types).toEqual(['startup.created', 'startup.status_changed', 'resource.allocated']);
    expect(await allocator.listAllocations()).toHaveLength(1);
  });

  it('warmUp runs the admission path and leaves nothing behind: no startup, event, port, schema or publish', async () => {
    const { store, manager, allocator } = await make();
    const published: string[] = [];
    store.publishTo({
      publish: async (e) => void published.push(e.type),
      subscribe: () => () => {},
      close: async () => {},
    });
    await manager.warmUp();
    expect(await manager.listStartups()).toEqual([]);
    expect(await store.listEvents()).toEqual([]);
    expect(await allocator.listAllocations()).toEqual([]);
    const { rows } = await store.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'startup_%'");
    expect(rows).toEqual([]);
    expect(published).toEqual([]);
    // A full factory is no reason to fail the warm-up.
    const limited = new StartupManager({ store, allocator, maxConcurrent: 1 });
    await limited.createStartup(config('Holder'));
    await expect(limited.warmUp()).resolves.toBeUndefined();
    expect((await limited.listStartups()).map((s) => s.slug)).toEqual(['holder']);
  });

  it('reports every status change as an event with from and to', async () => {
    const { store, manager } = await make();
    const id = await manager.createStartup(config('Evented'));
    await manager.updateStartup(id, { status: 'running' });
    await manager.pauseStartup(id);
    await manager.cancelStartup(id);
    const changes = (await store.listEvents({ startupId: id, types: ['startup.status_changed'] })).map((e) =>
      e.type === 'startup.status_changed' ? `${e.from}->${e.to}` : '',
    );
    expect(changes).toEqual(['null->created', 'created->running', 'running->paused', 'paused->cancelled']);
    const released = await store.listEvents({ startupId: id, types: ['resource.released'] });
    expect(released).toHaveLength(1);
  });

  it('reconcile marks a running startup whose owner stopped renewing as resumable, not one still owned', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const clock = () => now;
    const crashed = await make({ now: clock, ownerId: 'crashed' });
    const alive = await make({ now: clock, ownerId: 'alive' });
    const lost = await crashed.manager.createStartup(config('Lost One'));
    await crashed.manager.updateStartup(lost, { status: 'running' });
    const kept = await alive.manager.createStartup(config('Kept One'));
    await alive.manager.updateStartup(kept, { status: 'running' });
    now = new Date(now.getTime() + 60_000);
    await alive.manager.heartbeat();
    const report = await alive.manager.reconcile();
    expect(report.resumable).toEqual([lost]);
    expect((await alive.manager.getStartup(lost)).status).toBe('resumable');
    expect((await alive.manager.getStartup(kept)).status).toBe('running');
    expect((await alive.manager.getStartup(lost)).resourceAllocation).not.toBeNull();
    expect((await alive.manager.resumeStartup(lost)).status).toBe('running');
  });

  it('reconcile releases resources of startups that are gone, failed or expired', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const { manager, allocator, store } = await make({ now: () => now });
    const failed = await manager.createStartup(config('Will Fail'));
    await store.query(`UPDATE sf_startups SET status = 'failed' WHERE id = $1`, [failed]);
    await allocator.allocate('not-a-startup', { portCount: 1 });
    await allocator.allocate('short-lived', { portCount: 1 }, { expiresAt: new Date(now.getTime() + 1000) });
    const live = await manager.createStartup(config('Stays'));
    now = new Date(now.getTime() + 5000);
    const report = await manager.reconcile();
    expect(report.released.sort()).toEqual([failed, 'not-a-startup', 'short-lived'].sort());
    expect((await allocator.listAllocations()).map((a) => a.startupId)).toEqual([live]);
  });

  it('re-admits and re-allocates a failed startup that is resumed, within the limit', async () => {
    const { manager } = await make();
    const id = await manager.createStartup(config('Retry Me'));
    await manager.updateStartup(id, { status: 'failed' });
    expect((await manager.getStartup(id)).resourceAllocation).toBeNull();
    const resumed = await manager.resumeStartup(id);
    expect(resumed.status).toBe('running');
    expect(resumed.resourceAllocation?.ports).toHaveLength(3);
  });
});

describe('budgets held by finished startups', () => {
  it('a completed startup keeps its ports but frees its memory and CPU for the next one', async () => {
    const { manager } = await make({ totalMemoryMb: 1_000 });
    const first = await manager.createStartup(config('First Shop'));
    await manager.createStartup(config('Second Shop'));
    await expect(manager.createStartup(config('Third Shop'))).rejects.toMatchObject({
      code: 'INSUFFICIENT_MEMORY',
    });
    const ports = (await manager.getStartup(first)).resourceAllocation?.ports;
    await manager.updateStartup(first, { status: 'running' });
    await manager.updateStartup(first, { status: 'completed' });
    const third = await manager.createStartup(config('Third Shop'));
    expect((await manager.getStartup(first)).resourceAllocation?.ports).toEqual(ports);
    const theirs = (await manager.getStartup(third)).resourceAllocation?.ports ?? [];
    expect(theirs.filter((p) => ports?.includes(p))).toEqual([]);
  });
});
