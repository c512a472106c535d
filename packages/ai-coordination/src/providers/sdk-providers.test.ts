import { type IProvider, ProviderError } from '@startup-factory/contracts';
import { aiCoordinatorContract, InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { AICoordinator } from '../coordination/ai-coordinator';
import { seededRandom } from '../coordination/seeded-random';
import { draftOffline, OfflineProvider } from '../offline/offline-provider';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import { AnthropicProvider } from './anthropic-provider';
import { createProviders } from './create-providers';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

const OPENAI_KEY = 'sk-loopback-openai-0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-loopback-0123456789abcdef';

/** Answers each request with the offline draft for the schema it asked for. */
const draftingResponder = (r: RecordedRequest) => ({
  content: JSON.stringify(draftOffline(r.schemaName ?? 'founder_analysis')),
  inputTokens: 120,
  outputTokens: 80,
});

function sdkProviders(server: LoopbackServer, stream = false) {
  return {
    openai: new OpenAICompatibleProvider({
      apiKey: OPENAI_KEY,
      baseURL: server.openaiBaseURL,
      defaultModel: 'gpt-4o-mini',
      stream,
      timeoutMs: 2000,
    }),
    anthropic: new AnthropicProvider({
      apiKey: ANTHROPIC_KEY,
      baseURL: server.anthropicBaseURL,
      defaultModel: 'claude-haiku-4-5',
      stream: !stream,
      timeoutMs: 2000,
    }),
  };
}

for (const first of ['openai', 'anthropic'] as const) {
  aiCoordinatorContract(`AICoordinator with the real ${first} SDK against the loopback server`, async () => {
    const server = await startLoopbackServer({ responder: draftingResponder });
    const { openai, anthropic } = sdkProviders(server, first === 'anthropic');
    const store = new InMemoryStateStore();
    const coordinator = new AICoordinator({
      providers: first === 'openai' ? [openai] : [anthropic],
      store,
      sleep: instantSleep,
      random: seededRandom(7),
    });
    return { coordinator, store, providerCalls: () => server.requests.length, cleanup: () => server.close() };
  });
}

describe('SDK providers against the loopback server', () => {
  let server: LoopbackServer;
  let store: InMemoryStateStore;
  let delays: number[];
  beforeEach(async () => {
    server = await startLoopbackServer({ responder: draftingResponder });
    store = new InMemoryStateStore();
    delays = [];
  });
  afterEach(() => server.close());

  const coordinatorWith = (providers: IProvider[], options: { offlineFallback?: boolean } = {}) =>
    new AICoordinator({
      ...options,
      providers,
      store,
      random: seededRandom(11),
      sleep: async (ms) => {
        delays.push(ms);
      },
    });

  it('sends native structured output: response_format json_schema and a forced Anthropic tool', async () => {
    const { openai, anthropic } = sdkProviders(server);
    await coordinatorWith([openai]).executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    await coordinatorWith([anthropic]).executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    const [o, a] = server.requests;
    expect(o?.body.response_format.type).toBe('json_schema');
    expect(o?.body.response_format.json_schema.schema.properties.entities).toBeDefined();
    expect(a?.body.tool_choice).toEqual({ type: 'tool', name: 'mvp_spec' });
    expect(a?.stream).toBe(true);
    expect(a?.body.system).toContain('Routely');
  });

  it('offers Claude Sonnet 5.5, which refuses forced tool use, the tool with tool_choice auto', async () => {
    const sonnet = new AnthropicProvider({
      apiKey: ANTHROPIC_KEY,
      baseURL: server.anthropicBaseURL,
      defaultModel: 'claude-sonnet-5-5',
    });
    const result = await coordinatorWith([sonnet]).executeTaskWithContext(
      taskFor('s1', 'mvp_spec'),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    const [request] = server.requests;
    expect(request?.body.tool_choice).toEqual({ type: 'auto' });
    expect(request?.body.tools.map((t: { name: string }) => t.name)).toEqual(['mvp_spec']);
    expect(request?.body.model).toBe('claude-sonnet-5-5');
  });

  it('streams OpenAI completions (SSE) and takes usage from the final chunk', async () => {
    const { openai } = sdkProviders(server, true);
    const result = await coordinatorWith([openai]).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    expect(server.requests[0]?.stream).toBe(true);
    const [usage] = await store.listUsage({ startupId: 's1' });
    expect([usage?.inputTokens, usage?.outputTokens]).toEqual([120, 80]);
    expect(usage?.costUsd).toBeCloseTo((120 * 0.15 + 80 * 0.6) / 1e6, 12);
  });

  it('honours 429 Retry-After, then succeeds, recording each attempt', async () => {
    const { openai } = sdkProviders(server);
    server.enqueue(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after-ms': '150' } },
    );
    const result = await coordinatorWith([openai]).executeTaskWithContext(
      taskFor('s1', 'architecture'),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([2000, 150]);
    const usage = await store.listUsage({ startupId: 's1' });
    expect(usage.map((u) => [u.outcome, u.attempt])).toEqual([
      ['error', 1],
      ['error', 2],
      ['success', 3],
    ]);
  });

  it('falls back from a provider answering 500 to the next one after its retries', async () => {
    const { openai, anthropic } = sdkProviders(server);
    server.setResponder((r) => (r.protocol === 'openai' ? { status: 500 } : draftingResponder(r)));
    const result = await coordinatorWith([openai, anthropic]).executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'openai' }),
      contextFor('s1'),
    );
    expect(result.provider).toBe('anthropic');
    expect(server.requests.map((r) => r.protocol)).toEqual(['openai', 'openai', 'openai', 'anthropic']);
    expect(delays).toHaveLength(2);
  });

  it('tries the offline drafter, when allowed, only after every network provider failed', async () => {
    const { openai } = sdkProviders(server);
    server.setResponder(() => ({ status: 503 }));
    const result = await coordinatorWith([new OfflineProvider(), openai], {
      offlineFallback: true,
    }).executeTaskWithContext(taskFor('s1', 'mvp_spec'), contextFor('s1'));
    expect(result.provider).toBe('offline');
    expect((result.output as { draftedOffline: boolean }).draftedOffline).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a permanent 401 and falls back at once', async () => {
    const { openai, anthropic } = sdkProviders(server);
    server.enqueue({ status: 401 });
    const result = await coordinatorWith([openai, anthropic]).executeTaskWithContext(
      taskFor('s1', 'founder_analysis', { provider: 'openai' }),
      contextFor('s1'),
    );
    expect(result.provider).toBe('anthropic');
    expect(server.requests.map((r) => r.protocol)).toEqual(['openai', 'anthropic']);
  });

  it('retries after a timeout (the server hangs) and after a truncated body', async () => {
    const openai = new OpenAICompatibleProvider({
      apiKey: OPENAI_KEY,
      baseURL: server.openaiBaseURL,
      timeoutMs: 300,
    });
    server.enqueue({ hang: true }, { content: JSON.stringify(draftOffline('code_slots')), truncate: true });
    const result = await coordinatorWith([openai]).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    expect(server.requests).toHaveLength(3);
    expect((await store.listUsage({ startupId: 's1' })).map((u) => u.outcome)).toEqual([
      'error',
      'error',
      'success',
    ]);
  });

  it('re-asks once with the validation errors when the JSON is malformed or off-schema', async () => {
    const { anthropic } = sdkProviders(server);
    server.enqueue({ content: '{"headline": "Routes", "features": [' }, { content: '{"headline": 5}' });
    const result = await coordinatorWith([anthropic]).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      contextFor('s1'),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('INVALID_OUTPUT');
    expect(server.requests).toHaveLength(2);
    const reask = server.requests[1]?.body.messages.at(-1).content as string;
    expect(reask).toContain('not valid JSON');
  });

  it('enforces the calls-per-hour quota: the server never sees the refused call', async () => {
    const { openai } = sdkProviders(server);
    const coordinator = coordinatorWith([openai]);
    const context = contextFor('s1', { callsPerHour: 2 });
    await coordinator.executeTaskWithContext(taskFor('s1', 'code_slots'), context);
    await coordinator.executeTaskWithContext(taskFor('s1', 'code_slots'), context);
    await expect(
      coordinator.executeTaskWithContext(taskFor('s1', 'code_slots'), context),
    ).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
    });
    expect(server.requests).toHaveLength(2);
    const outcomes = (await store.listUsage({ startupId: 's1' })).map((u) => [u.outcome, u.costUsd > 0]);
    expect(outcomes).toEqual([
      ['success', true],
      ['success', true],
      ['quota_exceeded', false],
    ]);
  });

  it('refuses a call that could take the day past its cost limit, before the server sees it', async () => {
    const { openai } = sdkProviders(server);
    const coordinator = coordinatorWith([openai]);
    // gpt-4o-mini: 2048 expected output tokens alone may cost $0.0012, more than this limit allows.
    const tight = contextFor('s1', { costPerDayUsd: 0.001 });
    const result = await coordinator
      .executeTaskWithContext(taskFor('s1', 'code_slots'), tight)
      .catch((error: unknown) => error);
    expect(result).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: expect.stringMatching(
        /spent \$0\.0000 .*next call may cost up to \$0\.00\d\d.*limit is \$0\.001/,
      ),
    });
    expect(server.requests).toHaveLength(0);
    // With room for the call it goes through, and is charged what it really cost.
    await coordinator.executeTaskWithContext(
      taskFor('s2', 'code_slots'),
      contextFor('s2', { costPerDayUsd: 0.01 }),
    );
    expect(server.requests).toHaveLength(1);
    const [usage] = await store.listUsage({ startupId: 's2' });
    expect(usage).toMatchObject({ outcome: 'success', costUsd: (120 * 0.15 + 80 * 0.6) / 1e6 });
  });

  it('keeps API keys out of what the server records, errors and usage', async () => {
    const { openai, anthropic } = sdkProviders(server);
    server.enqueue(
      { status: 400, body: { error: { message: `invalid key ${OPENAI_KEY}` } } },
      { status: 401 },
    );
    const result = await coordinatorWith([openai, anthropic]).executeTaskWithContext(
      taskFor('s1', 'code_slots', { provider: 'openai' }),
      contextFor('s1'),
    );
    expect(result.status).toBe('failed');
    expect(server.requests[0]?.headers.authorization).toBe('[redacted]');
    expect(server.requests[1]?.headers.authorization).toBe('[redacted]');
    const everything = JSON.stringify({
      result,
      requests: server.requests,
      store: store.state.usage,
      docs: [...store.state.documents],
    });
    expect(everything).not.toContain(OPENAI_KEY);
    expect(everything).not.toContain(ANTHROPIC_KEY);
  });

  it('maps SDK failures to ProviderError with status and Retry-After', async () => {
    const { anthropic } = sdkProviders(server);
    server.enqueue({ status: 429, headers: { 'retry-after': '3' } });
    const error = await anthropic
      .complete({ taskType: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000, permanent: false });
  });
});

describe('createProviders', () => {
  it('offers only providers with a key, Perplexity on its base URL, and always the offline drafter', () => {
    expect(createProviders({}).map((p) => p.name)).toEqual(['offline']);
    const names = createProviders({
      OPENAI_API_KEY: 'k1',
      ANTHROPIC_API_KEY: '',
      PERPLEXITY_API_KEY: 'k3',
    }).map((p) => p.name);
    expect(names).toEqual(['openai', 'perplexity', 'offline']);
  });

  it('reaches an OpenAI-compatible server through OPENAI_BASE_URL', async () => {
    const server = await startLoopbackServer({ responder: () => ({ content: 'hello' }) });
    try {
      const [openai] = createProviders({
        OPENAI_API_KEY: OPENAI_KEY,
        OPENAI_BASE_URL: server.openaiBaseURL,
        OPENAI_MODEL: 'llama3',
      });
      const reply = await openai?.complete({ taskType: 'chat', messages: [{ role: 'user', content: 'hi' }] });
      expect(reply?.text).toBe('hello');
      expect(server.requests[0]?.body.model).toBe('llama3');
    } finally {
      await server.close();
    }
  });
});
