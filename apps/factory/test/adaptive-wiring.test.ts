import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupContext, Task } from '@startup-factory/contracts';
import type { InProcessTaskQueue } from '@startup-factory/core';
import { afterEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { countingOfflineProvider, pgliteStores } from './composed-harness';

const contextFor = (startupId: string) =>
  StartupContext.parse({
    startupId,
    config: {
      name: 'Routely',
      industry: 'Logistics',
      category: 'B2B SaaS',
      description: 'Route planning for small courier firms.',
      founderProfile: { name: 'Ada', skills: ['operations'], experienceYears: 6 },
    },
  });

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + scaled(10_000);
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createFactory wires the result cache and adaptive concurrency', () => {
  let factory: Factory | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await factory?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(pressure: { memory: number; cpu: number }) {
    const { store } = await pgliteStores();
    dataDir = mkdtempSync(join(tmpdir(), 'sf-adaptive-'));
    const counting = countingOfflineProvider();
    factory = await createFactory(
      { dataDir, validateProjects: false, taskConcurrency: 8, portRange: { start: 24_000, end: 24_999 } },
      {
        env: {},
        store,
        providers: [counting.provider],
        adaptiveConcurrency: { sampler: () => pressure, intervalMs: 10, lowerCooldownMs: 0 },
      },
    );
    return { factory, store, calls: counting.calls };
  }

  it('lowers the queue concurrency under memory pressure, within [1, taskConcurrency], with events', async () => {
    const { factory, store } = await open({ memory: 0.97, cpu: 0.1 });
    const queue = factory.parts.queue as InProcessTaskQueue;
    expect(factory.parts.concurrency?.target).toBeLessThanOrEqual(8);
    await until(() => queue.currentConcurrency === 1, 'concurrency to fall to 1');
    expect(factory.parts.concurrency?.target).toBe(1);
    await until(
      async () =>
        (await store.listEvents({})).filter((e) => e.type === 'queue.concurrency_changed').length >= 3,
      'the three lowerings 8 -> 4 -> 2 -> 1 as events',
    );
    const changes = (await store.listEvents({})).filter((e) => e.type === 'queue.concurrency_changed');
    expect(changes.map((e) => ('to' in e ? e.to : undefined))).toEqual([4, 2, 1]);
  });

  it('answers a repeated AI request from the cache, recorded as cached and free', async () => {
    const { factory, store, calls } = await open({ memory: 0.1, cpu: 0.1 });
    const task = (startupId: string) =>
      Task.parse({
        id: `t-${startupId}`,
        startupId,
        type: 'market_research',
        outputSchema: 'market_research',
      });
    const first = await factory.parts.coordinator.executeTaskWithContext(task('s1'), contextFor('s1'));
    const second = await factory.parts.coordinator.executeTaskWithContext(task('s2'), contextFor('s2'));
    expect(first.status).toBe('succeeded');
    expect(second.output).toEqual(first.output);
    expect(calls()).toBe(1);
    const usage = await store.listUsage({ startupId: 's2' });
    expect(usage.map((u) => [u.outcome, u.costUsd])).toEqual([['cached', 0]]);
  });
});
