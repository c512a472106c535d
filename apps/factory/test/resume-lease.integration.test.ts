import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartupManager } from '@startup-factory/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { countingOfflineProvider, postgresStores } from './composed-harness';
import { serverMissing } from './require-server';

/** Polls `probe` until it stops throwing, or fails after `ms`. */
async function eventually<T>(probe: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe.skipIf(serverMissing('DATABASE_URL'))('resume across two factories on one PostgreSQL', () => {
  const stores = postgresStores(process.env.DATABASE_URL ?? 'postgres://unset');
  const dirs: string[] = [];
  const factories: Factory[] = [];
  afterAll(async () => {
    for (const f of factories) await f.close().catch(() => {});
    await stores.dropAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const open = async (ai: ReturnType<typeof countingOfflineProvider>) => {
    const { store } = await stores.open();
    const dataDir = mkdtempSync(join(tmpdir(), 'sf-lease-'));
    dirs.push(dataDir);
    const factory = await createFactory(
      { dataDir, validateProjects: false, leaseMs: 1_000, portRange: { start: 23_500, end: 23_599 } },
      { env: {}, store, providers: [ai.provider] },
    );
    factories.push(factory);
    return factory;
  };

  it('refuses the second resume while the first process holds the lease, and takes over once it lapses', async () => {
    const aiA = countingOfflineProvider();
    const aiB = countingOfflineProvider();
    const a = await open(aiA);
    const b = await open(aiB);
    const managerA = a.parts.manager as StartupManager;
    // A runs the startup (its manager holds the lease and renews it).
    const id = await a.parts.manager.createStartup({
      name: 'Lease Run',
      industry: 'Retail',
      category: 'Shop',
    });
    await a.parts.manager.updateStartup(id, { status: 'running' });

    const refused = await b.resume(id).catch((e: unknown) => e);
    // Before: B started a second pipeline run over A's.
    expect((refused as { code?: string }).code).toBe('STARTUP_LEASED');
    expect((refused as Error).message).toContain(managerA.ownerId);
    expect(aiB.calls()).toBe(0);
    expect(await a.parts.store.listEvents({ startupId: id, types: ['phase.started'] })).toEqual([]);

    // A dies: no more heartbeats; once its 1 s lease lapses B may take the run over and finish it.
    managerA.stop();
    await eventually(() => b.resume(id), 30_000);
    const done = await b.waitFor(id);
    expect(done.status).toBe('completed');
    expect(aiB.calls()).toBeGreaterThan(0);
    expect(aiA.calls()).toBe(0);
  }, 120_000);
});
