import type { AIUsageRecord, FactoryEvent, TaskRecord, TaskResult } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/pg-database';
import { hasServer } from '../../test/server-env';
import { createStateStore } from './create-state-store';
import type { SqlStateStore } from './sql-state-store';
import { StatementCounter } from './statement-counter';

const task = { id: 't1', startupId: 's1', type: 'founder_analysis', prompt: 'p', priority: 5 } as const;
const record = (state: TaskRecord['state']): TaskRecord =>
  ({
    task: { ...task, input: {}, dependsOn: [], maxAttempts: 1, createdAt: new Date(0) },
    state,
    attempts: 1,
    updatedAt: new Date(1),
  }) as TaskRecord;
const result = (output: string): TaskResult => ({
  taskId: 't1',
  startupId: 's1',
  status: 'succeeded',
  output,
  attempts: 1,
  finishedAt: new Date(2),
  durationMs: 1,
});
const finished: FactoryEvent = {
  type: 'task.finished',
  startupId: 's1',
  at: new Date(2),
  taskId: 't1',
  status: 'succeeded',
  durationMs: 1,
};

const backends: Array<[string, () => Promise<{ store: SqlStateStore; drop?: () => Promise<void> }>]> = [
  ['PGlite', async () => ({ store: await createStateStore({ dataDir: 'memory://' }) })],
  ...(hasServer('DATABASE_URL')
    ? [
        [
          'PostgreSQL',
          async () => {
            const db: TestDatabase = await createTestDatabase();
            return { store: await createStateStore({ url: db.url }), drop: () => db.drop() };
          },
        ] as [string, () => Promise<{ store: SqlStateStore; drop?: () => Promise<void> }>],
      ]
    : []),
];

describe.each(backends)('changes written with their events on %s', (_name, open) => {
  let store: SqlStateStore;
  let drop: (() => Promise<void>) | undefined;
  const published: FactoryEvent[] = [];
  beforeAll(async () => {
    ({ store, drop } = await open());
    store.publishTo({ publish: async (e: FactoryEvent) => void published.push(e) } as never);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it("a new task's record and its events: one statement, all stored in order, the events published", async () => {
    const counter = new StatementCounter(store.db).start();
    const queued: FactoryEvent = {
      type: 'task.queued',
      startupId: 's1',
      at: new Date(1),
      taskId: 't1',
      taskType: 'founder_analysis',
      priority: 5,
    };
    const started: FactoryEvent = {
      type: 'task.started',
      startupId: 's1',
      at: new Date(1),
      taskId: 't1',
      attempt: 1,
    };
    const stored = await store.saveTaskWithEvents(record('running'), [queued, started], { onlyNew: true });
    expect(counter.finish().byKindAndTable).toEqual({ 'insert sf_tasks': 1 });
    expect(stored?.map((e) => e.type)).toEqual(['task.queued', 'task.started']);
    expect((await store.getTask('t1'))?.state).toBe('running');
    expect(await store.listEvents({ startupId: 's1' })).toEqual(stored);
    expect(published).toEqual(expect.arrayContaining(stored ?? []));
  });

  it('a first record for a taken id: null, and neither the record nor its events change', async () => {
    const again: FactoryEvent = {
      type: 'task.queued',
      startupId: 's1',
      at: new Date(3),
      taskId: 't1',
      taskType: 'founder_analysis',
      priority: 5,
    };
    expect(await store.saveTaskWithEvents(record('queued'), [again], { onlyNew: true })).toBeNull();
    expect((await store.getTask('t1'))?.state).toBe('running');
    expect((await store.listEvents({ startupId: 's1' })).map((e) => e.type)).toEqual([
      'task.queued',
      'task.started',
    ]);
    // Without onlyNew the same call saves over the record, its event appended.
    expect(await store.saveTaskWithEvents(record('queued'), [again])).toHaveLength(1);
    expect((await store.getTask('t1'))?.state).toBe('queued');
  });

  it('a result, the final state and the finished event: one statement; the first result wins whole', async () => {
    const counter = new StatementCounter(store.db).start();
    expect(await store.finishTask(result('first'), record('succeeded'), finished)).not.toBeNull();
    expect(counter.finish().total).toBe(1);
    await store.saveTask(record('running'));
    expect(await store.finishTask(result('second'), record('failed'), finished)).toBeNull();
    expect((await store.getTaskResult('t1'))?.output).toBe('first');
    // The losing finish wrote nothing: neither its state nor a second finished event.
    expect((await store.getTask('t1'))?.state).toBe('running');
    expect((await store.listEvents({ startupId: 's1', types: ['task.finished'] })).length).toBe(1);
  });

  it('a usage reservation: one statement on every backend; parallel ones from two stores never pass the limit', async () => {
    const usage = (id: string): AIUsageRecord => ({
      id,
      startupId: 'budget-1',
      taskType: 'research',
      provider: 'p',
      model: 'm',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0.5,
      latencyMs: 0,
      outcome: 'reserved',
      attempt: 1,
      createdAt: new Date(),
    });
    const limits = { callsPerHour: 5, costPerDayUsd: 100 };
    const counter = new StatementCounter(store.db).start();
    expect(await store.reserveUsage(usage('u0'), limits)).toEqual({ reserved: true });
    // Not BEGIN, lock, book, COMMIT on PostgreSQL: the lock is taken inside the one call.
    expect(counter.finish().total).toBe(1);
    const other = store.share();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? store : other).reserveUsage(usage(`u${i + 1}`), limits)),
    );
    expect(results.filter((r) => r.reserved)).toHaveLength(4);
    expect(results.find((r) => !r.reserved)).toMatchObject({ limit: 'callsPerHour', callsLastHour: 5 });
    expect((await store.usageSince('budget-1', new Date(Date.now() - 60_000))).calls).toBe(5);
  });

  it('counts the statements of a transaction with its BEGIN and COMMIT', async () => {
    const counter = new StatementCounter(store.db).start();
    await store.transaction((tx) => tx.query('SELECT 1 FROM sf_tasks'));
    expect(counter.finish()).toMatchObject({ total: 3, byKind: { transaction: 2, select: 1 } });
  });
});
