import { type SqlStateStore, StatementCounter, type StatementCounts } from '@startup-factory/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedFactoryForFile } from '../test/embedded-factory';
import type { Factory } from './factory';

/**
 * Statements one startup may cost on the default pipeline, summaries included: 365 before issue 15
 * (counting BEGIN and COMMIT), 180 after its first cuts, 138 after the next (162 on PostgreSQL),
 * 99 on both once quota bookings took their lock inside one call, 79 now (learning counts read once,
 * the kept answer settled with its task's records, the host's create and waitFor reading less):
 * within issue 15's goal of 80. This bound (79 and a little headroom) stops the count creeping back.
 */
const BUDGET = 84;

describe('SQL round trips of one startup on the embedded default', () => {
  const embedded = embeddedFactoryForFile('round-trips');
  let factory: Factory;
  beforeAll(() => {
    factory = embedded.factory();
  });

  it(`stay within ${BUDGET} statements from create to completed, summaries included`, async () => {
    // createFactory composes around a SqlStateStore; its adapter tells the counter every statement.
    const counter = new StatementCounter((factory.parts.store as SqlStateStore).db).start();
    const created = await factory.create({ name: 'Round Trips', industry: 'Health', category: 'B2B SaaS' });
    const done = await factory.waitFor(created.id);
    const counts: StatementCounts = counter.finish();
    expect(done.status).toBe('completed');
    // Eight AI calls on the default pipeline, each booked and settled.
    expect(await factory.parts.store.listUsage({ startupId: done.id })).toHaveLength(8);
    expect(counts.total, JSON.stringify(counts.byKindAndTable)).toBeLessThanOrEqual(BUDGET);
    // The host's own reads: `create` summarises a startup just created without reading outputs or
    // usage, and neither it (folders unused) nor `waitFor` (a run of this process) looks it up first.
    expect(counts.byKindAndTable['select sf_ai_usage'], 'usage reads').toBe(1);
    expect(counts.byKindAndTable['select sf_startups'], 'startup reads').toBeLessThanOrEqual(4);
  }, 180_000);
});
