import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { draftOffline } from '../offline/offline-provider';
import { OpenAICompatibleProvider } from '../providers/openai-compatible-provider';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const KEY = 'sk-loopback-budget-0123456789abcdef';

/** Answers with the draft for the schema asked for, after a pause, so parallel calls overlap. */
const slowDraft = (outputTokens: number) => (r: RecordedRequest) => ({
  content: JSON.stringify(draftOffline(r.schemaName ?? 'code_slots')),
  outputTokens,
  delayMs: 40,
});

describe('budgets hold when tasks of a startup run at once', () => {
  let server: LoopbackServer;
  let store: InMemoryStateStore;
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: slowDraft(80) });
    store = new InMemoryStateStore();
  });
  afterEach(() => server.close());

  const coordinator = () =>
    new AICoordinator({
      providers: [
        new OpenAICompatibleProvider({
          apiKey: KEY,
          baseURL: server.openaiBaseURL,
          defaultModel: 'gpt-4o-mini',
          timeoutMs: 10_000,
        }),
      ],
      store,
      sleep: instantSleep,
      random: seededRandom(3),
    });

  const runEight = (c: AICoordinator, quota: { callsPerHour?: number; costPerDayUsd?: number }) =>
    Promise.allSettled(
      Array.from({ length: 8 }, () =>
        c.executeTaskWithContext(taskFor('s1', 'code_slots'), contextFor('s1', quota)),
      ),
    );

  it('lets at most 3 of 8 parallel tasks reach the server under a limit of 3 calls an hour', async () => {
    const results = await runEight(coordinator(), { callsPerHour: 3 });
    expect(server.requests).toHaveLength(3);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(5).fill('QUOTA_EXCEEDED'),
    );
    expect((await store.usageSince('s1', new Date(0))).calls).toBe(3);
  });

  it('keeps the spend of 8 parallel tasks within the daily cost limit', async () => {
    // gpt-4o-mini at 2000 output tokens: about $0.0014 a call, so a $0.004 day fits few of them.
    server.setResponder(slowDraft(2000));
    const limit = 0.004;
    const results = await runEight(coordinator(), { costPerDayUsd: limit });
    const spent = (await store.listUsage({ startupId: 's1' })).reduce((n, u) => n + u.costUsd, 0);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });

  it('books a call before it is sent, so a process killed while waiting for the answer has paid for it', async () => {
    let answer: (() => void) | undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.setResponder(async (r) => {
      await answered;
      return slowDraft(80)(r);
    });
    const running = coordinator().executeTaskWithContext(taskFor('s1', 'code_slots'), contextFor('s1'));
    const deadline = Date.now() + scaled(30_000);
    while (server.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(server.requests).toHaveLength(1);
    // In flight: a Ctrl-C now would leave this booking, at what the call may cost.
    const inFlight = await store.usageSince('s1', new Date(0));
    expect(inFlight.calls).toBe(1);
    expect(inFlight.costUsd).toBeGreaterThan(0);
    answer?.();
    expect((await running).status).toBe('succeeded');
    const [settled, ...more] = await store.listUsage({ startupId: 's1' });
    expect(more).toEqual([]);
    expect(settled).toMatchObject({ outcome: 'success', outputTokens: 80 });
    expect(settled!.costUsd).toBeLessThan(inFlight.costUsd);
  });
});
