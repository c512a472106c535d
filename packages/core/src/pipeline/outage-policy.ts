import { FactoryError } from '@startup-factory/contracts';

/** Error codes that mean a back end was down, not that the startup or its input was wrong. */
export const OUTAGE_CODES = new Set<string>(['STORE_UNAVAILABLE', 'QUEUE_UNAVAILABLE']);

/** Runs restarted after an outage before the startup is failed as resumable. */
export const OUTAGE_RESTARTS = 3;

/** Recording a failure waits up to ~2 min (1+2+…+32 s, plus the adapter's own connect retries). */
export const OUTAGE_RETRY = { attempts: 7, baseMs: 1_000 };

export function isOutage(error: unknown): boolean {
  return FactoryError.isInstance(error) && OUTAGE_CODES.has(error.code);
}
