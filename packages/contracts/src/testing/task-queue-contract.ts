import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ProviderError } from '../errors/provider-error';
import type { IStateStore } from '../interfaces/state-store';
import type { ITaskQueue, TaskHandler } from '../interfaces/task-queue';
import type { FactoryEvent } from '../schemas/events';
import type { Task } from '../schemas/task';
import { type ContractCase, registerContract } from './contract-case';

export interface TaskQueueSetupOptions {
  handler: TaskHandler;
  /** Global concurrency; the subject's default when absent. */
  concurrency?: number;
  /** First retry delay; tests pass small values so retries are quick. */
  retryBaseMs?: number;
}

/** One queue under test and the store its results and events land in. */
export interface TaskQueueSubject {
  queue: ITaskQueue;
  store: IStateStore;
  cleanup?(): Promise<void>;
}

export type TaskQueueSetup = (options: TaskQueueSetupOptions) => Promise<TaskQueueSubject>;

/** What each case receives: a way to start queues with its own handler; all are cleaned up after. */
export interface TaskQueueHarness {
  start(options: TaskQueueSetupOptions): Promise<TaskQueueSubject>;
  cleanup(): Promise<void>;
}

/** Wraps a setup function into a harness that closes every queue it started. */
export function taskQueueHarness(setup: TaskQueueSetup): TaskQueueHarness {
  const started: TaskQueueSubject[] = [];
  return {
    async start(options) {
      const subject = await setup(options);
      started.push(subject);
      return subject;
    },
    async cleanup() {
      for (const s of started.splice(0)) {
        await s.queue.close();
        await s.cleanup?.();
      }
    },
  };
}

const WAIT = { timeoutMs: 60_000 };
const newStartup = () => `s-${randomUUID()}`;
const newId = (label: string) => `${label}-${randomUUID()}`;

/** A promise with its resolver, to hold a handler until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves when `check` holds, polling every 5 ms; fails after `timeoutMs`. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const taskEvents = (events: FactoryEvent[], taskId: string) =>
  events.filter((e) => 'taskId' in e && e.taskId === taskId).map((e) => e.type);

export const taskQueueCases: ContractCase<TaskQueueHarness>[] = [
  {
    name: "the handler's result comes back as a succeeded result",
    async run({ start }) {
      const { queue } = await start({ handler: async (task) => ({ echo: task.input }) });
      const startupId = newStartup();
      const id = await queue.submit({ id: newId('ok'), startupId, type: 'market_research', input: { n: 1 } });
      const result = await queue.waitForResult(id, WAIT);
      expect(result).toMatchObject({
        taskId: id,
        startupId,
        status: 'succeeded',
        output: { echo: { n: 1 } },
      });
      expect(result.attempts).toBe(1);
      expect(await queue.getResult(id)).toMatchObject({ status: 'succeeded', output: { echo: { n: 1 } } });
      expect((await queue.getTask(id))?.state).toBe('succeeded');
    },
  },
  {
    name: 'a permanent ProviderError fails the task after one call',
    async run({ start }) {
      let calls = 0;
      const { queue } = await start({
        retryBaseMs: 5,
        handler: async () => {
          calls += 1;
          throw new ProviderError({ message: 'bad request', provider: 'p', status: 400, permanent: true });
        },
      });
      const id = await queue.submit({ id: newId('perm'), startupId: newStartup(), type: 'mvp_spec' });
      const result = await queue.waitForResult(id, WAIT);
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('PROVIDER_ERROR');
      expect(result.attempts).toBe(1);
      expect(calls).toBe(1);
    },
  },
  {
    name: 'a transient failure is retried and the task succeeds on attempt 2',
    async run({ start }) {
      const attempts: number[] = [];
      const { queue } = await start({
        retryBaseMs: 5,
        handler: async (_task, ctx) => {
          attempts.push(ctx.attempt);
          if (attempts.length === 1)
            throw new ProviderError({ message: 'HTTP 503', provider: 'p', status: 503 });
          return 'done';
        },
      });
      const id = await queue.submit({ id: newId('flaky'), startupId: newStartup(), type: 'mvp_spec' });
      const result = await queue.waitForResult(id, WAIT);
      expect(result).toMatchObject({ status: 'succeeded', output: 'done', attempts: 2 });
      expect(attempts).toEqual([1, 2]);
    },
  },
  {
    name: 'Retry-After delays the next attempt by at least that long',
    async run({ start }) {
      const startedAt: number[] = [];
      const { queue } = await start({
        retryBaseMs: 1,
        handler: async () => {
          startedAt.push(Date.now());
          if (startedAt.length === 1)
            throw new ProviderError({ message: '429', provider: 'p', status: 429, retryAfterMs: 150 });
          return 'ok';
        },
      });
      const id = await queue.submit({ id: newId('429'), startupId: newStartup(), type: 'mvp_spec' });
      expect((await queue.waitForResult(id, WAIT)).status).toBe('succeeded');
      expect(startedAt).toHaveLength(2);
      expect((startedAt[1] ?? 0) - (startedAt[0] ?? 0)).toBeGreaterThanOrEqual(150);
    },
  },
  {
    name: 'a dependent task starts after its dependency and sees its result',
    async run({ start }) {
      const held = gate();
      try {
        const log: string[] = [];
        let seen: unknown;
        const { queue } = await start({
          handler: async (task, ctx) => {
            log.push(`start ${task.type}`);
            if (task.type === 'market_research') {
              await held.promise;
              log.push('end market_research');
              return { market: 'big' };
            }
            seen = Object.values(ctx.dependencies).map((r) => r.output);
            return 'spec';
          },
        });
        const startupId = newStartup();
        const a = await queue.submit({ id: newId('a'), startupId, type: 'market_research' });
        const b = await queue.submit({ id: newId('b'), startupId, type: 'mvp_spec', dependsOn: [a] });
        expect((await queue.getTask(b))?.state).toBe('waiting');
        await until(() => log.includes('start market_research'), 'A to start');
        held.open();
        expect((await queue.waitForResult(b, WAIT)).status).toBe('succeeded');
        expect(log).toEqual(['start market_research', 'end market_research', 'start mvp_spec']);
        expect(seen).toEqual([{ market: 'big' }]);
      } finally {
        // A failed expectation must not leave a handler (and the queue's close) waiting forever.
        held.open();
      }
    },
  },
  {
    name: 'a failed dependency fails its dependent without running it',
    async run({ start }) {
      const ran: string[] = [];
      const { queue } = await start({
        handler: async (task) => {
          ran.push(task.type);
          throw new ProviderError({ message: 'bad', provider: 'p', permanent: true });
        },
      });
      const startupId = newStartup();
      const a = await queue.submit({ id: newId('a'), startupId, type: 'market_research' });
      const b = await queue.submit({ id: newId('b'), startupId, type: 'mvp_spec', dependsOn: [a] });
      const result = await queue.waitForResult(b, WAIT);
      expect(result.status).toBe('failed');
      expect(ran).toEqual(['market_research']);
    },
  },
  {
    name: 'with concurrency 1, queued tasks run by priority (1 first, 10 last)',
    async run({ start }) {
      const held = gate();
      try {
        const order: number[] = [];
        const { queue } = await start({
          concurrency: 1,
          handler: async (task) => {
            if (task.type === 'blocker') await held.promise;
            else order.push(task.priority);
          },
        });
        const startupId = newStartup();
        const blocker = await queue.submit({ id: newId('blocker'), startupId, type: 'blocker' });
        await until(async () => (await queue.getTask(blocker))?.state === 'running', 'the blocker to run');
        const ids: string[] = [];
        for (const priority of [10, 3, 1, 7, 5, 2]) {
          ids.push(await queue.submit({ id: newId(`p${priority}`), startupId, type: 'research', priority }));
        }
        held.open();
        for (const id of ids) await queue.waitForResult(id, WAIT);
        expect(order).toEqual([1, 2, 3, 5, 7, 10]);
      } finally {
        // A failed expectation must not leave a handler (and the queue's close) waiting forever.
        held.open();
      }
    },
  },
  {
    name: 'the number of tasks running at once never exceeds the concurrency',
    async run({ start }) {
      let active = 0;
      let peak = 0;
      const { queue } = await start({
        concurrency: 3,
        handler: async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 20));
          active -= 1;
        },
      });
      const startupId = newStartup();
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          queue.submit({ id: newId(`c${i}`), startupId, type: 'research' }),
        ),
      );
      for (const id of ids) expect((await queue.waitForResult(id, WAIT)).status).toBe('succeeded');
      expect(peak).toBe(3);
    },
  },
  {
    name: 'cancel removes a queued task but not a running or finished one',
    async run({ start }) {
      const held = gate();
      try {
        const ran: string[] = [];
        const { queue } = await start({
          concurrency: 1,
          handler: async (task) => {
            ran.push(task.id);
            if (task.type === 'blocker') await held.promise;
          },
        });
        const startupId = newStartup();
        const blocker = await queue.submit({ id: newId('blocker'), startupId, type: 'blocker' });
        await until(async () => (await queue.getTask(blocker))?.state === 'running', 'the blocker to run');
        const queued = await queue.submit({ id: newId('queued'), startupId, type: 'research' });
        expect(await queue.cancel(blocker)).toBe(false);
        expect(await queue.cancel(queued)).toBe(true);
        expect((await queue.waitForResult(queued, WAIT)).status).toBe('cancelled');
        held.open();
        expect((await queue.waitForResult(blocker, WAIT)).status).toBe('succeeded');
        expect(await queue.cancel(blocker)).toBe(false);
        expect(ran).toEqual([blocker]);
        expect((await queue.getTask(queued))?.state).toBe('cancelled');
      } finally {
        // A failed expectation must not leave a handler (and the queue's close) waiting forever.
        held.open();
      }
    },
  },
  {
    name: 'list filters tasks by startup and state',
    async run({ start }) {
      const held = gate();
      try {
        const { queue } = await start({
          concurrency: 1,
          handler: async (task) => {
            if (task.type === 'blocker') await held.promise;
          },
        });
        const s1 = newStartup();
        const s2 = newStartup();
        const done = await queue.submit({ id: newId('done'), startupId: s1, type: 'research' });
        await queue.waitForResult(done, WAIT);
        const blocker = await queue.submit({ id: newId('blocker'), startupId: s2, type: 'blocker' });
        await until(async () => (await queue.getTask(blocker))?.state === 'running', 'the blocker to run');
        const waiting = await queue.submit({ id: newId('queued'), startupId: s1, type: 'research' });
        const ids = (records: Awaited<ReturnType<ITaskQueue['list']>>) =>
          records.map((r) => r.task.id).sort();
        expect(ids(await queue.list({ startupId: s1 }))).toEqual([done, waiting].sort());
        expect(ids(await queue.list({ startupId: s1, state: 'succeeded' }))).toEqual([done]);
        expect(ids(await queue.list({ startupId: s1, state: 'queued' }))).toEqual([waiting]);
        expect(ids(await queue.list({ startupId: s2, state: ['running', 'queued'] }))).toEqual([blocker]);
        held.open();
        await queue.waitForResult(waiting, WAIT);
      } finally {
        // A failed expectation must not leave a handler (and the queue's close) waiting forever.
        held.open();
      }
    },
  },
  {
    name: 'results are saved in the state store',
    async run({ start }) {
      const { queue, store } = await start({ handler: async (task: Task) => `out:${task.id}` });
      const id = await queue.submit({ id: newId('stored'), startupId: newStartup(), type: 'research' });
      await queue.waitForResult(id, WAIT);
      expect(await store.getTaskResult(id)).toMatchObject({
        taskId: id,
        status: 'succeeded',
        output: `out:${id}`,
      });
      expect((await store.getTask(id))?.state).toBe('succeeded');
    },
  },
  {
    name: 'every state change is recorded as an event: queued, started, retried, finished',
    async run({ start }) {
      let calls = 0;
      const { queue, store } = await start({
        retryBaseMs: 5,
        handler: async () => {
          calls += 1;
          if (calls === 1) throw new ProviderError({ message: 'HTTP 502', provider: 'p', status: 502 });
          return 'ok';
        },
      });
      const startupId = newStartup();
      const id = await queue.submit({ id: newId('events'), startupId, type: 'research' });
      await queue.waitForResult(id, WAIT);
      await until(
        async () => taskEvents(await store.listEvents({ startupId }), id).includes('task.finished'),
        'the finished event',
      );
      expect(taskEvents(await store.listEvents({ startupId }), id)).toEqual([
        'task.queued',
        'task.started',
        'task.retried',
        'task.started',
        'task.finished',
      ]);
    },
  },
];

/** Registers the ITaskQueue suite for one implementation. */
export function taskQueueContract(name: string, setup: TaskQueueSetup): void {
  registerContract(`ITaskQueue contract: ${name}`, taskQueueCases, async () => taskQueueHarness(setup));
}
