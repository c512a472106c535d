import {
  FactoryError,
  type ITaskQueue,
  ProviderError,
  type StartupInstance,
  type Task,
} from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskQueue } from '../queue/create-task-queue';
import type { AiPhasePlan } from './phase-plan';
import { planTaskId, runPlan } from './run-plan';

const startup = { id: 's1' } as StartupInstance;
const plan: AiPhasePlan = {
  phase: 'research',
  tasks: [
    { name: 'a', type: 'market_research', outputSchema: 'x', prompt: 'a', priority: 5, after: [] },
    { name: 'b', type: 'market_research', outputSchema: 'x', prompt: 'b', priority: 5, after: ['a'] },
  ],
  merge: (outputs) => outputs,
};

describe('runPlan', () => {
  let queue: ITaskQueue | undefined;
  afterEach(async () => {
    await queue?.close();
  });

  /** A queue whose handler answers each task with its id, counting handler runs and result reads. */
  function countingQueue() {
    const handled: string[] = [];
    const reads: string[] = [];
    const q = createTaskQueue({
      store: new InMemoryStateStore(),
      handler: async (task: Task) => {
        handled.push(task.id);
        return { from: task.id };
      },
    });
    const getResult = q.getResult.bind(q);
    q.getResult = (id) => {
      reads.push(id);
      return getResult(id);
    };
    queue = q;
    return { queue: q, handled, reads };
  }

  it('submits a fresh run without reading a result first', async () => {
    const { queue, handled, reads } = countingQueue();
    const outputs = await runPlan(queue, startup, plan, 0);
    expect(outputs).toEqual({
      a: { from: planTaskId('s1', 'research', 'a', 0) },
      b: { from: planTaskId('s1', 'research', 'b', 0) },
    });
    expect(handled).toHaveLength(2);
    expect(reads).toEqual([]);
  });

  it('reuses what the same run already finished (the queue refuses the id) without running it again', async () => {
    const { queue, handled } = countingQueue();
    const first = await runPlan(queue, startup, plan, 0);
    const again = await runPlan(queue, startup, plan, 0);
    expect(again).toEqual(first);
    expect(handled).toHaveLength(2);
  });

  it('reuses what an earlier run finished, by the earlier run number', async () => {
    const { queue, handled } = countingQueue();
    const first = await runPlan(queue, startup, plan, 0);
    expect(await runPlan(queue, startup, plan, 1)).toEqual(first);
    expect(handled).toHaveLength(2);
  });

  /** A queue whose handler for task `a` does what `onA` says; the others answer with their id. */
  function queueWith(onA: (q: ITaskQueue) => Promise<unknown>) {
    const q: ITaskQueue = createTaskQueue({
      store: new InMemoryStateStore(),
      handler: async (task: Task) => (task.id.endsWith('.a.r0') ? onA(q) : { from: task.id }),
    });
    queue = q;
    return q;
  }

  it('ends with TASK_CANCELLED when a task of the run was cancelled (not as a provider failure)', async () => {
    const q = queueWith(async (self) => {
      // `a` starts as soon as it is submitted, before runPlan submits `b`: cancel `b` once it waits.
      const b = planTaskId('s1', 'research', 'b', 0);
      for (let tries = 0; tries < 500 && !(await self.cancel(b)); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return { ok: true };
    });
    const failure = await runPlan(q, startup, plan, 0).catch((error: unknown) => error);
    expect(FactoryError.isInstance(failure) && failure.code).toBe('TASK_CANCELLED');
  });

  it("keeps a task's own factory code, and reports an unexpected handler error as internal", async () => {
    const outage = await runPlan(
      queueWith(async () => {
        throw new ProviderError({ provider: 'p', message: 'down', permanent: true });
      }),
      startup,
      plan,
      0,
    ).catch((error: unknown) => error);
    expect(FactoryError.isInstance(outage) && outage.code).toBe('PROVIDER_ERROR');
    await queue?.close();
    const bug = await runPlan(
      queueWith(async () => {
        throw new TypeError('x is undefined');
      }),
      startup,
      plan,
      0,
    ).catch((error: unknown) => error);
    expect(bug).toBeInstanceOf(Error);
    expect(FactoryError.isInstance(bug)).toBe(false);
    expect((bug as Error).message).toContain('x is undefined');
  });
});
