import { ProviderError, type TaskHandler, type TaskInput } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { createTaskQueue } from './create-task-queue';
import type { TaskQueueOptions } from './task-queue-options';

const task = (id: string, over: Partial<TaskInput> = {}): TaskInput => ({
  id,
  startupId: 's1',
  type: 'research',
  ...over,
});

function gate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + scaled(60_000);
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function start(handler: TaskHandler, options: Partial<TaskQueueOptions> = {}) {
  const store = new InMemoryStateStore();
  const queue = createTaskQueue({ store, handler, retry: { baseMs: 2, jitter: 0 }, ...options });
  return { store, queue };
}

describe('in-process engine limits', () => {
  it('runs 15 tasks at once by default and never 16', async () => {
    let active = 0;
    let peak = 0;
    const held = gate();
    const { queue } = start(async () => {
      active += 1;
      peak = Math.max(peak, active);
      if (active === 15) held.open();
      await held.promise;
      await new Promise((r) => setImmediate(r));
      active -= 1;
    });
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => queue.submit(task(`t${i}`))));
    for (const id of ids) expect((await queue.waitForResult(id)).status).toBe('succeeded');
    expect(peak).toBe(15);
    await queue.close();
  });

  it('keeps priority order under load', async () => {
    const held = gate();
    const started: number[] = [];
    const { queue } = start(
      async (t) => {
        if (t.type === 'blocker') return held.promise;
        started.push(t.priority);
      },
      { concurrency: 4 },
    );
    for (let i = 0; i < 4; i += 1) await queue.submit(task(`b${i}`, { type: 'blocker' }));
    const priorities = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 10) + 1);
    const ids = await Promise.all(priorities.map((priority, i) => queue.submit(task(`p${i}`, { priority }))));
    held.open();
    for (const id of ids) await queue.waitForResult(id);
    expect(started).toEqual([...priorities].sort((a, b) => a - b));
    await queue.close();
  });

  it('holds per-provider concurrency', async () => {
    const active: Record<string, number> = {};
    const peak: Record<string, number> = {};
    const { queue } = start(
      async (_t, { provider = 'none' }) => {
        active[provider] = (active[provider] ?? 0) + 1;
        peak[provider] = Math.max(peak[provider] ?? 0, active[provider] ?? 0);
        await new Promise((r) => setTimeout(r, 5));
        active[provider] = (active[provider] ?? 1) - 1;
      },
      {
        concurrency: 10,
        providersFor: (t) => [t.provider ?? 'a'],
        providerLimits: { a: { concurrency: 2 } },
      },
    );
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => queue.submit(task(`t${i}`, { provider: i % 2 ? 'a' : 'b' }))),
    );
    for (const id of ids) await queue.waitForResult(id);
    expect(peak.a).toBe(2);
    expect(peak.b).toBeGreaterThan(2);
    await queue.close();
  });

  it('holds a provider to its requests per minute until the window moves on', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    let calls = 0;
    const { queue } = start(
      async () => {
        calls += 1;
      },
      { clock: () => now, providersFor: () => ['a'], providerLimits: { a: { requestsPerMinute: 3 } } },
    );
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => queue.submit(task(`t${i}`))));
    await until(async () => (await queue.list({ state: 'succeeded' })).length === 3, 'three calls');
    expect((await queue.list({ state: 'queued' })).map((r) => r.task.id)).toEqual(['t3', 't4']);
    expect(calls).toBe(3);
    now += 60_001;
    await queue.submit(task('t5'));
    for (const id of [...ids, 't5']) expect((await queue.waitForResult(id)).status).toBe('succeeded');
    expect(calls).toBe(6);
    await queue.close();
  });

  it('opens the circuit of a failing provider and sends tasks to the next one', async () => {
    const tried: string[] = [];
    const { queue } = start(
      async (_t, { provider = '' }) => {
        tried.push(provider);
        if (provider === 'flaky') throw new ProviderError({ message: 'HTTP 503', provider, status: 503 });
        return provider;
      },
      {
        concurrency: 1,
        providersFor: () => ['flaky', 'steady'],
        circuitBreaker: { failureThreshold: 2, coolDownMs: 60_000 },
      },
    );
    const first = await queue.submit(task('first'));
    expect(await queue.waitForResult(first)).toMatchObject({
      status: 'succeeded',
      output: 'steady',
      attempts: 3,
    });
    const second = await queue.submit(task('second'));
    expect(await queue.waitForResult(second)).toMatchObject({ output: 'steady', attempts: 1 });
    expect(tried).toEqual(['flaky', 'flaky', 'steady', 'steady']);
    await queue.close();
  });

  it('fails a task over its startup quota with QUOTA_EXCEEDED before calling the handler', async () => {
    let calls = 0;
    const { queue } = start(
      async () => {
        calls += 1;
      },
      { concurrency: 1, quotaFor: (startupId) => (startupId === 's1' ? { callsPerHour: 2 } : null) },
    );
    for (const id of ['a', 'b']) await queue.waitForResult(await queue.submit(task(id)));
    const over = await queue.waitForResult(await queue.submit(task('c')));
    expect(over).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'QUOTA_EXCEEDED' } });
    const other = await queue.waitForResult(await queue.submit(task('d', { startupId: 's2' })));
    expect(other.status).toBe('succeeded');
    expect(calls).toBe(3);
    await queue.close();
  });

  it('runs a diamond DAG and hands each task the results it depends on', async () => {
    const seen: Record<string, string[]> = {};
    const { queue } = start(async (t, { dependencies }) => {
      seen[t.id] = Object.values(dependencies)
        .map((r) => String(r.output))
        .sort();
      return t.id;
    });
    await queue.submit(task('a'));
    await queue.submit(task('b', { dependsOn: ['a'] }));
    await queue.submit(task('c', { dependsOn: ['a'] }));
    const d = await queue.submit(task('d', { dependsOn: ['b', 'c'] }));
    expect((await queue.waitForResult(d)).status).toBe('succeeded');
    expect(seen).toEqual({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] });
    await queue.close();
  });

  it('rejects a duplicate id, an unknown dependency and a timed-out wait with typed errors', async () => {
    const held = gate();
    const { queue } = start(async () => held.promise);
    await queue.submit(task('x'));
    await expect(queue.submit(task('x'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(queue.submit(task('y', { dependsOn: ['nope'] }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(queue.waitForResult('x', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TASK_TIMEOUT' });
    await expect(queue.waitForResult('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    held.open();
    expect((await queue.waitForResult('x')).status).toBe('succeeded');
    await queue.close();
  });

  it('aborts running handlers on close and leaves their tasks queued for a later run', async () => {
    let aborted = false;
    let called = false;
    const { queue, store } = start(
      (_t, { signal }) =>
        new Promise((_resolve, reject) => {
          called = true;
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason);
          });
        }),
    );
    await queue.submit(task('long'));
    await until(() => called, 'the handler to run');
    expect((await store.getTask('long'))?.state).toBe('running');
    await queue.close();
    expect(aborted).toBe(true);
    expect((await store.getTask('long'))?.state).toBe('queued');
    expect(await store.getTaskResult('long')).toBeNull();
  });
});
