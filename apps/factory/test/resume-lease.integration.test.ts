import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IProvider } from '@startup-factory/contracts';
import type { StartupManager } from '@startup-factory/core';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../tooling/testing/eventually';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import type { RunFailure } from '../src/run-failures';
import { countingOfflineProvider, postgresStores } from './composed-harness';
import { serverMissing } from './require-server';

describe.skipIf(serverMissing('DATABASE_URL'))('resume across two factories on one PostgreSQL', () => {
  const stores = postgresStores(process.env.DATABASE_URL ?? 'postgres://unset');
  const dirs: string[] = [];
  const factories: Factory[] = [];
  afterAll(async () => {
    for (const f of factories) await f.close().catch(() => {});
    await stores.dropAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const open = async (provider: IProvider, extra: { runStallMs?: number } = {}) => {
    const { store } = await stores.open();
    const dataDir = mkdtempSync(join(tmpdir(), 'sf-lease-'));
    dirs.push(dataDir);
    const factory = await createFactory(
      {
        dataDir,
        validateProjects: false,
        leaseMs: 1_000,
        portRange: { start: 23_500, end: 23_599 },
        ...extra,
      },
      { env: {}, store, providers: [provider] },
    );
    factories.push(factory);
    return { factory, store };
  };

  it('refuses a second resume while the first run progresses; once that run hangs past its stall bound, its lease lapses and the second takes over', {
    timeout: scaled(240_000),
  }, async () => {
    // A's AI calls never answer (until released at the end): its run hangs in the first task.
    const hanging = hangingProvider();
    const aiB = countingOfflineProvider();
    const { factory: a, store } = await open(hanging.provider, { runStallMs: 10_000 });
    const { factory: b } = await open(aiB.provider);
    const failuresA: RunFailure[] = [];
    a.onRunFailure((failure) => failuresA.push(failure));
    const managerA = a.parts.manager as StartupManager;
    const { id } = await a.create({ name: 'Lease Run', industry: 'Retail', category: 'Shop' });
    const leaseOf = async () => {
      const { rows } = await store.query<{ lease_until: Date }>(
        'SELECT lease_until FROM sf_startups WHERE id = $1',
        [id],
      );
      return new Date(rows[0]!.lease_until).getTime();
    };
    await eventually(async () => expect(hanging.calls()).toBeGreaterThan(0), 60_000);

    // A's run is live and recently progressed: A renews its 1 s lease, and B is refused.
    const first = await leaseOf();
    await eventually(async () => expect(await leaseOf()).toBeGreaterThan(first), 30_000);
    const refused = await b.resume(id).catch((e: unknown) => e);
    // Before leases: B started a second pipeline run over A's.
    expect((refused as { code?: string }).code).toBe('STARTUP_LEASED');
    expect((refused as Error).message).toContain(managerA.ownerId);
    expect(aiB.calls()).toBe(0);

    // No progress for 10 s: A stops renewing (before, a process-wide timer renewed it for good, so
    // B was refused for as long as A's process lived); once the lease lapsed B takes the run over.
    await eventually(() => b.resume(id), 90_000);
    expect(failuresA).toEqual([
      expect.objectContaining({ startupId: id, code: 'RUN_STALLED', recorded: false }),
    ]);
    const done = await b.waitFor(id);
    expect(done.status).toBe('completed');
    expect(aiB.calls()).toBeGreaterThan(0);
    // A's hung call fails once released; its late steps are refused, B's result stands.
    hanging.release();
    await a.waitFor(id);
    expect((await b.show(id)).status).toBe('completed');
  });
});

/** A provider whose calls hang until `release()`, which fails them all. */
function hangingProvider(): { provider: IProvider; calls: () => number; release: () => void } {
  let calls = 0;
  const waiting: Array<(error: Error) => void> = [];
  let released = false;
  const provider: IProvider = {
    name: 'hanging',
    defaultModel: 'hanging-1',
    offline: true,
    complete: () => {
      calls += 1;
      if (released) return Promise.reject(new Error('released'));
      return new Promise((_, reject) => waiting.push(reject));
    },
  };
  return {
    provider,
    calls: () => calls,
    release: () => {
      released = true;
      for (const reject of waiting.splice(0)) reject(new Error('the hanging provider was released'));
    },
  };
}
