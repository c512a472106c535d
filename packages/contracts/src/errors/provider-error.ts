import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.ProviderError');

/**
 * A provider call failed. `permanent` errors (bad request, auth, quota) are never retried;
 * others may be, after `retryAfterMs` when the provider said so.
 */
export class ProviderError extends FactoryError {
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;

  constructor({
    message,
    cause,
    provider,
    status,
    retryAfterMs,
    permanent = false,
  }: {
    message: string;
    cause?: unknown;
    provider: string;
    status?: number;
    retryAfterMs?: number;
    permanent?: boolean;
  }) {
    super({ code: 'PROVIDER_ERROR', message, cause, retryable: !permanent });
    this.name = 'ProviderError';
    this.provider = provider;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.permanent = permanent;
  }

  /** True for a ProviderError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is ProviderError {
    return hasMarker(error, MARKER);
  }
}
