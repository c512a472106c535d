// Allocate+deallocate cycles per second and p99 createStartup latency, each against a bare INSERT
// round trip on the same database in the same run: PGlite always, PostgreSQL when DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { createStateStore, ResourceAllocator, StartupManager } from '../dist/index.js';

const CYCLES = 150;

const p99 = (samples) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))];

async function timed(n, fn) {
  const samples = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return { perSecond: (n * 1000) / (performance.now() - started), p99: p99(samples) };
}

async function measure(label, store) {
  await store.query('CREATE TABLE IF NOT EXISTS bench_insert (id serial PRIMARY KEY, v text NOT NULL)');
  const allocator = new ResourceAllocator({
    store,
    portRange: { start: 46_000, end: 46_999 },
    totalMemoryMb: 10_000_000,
    totalCpuCores: 100_000,
    totalStorageGb: 10_000_000,
    isPortFree: async () => true,
  });
  const manager = new StartupManager({ store, allocator, maxConcurrent: 100_000 });
  await timed(20, (i) => store.query('INSERT INTO bench_insert (v) VALUES ($1)', [`warm ${i}`]));
  const insert = await timed(CYCLES, (i) =>
    store.query('INSERT INTO bench_insert (v) VALUES ($1)', [`row ${i}`]),
  );
  const cycle = await timed(CYCLES, async (i) => {
    await allocator.allocate(`bench-${i}`, { portCount: 3 });
    await allocator.deallocate(`bench-${i}`);
  });
  const create = await timed(CYCLES, (i) =>
    manager.createStartup({ name: `Bench ${i}`, industry: 'Retail', category: 'Shop' }),
  );
  return [
    benchResult({
      name: `core: allocate+deallocate on ${label}`,
      metric: 'cycles per second vs bare INSERTs per second',
      unit: 'ops/s',
      value: cycle.perSecond,
      baseline: insert.perSecond,
      // A cycle is two transactions of ~15 statements including CREATE and DROP SCHEMA (catalog
      // writes): costing up to 50 bare INSERT round trips is expected.
      goal: { minRatio: 0.02 },
      note: `${Math.round(cycle.perSecond)} cycles/s; ${Math.round(insert.perSecond)} inserts/s`,
    }),
    benchResult({
      name: `core: createStartup p99 on ${label}`,
      metric: 'p99 latency vs bare INSERT p99',
      unit: 'ms',
      value: create.p99,
      baseline: insert.p99,
      // One transaction with locks, a row, two events, an allocation and a schema: under 40 INSERTs' worth.
      goal: { maxRatio: 40 },
      note: `p99 ${create.p99.toFixed(2)} ms vs ${insert.p99.toFixed(2)} ms`,
    }),
  ];
}

export async function run() {
  const rows = [];
  const lite = await createStateStore({ dataDir: 'memory://' });
  rows.push(...(await measure('PGlite', lite)));
  await lite.close();

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    rows.push({
      name: 'core: PostgreSQL benchmarks',
      metric: 'skipped',
      unit: '-',
      value: 0,
      baseline: 0,
      ratio: null,
      goal: 'DATABASE_URL set',
      pass: true,
      note: 'DATABASE_URL is not set: PostgreSQL rows were not measured',
    });
    return rows;
  }
  const name = `sf_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const store = await createStateStore({ url: url.toString() });
    rows.push(...(await measure('PostgreSQL', store)));
    await store.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  return rows;
}
