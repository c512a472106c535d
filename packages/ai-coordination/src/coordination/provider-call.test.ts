import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, taskFor } from '../../test/fixtures';
import { draftOffline, OfflineProvider } from '../offline/offline-provider';
import { AnthropicProvider } from '../providers/anthropic-provider';
import { OpenAICompatibleProvider } from '../providers/openai-compatible-provider';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import { AICoordinator, type AICoordinatorOptions } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const OPENAI_KEY = 'sk-loopback-retry-0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-loopback-retry-0123456789abcdef';

const drafting = (r: RecordedRequest) => ({
  content: JSON.stringify(draftOffline(r.schemaName ?? 'founder_analysis')),
});

describe('one retry layer: the coordinator owns the attempts of a task across providers', () => {
  let server: LoopbackServer;
  let store: InMemoryStateStore;
  let delays: number[];
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: drafting });
    store = new InMemoryStateStore();
    delays = [];
  });
  afterEach(() => server.close());

  const openai = (timeoutMs = 2000) =>
    new OpenAICompatibleProvider({
      apiKey: OPENAI_KEY,
      baseURL: server.openaiBaseURL,
      defaultModel: 'gpt-4o-mini',
      timeoutMs,
    });
  const anthropic = () =>
    new AnthropicProvider({
      apiKey: ANTHROPIC_KEY,
      baseURL: server.anthropicBaseURL,
      defaultModel: 'claude-haiku-4-5',
      timeoutMs: 2000,
    });
  const coordinator = (options: Partial<AICoordinatorOptions> & Pick<AICoordinatorOptions, 'providers'>) =>
    new AICoordinator({
      store,
      random: seededRandom(11),
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...options,
    });

  it('makes 3 calls to an always-503 provider, then fails with ALL_PROVIDERS_FAILED', async () => {
    server.setResponder(() => ({ status: 503 }));
    const result = await coordinator({ providers: [openai()] }).executeTaskWithContext(
      taskFor('s1', 'founder_analysis'),
      contextFor('s1'),
    );
    expect(server.requests).toHaveLength(3);
    expect(result).toMatchObject({ status: 'failed', attempts: 3 });
    expect(result.error?.code).toBe('ALL_PROVIDERS_FAILED');
    expect(result.error?.retryable).toBe(false);
    expect(result.error?.message).toMatch(/openai.*503/);
    expect(result.error?.message).toMatch(/resume/);
    expect(result.error?.message).toContain('FACTORY_OFFLINE_FALLBACK=1');
  });

  it('gives each fallback provider one more call: 3 + 1 for two providers that always fail', async () => {
    server.setResponder(() => ({ status: 503 }));
    const result = await coordinator({ providers: [openai(), anthropic()] }).executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'openai' }),
      contextFor('s1'),
    );
    expect(server.requests.map((r) => r.protocol)).toEqual(['openai', 'openai', 'openai', 'anthropic']);
    expect(result.error?.code).toBe('ALL_PROVIDERS_FAILED');
    expect(result.error?.message).toMatch(/openai: .*503.*anthropic: .*503/s);
  });

  it('lets a provider be given fewer attempts', async () => {
    server.setResponder(() => ({ status: 503 }));
    await coordinator({ providers: [openai()], attemptsByProvider: { openai: 1 } }).executeTaskWithContext(
      taskFor('s1', 'founder_analysis'),
      contextFor('s1'),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('waits exactly what Retry-After asks, once, and moves on when it asks for more than the cap', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '2' } });
    const first = await coordinator({ providers: [openai()] }).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      contextFor('s1'),
    );
    expect(first.status).toBe('succeeded');
    expect(delays).toEqual([2000]);
    delays = [];
    server.requests.length = 0;
    server.enqueue({ status: 429, headers: { 'retry-after': '3600' } });
    const second = await coordinator({
      providers: [openai(), anthropic()],
      retry: { maxDelayMs: 30_000 },
    }).executeTaskWithContext(taskFor('s1', 'code_slots', { provider: 'openai' }), contextFor('s1'));
    expect(second.provider).toBe('anthropic');
    expect(delays).toEqual([]);
    expect(server.requests.map((r) => r.protocol)).toEqual(['openai', 'anthropic']);
  });

  it('never falls back to offline drafts unless allowed: the offline drafter is not called', async () => {
    server.setResponder(() => ({ status: 503 }));
    const offline = new OfflineProvider();
    let offlineCalls = 0;
    const counted = Object.assign(Object.create(offline), {
      complete: (...args: Parameters<OfflineProvider['complete']>) => {
        offlineCalls += 1;
        return offline.complete(...args);
      },
    }) as OfflineProvider;
    const result = await coordinator({ providers: [counted, openai()] }).executeTaskWithContext(
      taskFor('s1', 'mvp_spec'),
      contextFor('s1'),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('ALL_PROVIDERS_FAILED');
    expect(offlineCalls).toBe(0);
    expect(server.requests).toHaveLength(3);
  });

  it('drafts offline, marked draftedOffline, when the user allows the fallback', async () => {
    server.setResponder(() => ({ status: 503 }));
    const result = await coordinator({
      providers: [new OfflineProvider(), openai()],
      offlineFallback: true,
    }).executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    expect(result.status).toBe('succeeded');
    expect(result.provider).toBe('offline');
    expect((result.output as { draftedOffline: boolean }).draftedOffline).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('fails clearly within timeout x attempts + 5 s when the provider never answers', async () => {
    server.setResponder(() => ({ hang: true }));
    const timeoutMs = 400;
    const started = Date.now();
    const result = await new AICoordinator({
      providers: [openai(timeoutMs), new OfflineProvider()],
      store,
      random: seededRandom(2),
    }).executeTaskWithContext(taskFor('s1', 'founder_analysis'), contextFor('s1'));
    const elapsed = Date.now() - started;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('ALL_PROVIDERS_FAILED');
    expect(result.error?.message).toMatch(/openai: .*timed out/);
    expect(server.requests).toHaveLength(3);
    expect(elapsed).toBeLessThanOrEqual(timeoutMs * 3 + 5000);
  });

  it('books a call the provider interrupted (no answer) at its estimate, one that answered an error at zero', async () => {
    server.enqueue({ hang: true }, { status: 500 });
    await coordinator({ providers: [openai(300)] }).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      contextFor('s1'),
    );
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => u.outcome)).toEqual(['error', 'error', 'success']);
    expect(usage[0]!.costUsd).toBeGreaterThan(0);
    expect(usage[1]!.costUsd).toBe(0);
  });
});
