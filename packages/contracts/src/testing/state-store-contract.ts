import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IStateStore } from '../interfaces/state-store';
import type { AIUsageRecord } from '../schemas/ai-usage';
import type { TaskResult } from '../schemas/task';
import { type ContractCase, registerContract } from './contract-case';

export interface StateStoreHarness {
  store: IStateStore;
  /** A new store instance over the same data, as after a process restart. */
  reopen(): Promise<IStateStore>;
  cleanup?(): Promise<void>;
}

const usage = (startupId: string, over: Partial<AIUsageRecord> = {}): AIUsageRecord => ({
  id: randomUUID(),
  startupId,
  taskType: 'market_research',
  provider: 'offline',
  model: 'offline-1',
  inputTokens: 100,
  outputTokens: 50,
  costUsd: 0.25,
  latencyMs: 12,
  outcome: 'success',
  attempt: 1,
  createdAt: new Date(),
  ...over,
});

const result = (taskId: string, output: unknown): TaskResult => ({
  taskId,
  startupId: 's1',
  status: 'succeeded',
  output,
  attempts: 1,
  finishedAt: new Date(),
  durationMs: 5,
});

export const stateStoreCases: ContractCase<StateStoreHarness>[] = [
  {
    name: 'documents round-trip and survive a new instance',
    async run({ store, reopen }) {
      await store.putDocument('context', 'a', { insights: ['x'], n: 1 });
      await store.putDocument('context', 'b', { n: 2 });
      await store.putDocument('other', 'a', { n: 3 });
      expect(await store.getDocument('context', 'a')).toEqual({ insights: ['x'], n: 1 });
      expect(await store.getDocument('context', 'missing')).toBeNull();
      await store.putDocument('context', 'a', { n: 9 });
      const again = await reopen();
      expect(await again.getDocument('context', 'a')).toEqual({ n: 9 });
      expect((await again.listDocuments('context')).map((d) => d.key)).toEqual(['a', 'b']);
      expect(await again.getDocuments('context', ['b', 'missing', 'a'])).toEqual([
        { key: 'a', value: { n: 9 } },
        { key: 'b', value: { n: 2 } },
      ]);
      expect(await again.getDocuments('other', [])).toEqual([]);
      await again.putDocuments([
        { collection: 'many', key: 'x', value: { n: 1 } },
        { collection: 'many', key: 'y', value: [1, 2] },
        { collection: 'many', key: 'x', value: { n: 2 } },
      ]);
      await again.putDocuments([]);
      expect(await again.listDocuments('many')).toEqual([
        { key: 'x', value: { n: 2 } },
        { key: 'y', value: [1, 2] },
      ]);
      await again.deleteDocument('context', 'b');
      expect(await again.getDocument('context', 'b')).toBeNull();
    },
  },
  {
    name: 'insertDocument stores a document only where none is: of two at once exactly one wins',
    async run({ store, reopen }) {
      const other = await reopen();
      const won = await Promise.all([
        store.insertDocument('claims', 'k', { by: 'first' }),
        other.insertDocument('claims', 'k', { by: 'second' }),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won[0] ? 'first' : 'second';
      expect(await store.getDocument('claims', 'k')).toEqual({ by: winner });
      expect(await store.insertDocument('claims', 'k', { by: 'third' })).toBe(false);
      expect(await (await reopen()).getDocument('claims', 'k')).toEqual({ by: winner });
      await store.deleteDocument('claims', 'k');
      expect(await store.insertDocument('claims', 'k', { by: 'third' })).toBe(true);
      expect(await store.getDocument('claims', 'k')).toEqual({ by: 'third' });
    },
  },
  {
    name: 'events get increasing sequence numbers and filter by startup, type and position',
    async run({ store, reopen }) {
      const at = new Date();
      const first = await store.appendEvent({
        type: 'phase.started',
        startupId: 's1',
        at,
        phase: 'mvp_spec',
      });
      const second = await store.appendEvent({
        type: 'phase.started',
        startupId: 's2',
        at,
        phase: 'mvp_spec',
      });
      const third = await store.appendEvent({
        type: 'phase.finished',
        startupId: 's1',
        at,
        phase: 'mvp_spec',
        outcome: 'succeeded',
        durationMs: 3,
      });
      expect(first.seq).toBeTypeOf('number');
      expect(second.seq!).toBeGreaterThan(first.seq!);
      expect(third.seq!).toBeGreaterThan(second.seq!);
      const again = await reopen();
      expect((await again.listEvents({ startupId: 's1' })).map((e) => e.type)).toEqual([
        'phase.started',
        'phase.finished',
      ]);
      expect((await again.listEvents({ types: ['phase.finished'] })).map((e) => e.startupId)).toEqual(['s1']);
      expect((await again.listEvents({ afterSeq: first.seq })).map((e) => e.seq)).toEqual([
        second.seq,
        third.seq,
      ]);
      expect(await again.listEvents({ limit: 1 })).toHaveLength(1);
    },
  },
  {
    name: 'the first task result wins and survives a new instance',
    async run({ store, reopen }) {
      expect(await store.saveTaskResult(result('t1', { a: 1 }))).toBe(true);
      expect(await store.saveTaskResult(result('t1', { a: 2 }))).toBe(false);
      const again = await reopen();
      expect((await again.getTaskResult('t1'))?.output).toEqual({ a: 1 });
      expect(await again.getTaskResult('nope')).toBeNull();
    },
  },
  {
    name: 'task records are stored, replaced and listed by startup and state',
    async run({ store }) {
      const task = (id: string, startupId: string) => ({
        id,
        startupId,
        type: 'market_research',
        prompt: '',
        input: {},
        priority: 5,
        dependsOn: [],
        maxAttempts: 3,
      });
      await store.saveTask({ task: task('a', 's1'), state: 'queued', attempts: 0, updatedAt: new Date() });
      await store.saveTask({ task: task('b', 's1'), state: 'queued', attempts: 0, updatedAt: new Date() });
      await store.saveTask({ task: task('c', 's2'), state: 'queued', attempts: 0, updatedAt: new Date() });
      await store.saveTask({ task: task('a', 's1'), state: 'running', attempts: 1, updatedAt: new Date() });
      expect((await store.getTask('a'))?.state).toBe('running');
      expect((await store.listTasks({ startupId: 's1' })).map((r) => r.task.id).sort()).toEqual(['a', 'b']);
      expect((await store.listTasks({ state: 'queued' })).map((r) => r.task.id).sort()).toEqual(['b', 'c']);
      expect((await store.listTasks({ startupId: 's1', state: ['running'] })).map((r) => r.task.id)).toEqual([
        'a',
      ]);
    },
  },
  {
    name: 'usage totals count only calls that reached a provider inside the window',
    async run({ store }) {
      const now = Date.now();
      await store.recordUsage(usage('s1'));
      await store.recordUsage(usage('s1', { costUsd: 0.5, inputTokens: 10, outputTokens: 5 }));
      await store.recordUsage(usage('s1', { outcome: 'cached' }));
      await store.recordUsage(usage('s1', { outcome: 'quota_exceeded', costUsd: 0 }));
      await store.recordUsage(usage('s1', { createdAt: new Date(now - 2 * 3_600_000) }));
      await store.recordUsage(usage('s2'));
      const totals = await store.usageSince('s1', new Date(now - 3_600_000));
      expect(totals.calls).toBe(2);
      expect(totals.costUsd).toBeCloseTo(0.75, 6);
      expect(totals.inputTokens).toBe(110);
      expect(totals.outputTokens).toBe(55);
      expect(await store.listUsage({ startupId: 's1' })).toHaveLength(5);
      expect(await store.listUsage({ startupId: 's1', since: new Date(now - 3_600_000) })).toHaveLength(4);
    },
  },
  {
    name: 'reservations made at once, from two instances, never pass the calls-per-hour limit',
    async run({ store, reopen }) {
      const other = await reopen();
      const limits = { callsPerHour: 3, costPerDayUsd: 100 };
      await store.recordUsage(usage('s1', { createdAt: new Date(Date.now() - 2 * 3_600_000) }));
      await store.recordUsage(usage('s1', { outcome: 'cached' }));
      await store.recordUsage(usage('s1', { outcome: 'quota_exceeded', costUsd: 0 }));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 === 0 ? store : other).reserveUsage(usage('s1', { outcome: 'reserved' }), limits),
        ),
      );
      expect(results.filter((r) => r.reserved)).toHaveLength(3);
      expect(results.find((r) => !r.reserved)).toMatchObject({
        reserved: false,
        limit: 'callsPerHour',
        callsLastHour: 3,
      });
      const booked = await other.listUsage({ startupId: 's1' });
      expect(booked.filter((u) => u.outcome === 'reserved')).toHaveLength(3);
      expect((await other.reserveUsage(usage('s2', { outcome: 'reserved' }), limits)).reserved).toBe(true);
    },
  },
  {
    name: 'reserved estimates add up against the daily cost; a settle replaces the estimate with the real cost',
    async run({ store, reopen }) {
      const limits = { callsPerHour: 1000, costPerDayUsd: 1 };
      await store.recordUsage(usage('s1', { costUsd: 5, createdAt: new Date(Date.now() - 30 * 3_600_000) }));
      const tries = Array.from({ length: 5 }, () => usage('s1', { outcome: 'reserved', costUsd: 0.4 }));
      const results = await Promise.all(tries.map((r) => store.reserveUsage(r, limits)));
      const kept = tries.filter((_, i) => results[i]?.reserved);
      expect(kept).toHaveLength(2);
      await store.settleUsage({
        ...kept[0]!,
        outcome: 'success',
        costUsd: 0.1,
        inputTokens: 7,
        outputTokens: 3,
      });
      const day = new Date(Date.now() - 24 * 3_600_000);
      expect((await store.usageSince('s1', day)).costUsd).toBeCloseTo(0.5, 6);
      expect(
        (await store.reserveUsage(usage('s1', { outcome: 'reserved', costUsd: 0.4 }), limits)).reserved,
      ).toBe(true);
      const over = await store.reserveUsage(usage('s1', { outcome: 'reserved', costUsd: 0.4 }), limits);
      expect(over).toMatchObject({ reserved: false, limit: 'costPerDayUsd' });
      expect(over.reserved === false && over.costLastDayUsd).toBeCloseTo(0.9, 6);
      const again = await reopen();
      const rows = await again.listUsage({ startupId: 's1', since: day });
      expect(rows).toHaveLength(3);
      expect(rows.find((u) => u.id === kept[0]!.id)).toMatchObject({
        outcome: 'success',
        costUsd: 0.1,
        inputTokens: 7,
        outputTokens: 3,
      });
      const unreserved = usage('s1', { outcome: 'error', costUsd: 0 });
      await again.settleUsage(unreserved);
      expect((await again.listUsage({ startupId: 's1' })).some((u) => u.id === unreserved.id)).toBe(true);
    },
  },
  {
    name: 'a settle puts the documents given with it, the last value of a key winning',
    async run({ store, reopen }) {
      const limits = { callsPerHour: 1000, costPerDayUsd: 1 };
      const booked = usage('s1', { outcome: 'reserved', costUsd: 0.4 });
      expect((await store.reserveUsage(booked, limits)).reserved).toBe(true);
      await store.putDocument('ctx', 'old', { n: 0 });
      await store.settleUsage({ ...booked, outcome: 'success', costUsd: 0.1 }, [
        { collection: 'ctx', key: 'old', value: { n: 1 } },
        { collection: 'ctx', key: 'new', value: { n: 2 } },
        { collection: 'ctx', key: 'new', value: { n: 3 } },
      ]);
      const again = await reopen();
      expect(await again.listDocuments('ctx')).toEqual([
        { key: 'new', value: { n: 3 } },
        { key: 'old', value: { n: 1 } },
      ]);
      expect((await again.listUsage({ startupId: 's1' })).map((u) => [u.outcome, u.costUsd])).toEqual([
        ['success', 0.1],
      ]);
    },
  },
  {
    name: 'a day already at its cost limit refuses even a reservation estimated at nothing',
    async run({ store }) {
      await store.recordUsage(usage('s1', { costUsd: 0.5 }));
      const result = await store.reserveUsage(usage('s1', { outcome: 'reserved', costUsd: 0 }), {
        callsPerHour: 1000,
        costPerDayUsd: 0.5,
      });
      expect(result).toMatchObject({ reserved: false, limit: 'costPerDayUsd' });
      expect((await store.listUsage({ startupId: 's1' })).map((u) => u.outcome)).toEqual(['success']);
    },
  },
  {
    name: 'artifacts are listed per startup and a rewrite of one path replaces it',
    async run({ store }) {
      const artifact = (path: string, startupId: string, sizeBytes: number) => ({
        id: randomUUID(),
        startupId,
        phase: 'market_research' as const,
        kind: 'document' as const,
        path,
        sha256: 'a'.repeat(64),
        sizeBytes,
        createdAt: new Date(),
      });
      await store.recordArtifact(artifact('docs/market-research.md', 's1', 10));
      await store.recordArtifact(artifact('docs/market-research.md', 's1', 20));
      await store.recordArtifact(artifact('docs/founder-analysis.md', 's1', 5));
      await store.recordArtifact(artifact('docs/market-research.md', 's2', 1));
      const list = await store.listArtifacts('s1');
      expect(list.map((a) => a.path).sort()).toEqual(['docs/founder-analysis.md', 'docs/market-research.md']);
      expect(list.find((a) => a.path === 'docs/market-research.md')?.sizeBytes).toBe(20);
    },
  },
];

/** Registers the IStateStore contract for an implementation. */
export function stateStoreContract(name: string, setup: () => Promise<StateStoreHarness>): void {
  registerContract(`IStateStore contract: ${name}`, stateStoreCases, setup);
}
