// SQL statements one startup costs on the code path users run (createFactory, the default
// pipeline, offline provider), from `create` to `completed` with both summaries: on the embedded
// PGlite, and on PostgreSQL too when DATABASE_URL is set. Goal (issue 15): at most 80.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementCounter } from '@startup-factory/core';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { createFactory } from '../dist/index.js';

const GOAL = 80;

async function statementsPerStartup(config, tag) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-bench-sql-'));
  const factory = await createFactory({ dataDir, validateProjects: false, ...config }, { env: {} });
  try {
    const counter = new StatementCounter(factory.parts.store.db).start();
    const created = await factory.create({
      name: `Bench Sql ${tag}`,
      industry: 'Health',
      category: 'B2B SaaS',
    });
    const done = await factory.waitFor(created.id);
    const counts = counter.finish();
    if (done.status !== 'completed') throw new Error(`bench startup ended ${done.status}`);
    const calls = (await factory.parts.store.listUsage({ startupId: done.id })).length;
    await factory.delete(done.id);
    return { counts, calls };
  } finally {
    await factory.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(backend, { counts, calls }) {
  return benchResult({
    name: `SQL statements per startup (${backend})`,
    metric: 'statements from create to completed (summaries included) against the goal',
    unit: 'statements',
    value: counts.total,
    baseline: GOAL,
    goal: { maxRatio: 1 },
    // Per table and statement kind (`insert sf_events`, `select sf_documents`, ...): where the rest goes.
    note: `${calls} AI calls; by kind ${JSON.stringify(counts.byKind)}; by table ${JSON.stringify(counts.byTable)}; by kind and table ${JSON.stringify(counts.byKindAndTable)}`,
  });
}

export async function run() {
  const rows = [
    row('PGlite', await statementsPerStartup({ portRange: { start: 25_500, end: 25_549 } }, Date.now())),
  ];
  if (process.env.DATABASE_URL) {
    const measured = await statementsPerStartup(
      { databaseUrl: process.env.DATABASE_URL, portRange: { start: 25_550, end: 25_599 } },
      Date.now(),
    );
    rows.push(row('PostgreSQL', measured));
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) process.stdout.write(`${JSON.stringify(r)}\n`);
}
