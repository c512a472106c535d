import { FactoryError, ProviderError, QuotaExceededError } from '@startup-factory/contracts';
import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('doubles the delay each attempt up to the cap, with jitter from the injected random', () => {
    const options = { baseMs: 100, maxMs: 1000, jitter: 0.5 };
    const transient = new Error('socket hang up');
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, transient, options, () => 1))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(retryDelayMs(3, transient, options, () => 0)).toBe(200);
    expect(retryDelayMs(3, transient, options, () => 0.5)).toBe(300);
  });

  it('never waits less than the Retry-After the provider sent', () => {
    const error = new ProviderError({ message: '429', provider: 'p', status: 429, retryAfterMs: 7000 });
    expect(retryDelayMs(1, error, { baseMs: 100, maxMs: 1000 }, () => 0.3)).toBe(7000);
  });

  it('does not retry permanent provider errors or non-retryable factory errors', () => {
    expect(isRetryable(new ProviderError({ message: '400', provider: 'p', permanent: true }))).toBe(false);
    expect(isRetryable(new ProviderError({ message: '503', provider: 'p' }))).toBe(true);
    expect(isRetryable(new QuotaExceededError({ message: 'q', startupId: 's', limit: 'callsPerHour' }))).toBe(
      false,
    );
    expect(isRetryable(new FactoryError({ code: 'STORE_UNAVAILABLE', message: 'x', retryable: true }))).toBe(
      true,
    );
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
  });
});
