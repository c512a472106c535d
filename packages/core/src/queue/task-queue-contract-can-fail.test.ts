import { type IStateStore, ProviderError, type TaskHandler } from '@startup-factory/contracts';
import {
  InMemoryStateStore,
  runContractCases,
  type TaskQueueSetup,
  taskQueueCases,
  taskQueueHarness,
} from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { createTaskQueue } from './create-task-queue';

/** The real in-process queue with one thing broken by `breakIt`. */
function brokenSetup(breakIt: {
  handler?: (h: TaskHandler) => TaskHandler;
  store?: (s: IStateStore) => IStateStore;
  ignoreConcurrency?: boolean;
  queue?: (q: ReturnType<typeof createTaskQueue>) => void;
}): TaskQueueSetup {
  return async ({ handler, concurrency, retryBaseMs }) => {
    const store = new InMemoryStateStore();
    const queue = createTaskQueue({
      store: breakIt.store?.(store) ?? store,
      handler: breakIt.handler?.(handler) ?? handler,
      concurrency: breakIt.ignoreConcurrency ? 50 : (concurrency ?? 15),
      retry: { baseMs: retryBaseMs ?? 5, jitter: 0 },
    });
    breakIt.queue?.(queue);
    return { queue, store };
  };
}

async function failedCases(setup: TaskQueueSetup): Promise<string[]> {
  const outcomes = await runContractCases(taskQueueCases, async () => taskQueueHarness(setup));
  return outcomes.filter((o) => !o.passed).map((o) => o.name);
}

describe('taskQueueContract can fail', () => {
  it('passes the real queue unbroken', async () => {
    const outcomes = await runContractCases(taskQueueCases, async () => taskQueueHarness(brokenSetup({})));
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${String(o.error)}`)).toEqual([]);
  });

  it('catches a queue that ignores priority', async () => {
    const setup = brokenSetup({
      queue: (q) => {
        const submit = q.submit.bind(q);
        q.submit = (task) => submit({ ...task, priority: 5 });
      },
    });
    expect(await failedCases(setup)).toEqual([
      'with concurrency 1, queued tasks run by priority (1 first, 10 last)',
    ]);
  });

  it('catches a queue that exceeds its concurrency', async () => {
    const failed = await failedCases(brokenSetup({ ignoreConcurrency: true }));
    expect(failed).toContain('the number of tasks running at once never exceeds the concurrency');
  });

  it('catches a queue that retries permanent errors', async () => {
    const setup = brokenSetup({
      handler: (h) => async (task, ctx) => {
        try {
          return await h(task, ctx);
        } catch (error) {
          if (ProviderError.isInstance(error))
            throw new ProviderError({ message: error.message, provider: 'p' });
          throw error;
        }
      },
    });
    expect(await failedCases(setup)).toContain('a permanent ProviderError fails the task after one call');
  });

  it('catches a queue that ignores Retry-After', async () => {
    const setup = brokenSetup({
      handler: (h) => async (task, ctx) => {
        try {
          return await h(task, ctx);
        } catch (error) {
          if (ProviderError.isInstance(error) && error.retryAfterMs !== undefined) {
            throw new ProviderError({ message: error.message, provider: error.provider });
          }
          throw error;
        }
      },
    });
    expect(await failedCases(setup)).toEqual(['Retry-After delays the next attempt by at least that long']);
  });

  it('catches a queue that loses results', async () => {
    const setup = brokenSetup({
      store: (s) => Object.assign(Object.create(s), { saveTaskResult: async () => true }) as IStateStore,
    });
    expect(await failedCases(setup)).toContain('results are saved in the state store');
  });

  it('catches a queue that ignores dependencies', async () => {
    const setup = brokenSetup({
      queue: (q) => {
        const submit = q.submit.bind(q);
        q.submit = (task) => submit({ ...task, dependsOn: [] });
      },
    });
    const failed = await failedCases(setup);
    expect(failed).toContain('a dependent task starts after its dependency and sees its result');
    expect(failed).toContain('a failed dependency fails its dependent without running it');
  });

  it('catches a queue whose cancel claims success for running tasks', async () => {
    const setup = brokenSetup({
      queue: (q) => {
        q.cancel = async () => true;
      },
    });
    expect(await failedCases(setup)).toContain(
      'cancel removes a queued task but not a running or finished one',
    );
  });
});
