import { ProviderError } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instantSleep, taskFor } from '../../test/fixtures';
import { founderContext } from '../../test/pipeline-tasks';
import { AICoordinator } from '../coordination/ai-coordinator';
import { draftOffline } from '../offline/offline-provider';
import { jsonSchemaForName } from '../structured/schema-registry';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import type { LoopbackStrictness } from '../testing/loopback-strictness';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

const SLOTS = JSON.stringify(draftOffline('code_slots'));
let server: LoopbackServer;
afterEach(() => server.close());

async function localServer(strictness: LoopbackStrictness) {
  server = await startLoopbackServer({ strictness, responder: () => ({ content: SLOTS }) });
  return new OpenAICompatibleProvider({ name: 'ollama', apiKey: 'ollama', baseURL: server.openaiBaseURL });
}

const ask = (provider: OpenAICompatibleProvider) =>
  provider.complete({
    taskType: 'code_slots',
    system: 'You write product copy.',
    messages: [{ role: 'user', content: 'Write the copy.' }],
    jsonSchema: jsonSchemaForName('code_slots'),
  });

const formatOf = (r: RecordedRequest | undefined) => r?.body.response_format?.type ?? 'none';
const systemOf = (r: RecordedRequest | undefined) => r?.body.messages[0].content as string;

describe('structured output on OpenAI-compatible local servers', () => {
  it('uses json_schema where the server has it', async () => {
    const provider = await localServer({});
    expect((await ask(provider)).text).toBe(SLOTS);
    expect(server.requests.map(formatOf)).toEqual(['json_schema']);
  });

  it('falls back to json_object with the schema in the prompt, and remembers it', async () => {
    const provider = await localServer({ responseFormats: ['json_object'] });
    expect((await ask(provider)).text).toBe(SLOTS);
    await ask(provider);
    expect(server.requests.map(formatOf)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(systemOf(server.requests[1])).toContain('"headline"');
    expect(systemOf(server.requests[1])).toContain('You write product copy.');
  });

  it('falls back to the schema in the prompt when the server has no response_format, and remembers it', async () => {
    const provider = await localServer({ responseFormats: [] });
    expect((await ask(provider)).text).toBe(SLOTS);
    await ask(provider);
    expect(server.requests.map(formatOf)).toEqual(['json_schema', 'json_object', 'none', 'none']);
    expect(systemOf(server.requests[3])).toContain('"callToAction"');
  });

  it('remembers per provider instance: another instance asks for json_schema again', async () => {
    const provider = await localServer({ responseFormats: ['json_object'] });
    await ask(provider);
    await ask(new OpenAICompatibleProvider({ apiKey: 'k', baseURL: server.openaiBaseURL }));
    expect(server.requests.map(formatOf)).toEqual([
      'json_schema',
      'json_object',
      'json_schema',
      'json_object',
    ]);
  });

  it('does not fall back on a 400 about something else', async () => {
    const provider = await localServer({});
    server.enqueue({ status: 400, body: { error: { message: 'model "llama9" not found' } } });
    const error = await ask(provider).catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, permanent: true });
    expect(server.requests.map(formatOf)).toEqual(['json_schema']);
  });

  it('lets the coordinator run a task on a server without json_schema, streaming too', async () => {
    await localServer({ responseFormats: ['json_object'], alternatingRoles: true });
    const provider = new OpenAICompatibleProvider({
      name: 'vllm',
      apiKey: 'k',
      baseURL: server.openaiBaseURL,
      stream: true,
    });
    const store = new InMemoryStateStore();
    const coordinator = new AICoordinator({ providers: [provider], store, sleep: instantSleep });
    const first = await coordinator.executeTaskWithContext(taskFor('s1', 'code_slots'), founderContext('s1'));
    const second = await coordinator.executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      founderContext('s1'),
    );
    expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
    expect(server.requests.map(formatOf)).toEqual(['json_schema', 'json_object', 'json_object']);
    // The refusal cost nothing and was not a failed attempt: one usage record per task.
    expect((await store.listUsage({ startupId: 's1' })).map((u) => u.outcome)).toEqual([
      'success',
      'success',
    ]);
  });
});
