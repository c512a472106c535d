import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateStore } from './create-state-store';
import type { SqlStateStore } from './sql-state-store';
import { classifyStatement, StatementCounter } from './statement-counter';

describe('classifyStatement', () => {
  it.each([
    ['SELECT * FROM sf_startups WHERE id = $1', 'select', 'sf_startups'],
    ['INSERT INTO sf_events (a) VALUES ($1)', 'insert', 'sf_events'],
    ['UPDATE sf_tasks SET state = $2 WHERE id = $1', 'update', 'sf_tasks'],
    ['DELETE FROM sf_documents WHERE key = $1', 'delete', 'sf_documents'],
    ['SELECT s.*, (SELECT x FROM sf_ports p) AS ports FROM sf_startups s', 'select', 'sf_startups'],
    [
      'WITH r AS (INSERT INTO sf_task_results VALUES ($1) RETURNING 1) SELECT 1 FROM r',
      'insert',
      'sf_task_results',
    ],
    ['SELECT pg_advisory_xact_lock($1)', 'lock', null],
    ['COMMIT', 'transaction', null],
    ['CREATE SCHEMA IF NOT EXISTS "s1"', 'other', null],
  ])('%s is %s on %s', (sql, kind, table) => {
    expect(classifyStatement(sql)).toEqual({ kind, table });
  });
});

describe('StatementCounter on PGlite', () => {
  let store: SqlStateStore;
  beforeAll(async () => {
    store = await createStateStore({ dataDir: 'memory://' });
  }, 180_000);
  afterAll(() => store?.close());

  it('counts every statement, those of a transaction with its BEGIN and COMMIT, until finished', async () => {
    const counter = new StatementCounter(store.db).start();
    await store.putDocument('c', 'a', { n: 1 });
    await store.getDocument('c', 'a');
    await store.transaction(async (tx) => {
      await tx.query('SELECT value FROM sf_documents WHERE collection = $1', ['c']);
    });
    await expect(
      store.transaction(async () => {
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const counts = counter.finish();
    await store.getDocument('c', 'a');
    expect(counts.total).toBe(7);
    expect(counts.byKind).toEqual({ insert: 1, select: 2, transaction: 4 });
    expect(counts.byKindAndTable).toEqual({
      'insert sf_documents': 1,
      'select sf_documents': 2,
      transaction: 4,
    });
    expect(counter.snapshot().total).toBe(7);
  });
});
