import type { TaskHandler } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStateStore } from '../store/create-state-store';
import type { SqlStateStore } from '../store/sql-state-store';
import { StatementCounter } from '../store/statement-counter';
import { InProcessTaskQueue } from './in-process-task-queue';

/** The statements a task costs on the SQL store, and what they keep: the duplicate check, the states, the events. */
describe('in-process engine writes on PGlite', () => {
  let store: SqlStateStore;
  beforeAll(async () => {
    store = await createStateStore({ dataDir: 'memory://' });
  }, 180_000);
  afterAll(() => store?.close());

  const queueOf = (handler: TaskHandler) => new InProcessTaskQueue({ store, handler, concurrency: 1 });
  const types = async (startupId: string) => (await store.listEvents({ startupId })).map((e) => e.type);

  it('a task picked up at once costs two statements: inserted running with both events, then finished', async () => {
    let stateWhileRunning: string | undefined;
    const queue = queueOf(async (task) => {
      stateWhileRunning = (await store.getTask(task.id))?.state;
      return 'ok';
    });
    const counter = new StatementCounter(store.db).start();
    const id = await queue.submit({ id: 'w-once', startupId: 'w1', type: 'research' });
    await queue.waitForResult(id);
    const counts = counter.finish();
    // Less the handler's own read: no duplicate check, no separate queued write.
    expect(counts.byKindAndTable).toEqual({
      'insert sf_tasks': 1,
      'select sf_tasks': 1,
      'insert sf_events': 1,
    });
    expect(stateWhileRunning).toBe('running');
    expect((await store.getTask(id))?.state).toBe('succeeded');
    expect(await types('w1')).toEqual(['task.queued', 'task.started', 'task.finished']);
    await queue.close();
  });

  it('a task that waits for a free slot is written queued, then running, each with its event', async () => {
    let open = () => {};
    const held = new Promise<void>((resolve) => {
      open = resolve;
    });
    const queue = queueOf(async () => held);
    await queue.submit({ id: 'w-blocker', startupId: 'w2', type: 'research' });
    const waiting = await queue.submit({ id: 'w-second', startupId: 'w2', type: 'research' });
    expect((await store.getTask(waiting))?.state).toBe('queued');
    open();
    await queue.waitForResult(waiting);
    expect(
      (await store.listEvents({ startupId: 'w2' }))
        .filter((e) => 'taskId' in e && e.taskId === waiting)
        .map((e) => e.type),
    ).toEqual(['task.queued', 'task.started', 'task.finished']);
    await queue.close();
  });

  it('rejects an id another queue stored, without a duplicate check read, and never runs it', async () => {
    const first = queueOf(async () => 'first');
    await first.waitForResult(await first.submit({ id: 'w-dup', startupId: 'w3', type: 'research' }));
    await first.close();
    let ran = false;
    const second = queueOf(async () => {
      ran = true;
      return 'second';
    });
    const counter = new StatementCounter(store.db).start();
    await expect(second.submit({ id: 'w-dup', startupId: 'w3', type: 'research' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(counter.finish().byKindAndTable).toEqual({ 'insert sf_tasks': 1 });
    await second.close();
    expect(ran).toBe(false);
    expect((await store.getTaskResult('w-dup'))?.output).toBe('first');
    expect(await types('w3')).toEqual(['task.queued', 'task.started', 'task.finished']);
  });
});
