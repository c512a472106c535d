import type { TaskResult } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { InProcessTaskQueue } from './in-process-task-queue';

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + scaled(60_000);
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Tasks that run until the test releases them, with a count of how many run at once. */
function heldTasks() {
  const release = new Map<string, () => void>();
  const state = { active: 0, peak: 0, started: 0 };
  const handler = async (task: { id: string }) => {
    state.active += 1;
    state.started += 1;
    state.peak = Math.max(state.peak, state.active);
    await new Promise<void>((resolve) => release.set(task.id, resolve));
    state.active -= 1;
  };
  const releaseOne = () => {
    const [id, open] = release.entries().next().value as [string, () => void];
    release.delete(id);
    open();
  };
  return { handler, state, releaseOne, held: () => release.size };
}

describe('in-process engine setConcurrency', () => {
  it('lowering holds back new dispatches without aborting running tasks; raising starts more at once', async () => {
    const held = heldTasks();
    const queue = new InProcessTaskQueue({
      store: new InMemoryStateStore(),
      handler: held.handler,
      concurrency: 4,
    });
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => queue.submit({ id: `t${i}`, startupId: 's1', type: 'research' })),
    );
    await until(() => held.held() === 4, 'four tasks running');
    expect(queue.currentConcurrency).toBe(4);

    queue.setConcurrency(2);
    // The four running tasks keep running; nothing new starts until fewer than two run.
    expect(held.state.active).toBe(4);
    held.releaseOne();
    held.releaseOne();
    await until(() => held.state.active === 2, 'two finished');
    await new Promise((r) => setTimeout(r, 20));
    expect(held.state.started).toBe(4);
    held.releaseOne();
    await until(() => held.held() === 2 && held.state.started === 5, 'one more dispatched');
    expect(held.state.active).toBe(2);

    held.state.peak = 0;
    queue.setConcurrency(5);
    await until(() => held.held() === 5, 'five running after the raise');
    await new Promise((r) => setTimeout(r, 20));
    expect(held.state.active).toBe(5);

    const results: TaskResult[] = [];
    while (held.state.started < 12 || held.held() > 0) {
      await until(() => held.held() > 0, 'a task to release');
      held.releaseOne();
      await new Promise((r) => setImmediate(r));
    }
    for (const id of ids) results.push(await queue.waitForResult(id));
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(held.state.peak).toBe(5);
    await queue.close();
  });

  it('rejects a concurrency below one', async () => {
    const queue = new InProcessTaskQueue({ store: new InMemoryStateStore(), handler: async () => {} });
    expect(() => queue.setConcurrency(0)).toThrow(RangeError);
    expect(() => queue.setConcurrency(1.5)).toThrow(RangeError);
    await queue.close();
  });
});
