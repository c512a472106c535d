import { randomUUID } from 'node:crypto';
import { FactoryError } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startThrowawayPostgres,
  type ThrowawayServer,
  throwawayServersMissing,
  waitFor,
} from '../../../../tooling/testing/throwaway-servers';
import { type DependencyChange, DependencyMonitor } from '../outage/dependency-monitor';
import { ResourceAllocator } from '../resources/resource-allocator';
import { createStateStore } from './create-state-store';
import type { PgAdapter } from './pg-adapter';
import type { SqlStateStore } from './sql-state-store';

/** After a stop, the pool has seen its idle connections close (pg_ctl blocked the event loop meanwhile). */
const idleDropped = (store: SqlStateStore) => waitFor(() => (store.db as PgAdapter).pool.idleCount === 0);

import { scaled } from '../../../../tooling/testing/time-scale';
import { probePostgres } from './pg-probe';

/** A PostgreSQL of this file's own, stopped and restarted mid-test (never the shared DATABASE_URL). */
describe.skipIf(throwawayServersMissing())('the state store through a PostgreSQL outage', () => {
  let pg: ThrowawayServer;
  beforeAll(async () => {
    pg = await startThrowawayPostgres();
  });
  afterAll(async () => pg?.destroy());

  it('fails a query with STORE_UNAVAILABLE and advice (not a raw ECONNREFUSED) once its retries run out', {
    timeout: scaled(180_000),
  }, async () => {
    const store = await createStateStore({ url: pg.url, outageRetryMs: 500 });
    try {
      await pg.stop();
      await idleDropped(store);
      const error = await store.listEvents({ limit: 1 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(FactoryError.isInstance(error) && error.code).toBe('STORE_UNAVAILABLE');
      expect((error as Error).message).toMatch(
        /PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres is unreachable \(ECONNREFUSED\)/,
      );
      expect((error as Error).message).toMatch(/start it or fix DATABASE_URL/);
      const probe = await probePostgres(pg.url, 5_000).catch((e: unknown) => e);
      expect((probe as FactoryError).code).toBe('STORE_UNAVAILABLE');
    } finally {
      await pg.start();
      await store.close();
    }
  });

  it('rides out a restart: queries issued while the server is down succeed once it is back, and the outage is reported once each way', {
    timeout: scaled(240_000),
  }, async () => {
    const monitor = new DependencyMonitor();
    const changes: DependencyChange[] = [];
    monitor.onChange((change) => changes.push(change));
    const store = await createStateStore({ url: pg.url, poolSize: 4, outageRetryMs: 120_000, monitor });
    try {
      await pg.stop();
      await idleDropped(store);
      // Twenty reads while nothing listens: they retry their connects instead of failing.
      const reads = Array.from({ length: 20 }, () => store.listEvents({ limit: 1 }));
      await waitFor(() => changes.length > 0);
      expect(monitor.downDetail('postgres')).toMatch(/PostgreSQL at .*: (ECONNREFUSED|connection lost)/);
      await pg.start();
      const results = await Promise.allSettled(reads);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(changes.map((c) => `${c.dependency} ${c.state}`)).toEqual(['postgres down', 'postgres up']);
      expect(monitor.downDetail('postgres')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('400 concurrent allocations on one pool of 10 wait their turn in the pool; none fails', {
    timeout: scaled(300_000),
  }, async () => {
    const store = await createStateStore({ url: pg.url, poolSize: 10 });
    try {
      const allocator = new ResourceAllocator({
        store,
        portRange: { start: 40_000, end: 40_999 },
        totalMemoryMb: 1_000_000,
        totalCpuCores: 1_000,
        totalStorageGb: 10_000,
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 400 }, () =>
          allocator.allocate(randomUUID(), { portCount: 1, memoryMb: 256, cpuCores: 1, storageGb: 1 }),
        ),
      );
      const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
      expect(failures.slice(0, 3)).toEqual([]);
      expect(failures.length).toBe(0);
    } finally {
      await store.close();
    }
  });
});
