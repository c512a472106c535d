import { FactoryError, ProviderError } from '@startup-factory/contracts';

export interface RetryOptions {
  /** Attempts per task when the task does not set `maxAttempts` itself. */
  attempts?: number;
  /** Delay before the second attempt; doubles each attempt. */
  baseMs?: number;
  /** Cap on the exponential delay (Retry-After may still ask for longer). */
  maxMs?: number;
  /** Fraction of the delay that is randomised, 0..1. */
  jitter?: number;
}

export const RETRY_DEFAULTS = { attempts: 3, baseMs: 500, maxMs: 30_000, jitter: 0.5 } as const;

/** Whether another attempt may succeed: permanent provider errors and non-retryable factory errors never do. */
export function isRetryable(error: unknown): boolean {
  if (ProviderError.isInstance(error) || (FactoryError.isInstance(error) && 'permanent' in error)) {
    return !(error as ProviderError).permanent;
  }
  if (FactoryError.isInstance(error)) return error.retryable;
  return true;
}

/** The provider's Retry-After in milliseconds, when the error carries one. */
export function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` failed: exponential with jitter,
 * and never shorter than the provider's Retry-After.
 */
export function retryDelayMs(
  attempt: number,
  error: unknown,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const baseMs = options.baseMs ?? RETRY_DEFAULTS.baseMs;
  const maxMs = options.maxMs ?? RETRY_DEFAULTS.maxMs;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? RETRY_DEFAULTS.jitter));
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (1 - jitter) + exponential * jitter * random();
  return Math.ceil(Math.max(jittered, retryAfterOf(error) ?? 0));
}
