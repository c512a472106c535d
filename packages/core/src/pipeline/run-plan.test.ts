import type { ITaskQueue, StartupInstance, Task } from '@startup-factory/contracts';
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
});
