import { type ChildProcess, fork } from 'node:child_process';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { buildChildBundle, WORKER_SCRIPT } from '../../test/child-bundle';
import { createTestDatabase, type TestDatabase } from '../../test/pg-database';
import { hasServer } from '../../test/server-env';
import { ResourceAllocator } from '../resources/resource-allocator';
import { createStateStore } from '../store/create-state-store';
import type { SqlStateStore } from '../store/sql-state-store';
import { StartupManager } from './startup-manager';

interface Worker {
  child: ChildProcess;
  messages: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

describe.skipIf(!hasServer('DATABASE_URL'))('two processes sharing one PostgreSQL', () => {
  let database: TestDatabase;
  let bundle: string;
  let store: SqlStateStore;
  const portStart = randomTestPortBase(250);

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createStateStore({ url: database.url, poolSize: 2 });
    bundle = buildChildBundle();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const start = (env: Record<string, string>): Worker => {
    const child = fork(WORKER_SCRIPT, [], {
      env: {
        ...process.env,
        SF_BUNDLE: bundle,
        SF_DATABASE_URL: database.url,
        SF_PORT_START: String(portStart),
        SF_PORT_SPAN: '240',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const messages: Array<Record<string, unknown>> = [];
    child.on('message', (m) => messages.push(m as Record<string, unknown>));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, messages, exited };
  };

  const reset = () =>
    store
      .query('TRUNCATE sf_startups, sf_allocations, sf_ports, sf_events RESTART IDENTITY')
      .then(async () => {
        const { rows } = await store.query<{ n: string }>(
          "SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'startup\\_%'",
        );
        for (const { n } of rows) await store.query(`DROP SCHEMA "${n}" CASCADE`);
      });

  it('hands out 200 allocations from two processes without a duplicate port', {
    timeout: scaled(180_000),
  }, async () => {
    const workers = ['a', 'b'].map((p) =>
      start({ SF_MODE: 'allocate', SF_COUNT: '100', SF_PREFIX: `proc-${p}` }),
    );
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const ports = workers.flatMap((w) => w.messages[0]!.ports as number[]);
    expect(ports).toHaveLength(200);
    expect(new Set(ports).size).toBe(200);
    const { rows } = await store.query<{ n: number }>(
      'SELECT count(DISTINCT port)::integer AS n FROM sf_ports',
    );
    expect(rows[0]!.n).toBe(200);
    await reset();
  });

  it('never admits more than the limit between two processes creating at once', {
    timeout: scaled(120_000),
  }, async () => {
    const workers = ['a', 'b'].map((p) =>
      start({ SF_MODE: 'create', SF_COUNT: '6', SF_PREFIX: `Rush ${p}`, SF_LIMIT: '5' }),
    );
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const admitted = workers.reduce((sum, w) => sum + (w.messages[0]!.admitted as number), 0);
    expect(admitted).toBe(5);
    const codes = workers.flatMap((w) => w.messages[0]!.refusedCodes as string[]);
    expect(codes).toEqual(Array(7).fill('CONCURRENCY_LIMIT'));
    const { rows } = await store.query<{ n: number }>('SELECT count(*)::integer AS n FROM sf_startups');
    expect(rows[0]!.n).toBe(5);
    await reset();
  });

  it('a process killed mid-create leaves no half-written startup and no leaked port after reconcile', {
    timeout: scaled(120_000),
  }, async () => {
    const worker = start({ SF_MODE: 'churn', SF_COUNT: '70', SF_PREFIX: 'Churn', SF_LIMIT: '1000' });
    const deadline = Date.now() + scaled(60_000);
    while (worker.messages.length < 4 && Date.now() < deadline && worker.child.exitCode === null) {
      await Promise.race([new Promise((resolve) => worker.child.once('message', resolve)), worker.exited]);
    }
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBeNull();

    const allocator = new ResourceAllocator({ store, portRange: { start: portStart, end: portStart + 239 } });
    const manager = new StartupManager({ store, allocator, maxConcurrent: 1000 });
    await manager.reconcile();
    const startups = await manager.listStartups();
    expect(startups.length).toBeGreaterThanOrEqual(4);
    for (const s of startups) {
      expect(s.status).toBe('created');
      expect(s.resourceAllocation?.ports).toHaveLength(3);
    }
    const { rows: ports } = await store.query<{ n: number }>('SELECT count(*)::integer AS n FROM sf_ports');
    expect(ports[0]!.n).toBe(startups.length * 3);
    const created = await store.listEvents({ types: ['startup.created'] });
    expect(created.map((e) => e.startupId).sort()).toEqual(startups.map((s) => s.id).sort());
    const { rows: schemas } = await store.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM pg_namespace WHERE nspname LIKE 'startup\\_%'",
    );
    expect(schemas[0]!.n).toBe(startups.length);
    await reset();
  });
});
