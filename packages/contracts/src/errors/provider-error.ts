import { FactoryError } from './factory-error';

/**
 * A provider call failed. `permanent` errors (bad request, auth, quota) are never retried;
 * others may be, after `retryAfterMs` when the provider said so.
 */
export class ProviderError extends FactoryError {
  static override readonly code = 'PROVIDER_ERROR';
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
    super({ code: ProviderError.code, message, cause, retryable: !permanent });
    this.name = 'ProviderError';
    this.provider = provider;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.permanent = permanent;
  }
}
