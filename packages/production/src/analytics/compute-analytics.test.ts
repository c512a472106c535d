import { type AIUsageRecord, InMemoryEventBus } from '@startup-factory/contracts';
import { InMemoryStartupManager, InMemoryStateStore } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { at, emitter, usage } from '../../test/fixtures';
import { computeAnalytics } from './compute-analytics';
import { analyticsToCsv, csvField, formatAnalyticsTable } from './format-analytics';

async function fixture() {
  const store = new InMemoryStateStore();
  const manager = new InMemoryStartupManager();
  const emit = emitter(store, new InMemoryEventBus());
  const ids: string[] = [];
  // Four startups created at t=0; three complete after 100, 200 and 1000 seconds.
  for (const [i, name] of ['Alpha', 'Beta', 'Gamma', 'Delta'].entries()) {
    const id = await manager.createStartup({ name, industry: 'Retail', category: 'SaaS' });
    ids.push(id);
    await emit(
      { type: 'startup.created', startupId: id, name, slug: name.toLowerCase(), template: 'reactnext' },
      0,
    );
    const done = [100, 200, 1000][i];
    if (done !== undefined)
      await emit({ type: 'startup.status_changed', startupId: id, from: 'running', to: 'completed' }, done);
  }
  const [a, b] = ids as [string, string];
  await emit(
    {
      type: 'phase.finished',
      startupId: a,
      phase: 'market_research',
      outcome: 'succeeded',
      durationMs: 3000,
    },
    10,
  );
  await emit(
    { type: 'phase.finished', startupId: a, phase: 'mvp_spec', outcome: 'failed', durationMs: 1000 },
    20,
  );
  await emit(
    { type: 'phase.finished', startupId: a, phase: 'mvp_spec', outcome: 'succeeded', durationMs: 2000 },
    30,
  );
  await emit(
    {
      type: 'phase.finished',
      startupId: b,
      phase: 'market_research',
      outcome: 'succeeded',
      durationMs: 5000,
    },
    10,
  );
  await emit(
    { type: 'phase.finished', startupId: b, phase: 'deploy', outcome: 'skipped', durationMs: 0 },
    11,
  );
  const task = { prompt: '', input: {}, priority: 5, dependsOn: [], maxAttempts: 3 };
  await store.saveTask({
    task: { ...task, id: 'a-spec', startupId: a, type: 'mvp_spec', phase: 'mvp_spec' },
    state: 'succeeded',
    attempts: 2,
    updatedAt: at(30),
  });
  await store.saveTaskResult({
    taskId: 'a-spec',
    startupId: a,
    status: 'succeeded',
    output: {},
    provider: 'anthropic',
    qualityScore: 0.8,
    attempts: 2,
    finishedAt: at(30),
    durationMs: 2000,
  });
  await emit(
    { type: 'task.retried', startupId: a, taskId: 'a-spec', attempt: 2, delayMs: 100, reason: 'invalid' },
    25,
  );
  await store.recordUsage(
    usage({ startupId: a, provider: 'openai', taskType: 'market_research', costUsd: 0.1, createdAt: at(0) }),
  );
  await store.recordUsage(
    usage({
      startupId: a,
      provider: 'anthropic',
      taskId: 'a-spec',
      taskType: 'spec',
      outcome: 'invalid_output',
      costUsd: 0.2,
      createdAt: at(20),
    }),
  );
  await store.recordUsage(
    usage({
      startupId: a,
      provider: 'anthropic',
      taskId: 'a-spec',
      taskType: 'spec',
      attempt: 2,
      costUsd: 0.2,
      createdAt: at(30),
    }),
  );
  await store.recordUsage(
    usage({
      startupId: b,
      provider: 'openai',
      taskType: 'market_research.competitors',
      costUsd: 0.05,
      createdAt: at(7200),
    }),
  );
  return { store, manager, a, b };
}

describe('computeAnalytics', () => {
  it('breaks time, cost, tokens, retries, quality and success down by startup, phase and provider', async () => {
    const { store, manager } = await fixture();
    const result = await computeAnalytics({ store, manager, now: () => at(9999) });
    const alpha = result.startups.find((r) => r.name === 'alpha')!;
    expect(alpha).toMatchObject({
      runs: 3,
      calls: 3,
      timeMs: 6000,
      costUsd: 0.5,
      inputTokens: 300,
      retries: 1,
      quality: 0.8,
    });
    expect(alpha.successRate).toBeCloseTo(2 / 3, 4);
    const beta = result.startups.find((r) => r.name === 'beta')!;
    expect(beta).toMatchObject({ runs: 1, calls: 1, costUsd: 0.05, successRate: 1, quality: null });

    expect(result.phases.map((p) => p.key)).toEqual(['market_research', 'mvp_spec']);
    expect(result.phases[0]).toMatchObject({
      runs: 2,
      timeMs: 8000,
      calls: 2,
      costUsd: 0.15,
      successRate: 1,
    });
    expect(result.phases[1]).toMatchObject({
      runs: 2,
      timeMs: 3000,
      calls: 2,
      costUsd: 0.4,
      retries: 1,
      successRate: 0.5,
      quality: 0.8,
    });

    const anthropic = result.providers.find((p) => p.key === 'anthropic')!;
    expect(anthropic).toMatchObject({
      calls: 2,
      timeMs: 400,
      costUsd: 0.4,
      retries: 1,
      successRate: 0.5,
      quality: 0.8,
    });
    expect(result.providers.find((p) => p.key === 'openai')).toMatchObject({ calls: 2, successRate: 1 });
  });

  it('reports the time-to-MVP distribution and the routing share over time', async () => {
    const { store, manager } = await fixture();
    const result = await computeAnalytics({ store, manager });
    expect(result.timeToMvp).toEqual({
      count: 3,
      p50Ms: 200_000,
      p90Ms: 1_000_000,
      minMs: 100_000,
      maxMs: 1_000_000,
    });
    expect(result.routingShare.bucketMs).toBe(900_000);
    expect(result.routingShare.buckets).toEqual([
      { start: at(0).toISOString(), calls: 3, share: { anthropic: 0.666667, openai: 0.333333 } },
      { start: at(7200).toISOString(), calls: 1, share: { openai: 1 } },
    ]);
    expect(formatAnalyticsTable(result)).toContain('Time to MVP: 3 completed, p50 200.0s, p90 1000.0s');
  });

  it('writes CSV with one header and a row per startup, phase and provider', async () => {
    const { store, manager } = await fixture();
    const csv = analyticsToCsv(await computeAnalytics({ store, manager }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,key,name,runs,calls,time_ms,cost_usd,input_tokens,output_tokens,retries,reasks,fallbacks,models,quality,success_rate',
    );
    expect(lines).toHaveLength(1 + 2 + 2 + 2);
    expect(lines).toContain('provider,anthropic,anthropic,2,2,400,0.4,200,100,1,0,0,,0.8,0.5');
  });

  it('carries retries, re-asks, fallbacks, models and quality as the coordinator recorded them on each call', async () => {
    const store = new InMemoryStateStore();
    const manager = new InMemoryStartupManager();
    const id = await manager.createStartup({ name: 'Gamma', industry: 'Retail', category: 'SaaS' });
    const call = (over: Partial<AIUsageRecord>) =>
      store.recordUsage(
        usage({
          startupId: id,
          provider: 'openai',
          taskId: 't1',
          taskType: 'founder_analysis',
          phase: 'founder_analysis',
          ...over,
        }),
      );
    await call({ reason: 'first', outcome: 'error', attempt: 1 });
    await call({ reason: 'retry', outcome: 'invalid_output', attempt: 2 });
    await call({ reason: 'reask', attempt: 3, kept: true, qualityScore: 0.36 });
    await call({
      taskId: 't2',
      taskType: 'code_slots',
      phase: 'architecture',
      reason: 'first',
      outcome: 'error',
      provider: 'anthropic',
    });
    await call({
      taskId: 't2',
      taskType: 'code_slots',
      phase: 'architecture',
      reason: 'fallback',
      kept: true,
      qualityScore: 0.8,
      model: 'm2',
    });
    const result = await computeAnalytics({ store, manager });
    expect(
      result.phases.map((p) => [p.key, p.calls, p.retries, p.reasks, p.fallbacks, p.models, p.quality]),
    ).toEqual([
      ['founder_analysis', 3, 1, 1, 0, ['openai/m1'], 0.36],
      ['architecture', 2, 0, 0, 1, ['openai/m2'], 0.8],
    ]);
    expect(result.startups[0]).toMatchObject({
      calls: 5,
      retries: 1,
      reasks: 1,
      fallbacks: 1,
      quality: 0.58,
    });
    expect(result.providers.find((p) => p.key === 'anthropic')).toMatchObject({
      calls: 1,
      quality: null,
      successRate: 0,
    });
    const table = formatAnalyticsTable(result);
    expect(table).toMatch(/RE-ASKS\s+FALLBACKS\s+QUALITY/);
    expect(table).toMatch(/founder_analysis\s+0\s+3\s.*\s1\s+1\s+0\s+0\.36\s+-\s+openai\/m1/);
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd,x')).toBe(`"'@cmd,x"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
  });
});
