import { hasErrorCode } from '@startup-factory/contracts';

export interface StoreOutageRetry {
  /** Tries in all, the first included (default 5). */
  attempts?: number;
  /** Delay after the first failure; doubles after each (default 1 s). */
  baseMs?: number;
}

/**
 * Runs `fn`, and again with backoff while it fails with STORE_UNAVAILABLE (bounded by `attempts`);
 * every other error, and the last outage error, goes to the caller. For idempotent writes only
 * (first-write-wins results, upserts), since a lost connection may hide a write that landed.
 */
export async function retryOnStoreOutage<T>(
  fn: () => Promise<T>,
  options: StoreOutageRetry = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  let delay = options.baseMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!hasErrorCode(error, 'STORE_UNAVAILABLE') || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
