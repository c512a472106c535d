import { CodeSlots } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { contextFor, instantSleep, taskFor } from '../../test/fixtures';
import { AICoordinator } from '../coordination/ai-coordinator';
import { draftOffline } from '../offline/offline-provider';
import { jsonSchemaForName } from '../structured/schema-registry';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server';
import { AnthropicProvider } from './anthropic-provider';
import { DEFAULT_MAX_OUTPUT_TOKENS } from './default-models';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

const SLOTS = JSON.stringify(draftOffline('code_slots'));
/** About 4 characters a token, as the loopback server counts an answer. */
const SLOTS_TOKENS = Math.ceil(JSON.stringify(SLOTS).length / 4);

let server: LoopbackServer;
afterEach(() => server.close());

const openai = (options: Partial<ConstructorParameters<typeof OpenAICompatibleProvider>[0]> = {}) =>
  new OpenAICompatibleProvider({ apiKey: 'sk-limit-test-0000', baseURL: server.openaiBaseURL, ...options });
const anthropic = (stream = false) =>
  new AnthropicProvider({ apiKey: 'sk-ant-limit-test', baseURL: server.anthropicBaseURL, stream });

const ask = (provider: OpenAICompatibleProvider | AnthropicProvider, maxTokens?: number) =>
  provider.complete({
    taskType: 'code_slots',
    messages: [{ role: 'user', content: 'Write the copy.' }],
    jsonSchema: jsonSchemaForName('code_slots'),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
  });

describe('output limits', () => {
  it("sends the task's output limit to both wire protocols, the same default when the task sets none", async () => {
    server = await startLoopbackServer({ responder: () => ({ content: SLOTS }) });
    const coordinator = new AICoordinator({
      providers: [openai(), anthropic()],
      store: new InMemoryStateStore(),
      sleep: instantSleep,
    });
    await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { maxOutputTokens: 900, provider: 'openai' }),
      contextFor('s1'),
    );
    await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { maxOutputTokens: 900, provider: 'anthropic' }),
      contextFor('s1'),
    );
    await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { provider: 'openai' }),
      contextFor('s1'),
    );
    await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { provider: 'anthropic' }),
      contextFor('s1'),
    );
    const [o1, a1, o2, a2] = server.requests;
    expect([o1?.protocol, a1?.protocol, o2?.protocol, a2?.protocol]).toEqual([
      'openai',
      'anthropic',
      'openai',
      'anthropic',
    ]);
    expect(o1?.body.max_tokens).toBe(900);
    expect(a1?.body.max_tokens).toBe(900);
    expect(o2?.body.max_tokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    expect(a2?.body.max_tokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
  });

  it("sends max_tokens to servers other than OpenAI's API, max_completion_tokens when told (its default there)", async () => {
    server = await startLoopbackServer({ responder: () => ({ content: SLOTS }) });
    await ask(openai(), 300);
    await ask(openai({ outputLimitField: 'max_completion_tokens' }), 300);
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 300 });
    expect(server.requests[0]?.body.max_completion_tokens).toBeUndefined();
    expect(server.requests[1]?.body).toMatchObject({ max_completion_tokens: 300 });
    expect(server.requests[1]?.body.max_tokens).toBeUndefined();
  });

  for (const stream of [false, true]) {
    it(`the loopback server cuts an answer at the limit and says so (${stream ? 'streamed' : 'whole'})`, async () => {
      server = await startLoopbackServer({ responder: () => ({ content: SLOTS }) });
      const limit = Math.floor(SLOTS_TOKENS / 2);
      const fromOpenAI = await ask(openai({ stream }), limit);
      expect(fromOpenAI.finishReason).toBe('length');
      expect(fromOpenAI.outputTokens).toBe(limit);
      expect(fromOpenAI.text.length).toBeLessThan(SLOTS.length * 0.6);
      expect(SLOTS.startsWith(fromOpenAI.text)).toBe(true);
      const fromAnthropic = await ask(anthropic(stream), limit);
      expect(fromAnthropic.finishReason).toBe('length');
      expect(fromAnthropic.outputTokens).toBe(limit);
      const whole = await ask(openai({ stream }), SLOTS_TOKENS + 10);
      expect(whole.finishReason).toBe('stop');
      expect(whole.text).toBe(SLOTS);
    });
  }

  it('re-asks when an answer was cut at the limit, and takes the complete one', async () => {
    // Like a model that, told it ran out of room, answers more briefly.
    server = await startLoopbackServer({
      responder: (request) => ({
        content:
          request.body.messages.length > 2 ? JSON.stringify(draftOffline('code_slots')) : SLOTS + SLOTS,
      }),
    });
    const store = new InMemoryStateStore();
    const coordinator = new AICoordinator({ providers: [openai()], store, sleep: instantSleep });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { maxOutputTokens: SLOTS_TOKENS + 20 }),
      contextFor('s1'),
    );
    expect(result.status).toBe('succeeded');
    expect(CodeSlots.parse(result.output)).toEqual(CodeSlots.parse(JSON.parse(SLOTS)));
    expect(result.attempts).toBe(2);
    const reask = server.requests[1]?.body.messages.at(-1).content as string;
    expect(reask).toContain(`output limit of ${SLOTS_TOKENS + 20} tokens`);
    const outcomes = (await store.listUsage({ startupId: 's1' })).map((u) => u.outcome);
    expect(outcomes).toEqual(['invalid_output', 'success']);
  });

  it('never takes a cut answer as valid, even when what arrived parses', async () => {
    // The JSON is whole but the server says it stopped at the limit: a cut-off list is still cut off.
    const stoppedAtLimit = JSON.stringify({
      id: 'chatcmpl-limit',
      object: 'chat.completion',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: SLOTS }, finish_reason: 'length' }],
      usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
    });
    server = await startLoopbackServer({ responder: () => ({ raw: stoppedAtLimit }) });
    const coordinator = new AICoordinator({
      providers: [openai()],
      store: new InMemoryStateStore(),
      sleep: instantSleep,
    });
    const result = await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots', { maxOutputTokens: 50 }),
      contextFor('s1'),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('INVALID_OUTPUT');
    expect(result.error?.message).toContain('output limit of 50 tokens');
    expect(server.requests).toHaveLength(2);
  });

  for (const stream of [false, true]) {
    it(`fails over, naming the limit, when an Anthropic tool call stops at max_tokens twice (${stream ? 'streamed' : 'whole'})`, async () => {
      server = await startLoopbackServer({ responder: () => ({ content: SLOTS }) });
      const coordinator = new AICoordinator({
        providers: [anthropic(stream)],
        store: new InMemoryStateStore(),
        sleep: instantSleep,
      });
      const result = await coordinator.executeTaskWithContext(
        taskFor('s1', 'code_slots', { maxOutputTokens: Math.floor(SLOTS_TOKENS / 2) }),
        contextFor('s1'),
      );
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('INVALID_OUTPUT');
      expect(result.error?.message).toContain(`output limit of ${Math.floor(SLOTS_TOKENS / 2)} tokens`);
      expect(server.requests.map((r) => r.protocol)).toEqual(['anthropic', 'anthropic']);
    });
  }
});
