import { describe, expect, it } from 'vitest';
import type { CompletionRequest, IProvider } from './interfaces/provider';
import {
  mockProviderBackend,
  type ProviderHarness,
  providerCases,
  providerContract,
  runContractCases,
  scriptedProviderCases,
} from './testing/index';

providerContract('MockProvider', 'scripted', async () => mockProviderBackend());

describe('providerContract can fail', () => {
  /** The scripted cases that fail for a provider made by `wrap` around the mock backend. */
  const failedWith = async (wrap: (inner: IProvider) => IProvider) =>
    (
      await runContractCases(
        [...providerCases, ...scriptedProviderCases],
        async (): Promise<ProviderHarness> => {
          const { provider, backend } = mockProviderBackend();
          return { provider: wrap(provider), backend };
        },
      )
    )
      .filter((o) => !o.passed)
      .map((o) => o.name);

  const passing = (inner: IProvider, complete: IProvider['complete']): IProvider => ({
    name: inner.name,
    defaultModel: inner.defaultModel,
    offline: inner.offline,
    complete,
  });

  it('catches a provider that turns failures into empty answers', async () => {
    const failed = await failedWith((inner) =>
      passing(inner, (r) =>
        inner.complete(r).catch(() => ({
          text: '',
          model: 'x',
          inputTokens: 0,
          outputTokens: 0,
          finishReason: 'error' as const,
        })),
      ),
    );
    expect(failed).toEqual(
      expect.arrayContaining([
        'a rate-limited call rejects with a retryable ProviderError naming the provider and the wait',
        'a refused call (bad key) rejects with a permanent ProviderError',
      ]),
    );
  });

  it('catches a provider that loses the Retry-After wait and marks every failure permanent', async () => {
    const failed = await failedWith((inner) =>
      passing(inner, (r) =>
        inner.complete(r).catch((e: Error) => {
          throw Object.assign(e, { retryAfterMs: undefined, permanent: true });
        }),
      ),
    );
    expect(failed).toEqual([
      'a rate-limited call rejects with a retryable ProviderError naming the provider and the wait',
      'a server error rejects with a retryable ProviderError',
    ]);
  });

  it('catches a provider that replays its last outcome instead of asking again', async () => {
    const failed = await failedWith((inner) => {
      let last: ReturnType<IProvider['complete']> | undefined;
      const key = (r: CompletionRequest) => JSON.stringify(r.messages);
      let lastKey = '';
      return passing(inner, (r) => {
        if (last && key(r) === lastKey) return last;
        lastKey = key(r);
        last = inner.complete(r);
        return last;
      });
    });
    expect(failed).toEqual([
      'a failed call is not remembered: asking again reaches the vendor and gets its answer',
    ]);
  });

  it('catches a provider that rewrites the text or reports fractional tokens', async () => {
    const failed = await failedWith((inner) =>
      passing(inner, async (r) => {
        const response = await inner.complete(r);
        return {
          ...response,
          text: response.text.trim().toUpperCase(),
          outputTokens: response.outputTokens / 3,
        };
      }),
    );
    expect(failed).toEqual(
      expect.arrayContaining([
        'answers a request with text, the model, whole token counts and a finish reason',
        "returns the vendor's text unchanged and reports tokens",
      ]),
    );
  });

  it('catches an answerFromCache that calls the vendor', async () => {
    const failed = await failedWith((inner) => ({
      ...passing(inner, (r) => inner.complete(r)),
      answerFromCache: async (r) => inner.complete(r).catch(() => null),
    }));
    expect(failed).toEqual([
      'answerFromCache, where offered, answers null for a request never seen and never calls the vendor',
    ]);
  });
});
