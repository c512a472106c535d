import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { ProviderError } from '../errors/provider-error';
import type { CompletionRequest, CompletionResponse, IProvider } from '../interfaces/provider';
import { type ContractCase, registerContract } from './contract-case';
import { MockProvider } from './mock-provider';

/** How a scripted backend fails one call, as a vendor would. */
export type ProviderFailureKind = 'rate_limited' | 'server_error' | 'refused';

/**
 * The vendor behind a provider under test, scripted by the suite: the loopback server for the SDK
 * providers, a MockProvider for wrappers. A `rate_limited` failure asks for a 2 second wait.
 */
export interface ScriptedBackend {
  /** The next call is answered with exactly this text. */
  answerNext(text: string): void;
  /** The next call fails: 429 with Retry-After 2, 500, or 401. */
  failNext(failure: ProviderFailureKind): void;
  /** Calls that reached the backend so far. */
  calls(): number;
}

export interface ProviderHarness {
  provider: IProvider;
  /** The scripted vendor; absent for an offline drafter, which writes its own text and cannot fail. */
  backend?: ScriptedBackend;
  cleanup?(): Promise<void>;
}

const request = (text: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  taskType: 'founder_analysis',
  system: 'You are a careful analyst.',
  messages: [{ role: 'user', content: text }],
  ...extra,
});

function expectWellFormed(response: CompletionResponse): void {
  expect(typeof response.text).toBe('string');
  expect(response.model.length, 'the model that answered').toBeGreaterThan(0);
  for (const tokens of [response.inputTokens, response.outputTokens]) {
    expect(Number.isInteger(tokens) && tokens >= 0, `token count ${tokens}`).toBe(true);
  }
  expect(['stop', 'length', 'error', 'other']).toContain(response.finishReason);
}

function scripted(harness: ProviderHarness): ScriptedBackend {
  if (!harness.backend)
    throw new Error('this case needs a scripted backend; register the provider as scripted');
  return harness.backend;
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`).toBe(true);
  return error as ProviderError;
}

/** What every provider does, offline or not. */
export const providerCases: ContractCase<ProviderHarness>[] = [
  {
    name: 'names itself, its default model and whether it needs the network',
    async run({ provider }) {
      expect(provider.name).toMatch(/\S/);
      expect(provider.defaultModel).toMatch(/\S/);
      expect(typeof provider.offline).toBe('boolean');
    },
  },
  {
    name: 'answers a request with text, the model, whole token counts and a finish reason',
    async run(harness) {
      harness.backend?.answerNext('A focused founder with sales experience.');
      const response = await harness.provider.complete(request('Assess this founder.'));
      expectWellFormed(response);
      expect(response.text.length).toBeGreaterThan(0);
    },
  },
];

/** What a provider in front of a vendor does: pass its answers and its failures on faithfully. */
export const scriptedProviderCases: ContractCase<ProviderHarness>[] = [
  {
    name: "returns the vendor's text unchanged and reports tokens",
    async run(harness) {
      const text = 'The market is crowded: 3 incumbents, one open niche.';
      scripted(harness).answerNext(text);
      const response = await harness.provider.complete(request('Research the market.'));
      expect(response.text).toBe(text);
      expect(response.outputTokens).toBeGreaterThan(0);
      expect(response.finishReason).toBe('stop');
    },
  },
  {
    name: 'a JSON-schema request is answered with the JSON the vendor gave',
    async run(harness) {
      scripted(harness).answerNext('{"score":7,"summary":"strong"}');
      const response = await harness.provider.complete(
        request('Score the founder.', {
          jsonSchema: {
            name: 'founder_score',
            schema: {
              type: 'object',
              properties: { score: { type: 'number' }, summary: { type: 'string' } },
              required: ['score', 'summary'],
            },
          },
        }),
      );
      expect(JSON.parse(response.text)).toEqual({ score: 7, summary: 'strong' });
    },
  },
  {
    name: 'a rate-limited call rejects with a retryable ProviderError naming the provider and the wait',
    async run(harness) {
      scripted(harness).failNext('rate_limited');
      const error = await rejection(harness.provider.complete(request('Assess this founder.')));
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(error.provider).toBe(harness.provider.name);
      expect(error.permanent).toBe(false);
      expect(error.retryAfterMs).toBe(2000);
    },
  },
  {
    name: 'a server error rejects with a retryable ProviderError',
    async run(harness) {
      scripted(harness).failNext('server_error');
      const error = await rejection(harness.provider.complete(request('Assess this founder.')));
      expect(error.provider).toBe(harness.provider.name);
      expect(error.permanent).toBe(false);
      expect(error.retryable).toBe(true);
    },
  },
  {
    name: 'a refused call (bad key) rejects with a permanent ProviderError',
    async run(harness) {
      scripted(harness).failNext('refused');
      const error = await rejection(harness.provider.complete(request('Assess this founder.')));
      expect(error.provider).toBe(harness.provider.name);
      expect(error.permanent).toBe(true);
      expect(error.retryable).toBe(false);
    },
  },
  {
    name: 'a failed call is not remembered: asking again reaches the vendor and gets its answer',
    async run(harness) {
      const backend = scripted(harness);
      backend.failNext('server_error');
      await rejection(harness.provider.complete(request('Plan the architecture.')));
      backend.answerNext('A monolith on PostgreSQL.');
      const before = backend.calls();
      const response = await harness.provider.complete(request('Plan the architecture.'));
      expect(response.text).toBe('A monolith on PostgreSQL.');
      expect(backend.calls()).toBe(before + 1);
    },
  },
  {
    name: 'answerFromCache, where offered, answers null for a request never seen and never calls the vendor',
    async run(harness) {
      const backend = scripted(harness);
      if (!harness.provider.answerFromCache) {
        expect(harness.provider.answerFromCache).toBeUndefined();
        return;
      }
      const before = backend.calls();
      expect(await harness.provider.answerFromCache(request(`never asked ${randomUUID()}`))).toBeNull();
      expect(backend.calls()).toBe(before);
    },
  },
];

/** What an offline drafter does: answer with no network, the same way every time. */
export const offlineProviderCases: ContractCase<ProviderHarness>[] = [
  {
    name: 'says it is offline and answers the same request with the same text',
    async run({ provider }) {
      expect(provider.offline).toBe(true);
      const first = await provider.complete(request('Assess this founder.'));
      const second = await provider.complete(request('Assess this founder.'));
      expect(second.text).toBe(first.text);
      expectWellFormed(second);
    },
  },
];

/**
 * Registers the IProvider suite for one implementation. `scripted` providers sit in front of a
 * vendor the harness scripts (`backend`); `offline` ones draft their own answers.
 */
export function providerContract(
  name: string,
  kind: 'scripted' | 'offline',
  setup: () => Promise<ProviderHarness>,
): void {
  const cases = [...providerCases, ...(kind === 'scripted' ? scriptedProviderCases : offlineProviderCases)];
  registerContract(`IProvider contract: ${name}`, cases, setup);
}

/**
 * A scripted vendor made of a MockProvider, for testing providers that wrap another one: answers
 * and failures are queued per call; a call with nothing queued fails loudly.
 */
export function mockProviderBackend(options: { name?: string; defaultModel?: string } = {}): {
  provider: MockProvider;
  backend: ScriptedBackend;
} {
  const queued: Array<() => Partial<CompletionResponse> | Error> = [];
  const name = options.name ?? 'mock';
  const failures: Record<ProviderFailureKind, () => ProviderError> = {
    rate_limited: () =>
      new ProviderError({
        provider: name,
        status: 429,
        retryAfterMs: 2000,
        message: 'Rate limited; wait 2 s.',
      }),
    server_error: () => new ProviderError({ provider: name, status: 500, message: 'Server error; retry.' }),
    refused: () =>
      new ProviderError({ provider: name, status: 401, permanent: true, message: 'Bad key; fix it.' }),
  };
  const provider = new MockProvider({
    name,
    defaultModel: options.defaultModel ?? 'mock-1',
    complete: (_request, index) => {
      const next = queued.shift();
      if (!next) throw new Error(`mock backend: call ${index + 1} made but nothing queued`);
      return next();
    },
  });
  return {
    provider,
    backend: {
      answerNext: (text) =>
        queued.push(() => ({ text, inputTokens: 12, outputTokens: Math.ceil(text.length / 4) })),
      failNext: (failure) => queued.push(failures[failure]),
      calls: () => provider.calls.length,
    },
  };
}
