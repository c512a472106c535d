import { ProviderError } from '@startup-factory/contracts';

const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 422]);

interface SdkLikeError {
  status?: number;
  headers?: Headers | Record<string, string>;
  message?: string;
  name?: string;
  error?: { type?: string; code?: string; error?: { type?: string; code?: string } };
}

function header(headers: SdkLikeError['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string>)[name];
}

/** Milliseconds to wait from `retry-after-ms`, or `Retry-After` as seconds or an HTTP date. */
export function retryAfterMsFrom(headers: SdkLikeError['headers'], now = Date.now()): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, 'retry-after-ms') !== undefined) return ms;
  const raw = header(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function isQuotaError(error: SdkLikeError): boolean {
  const body = error.error;
  const codes = [body?.type, body?.code, body?.error?.type, body?.error?.code];
  return codes.some((c) => c === 'insufficient_quota' || c === 'billing_error');
}

/**
 * Turns an SDK failure into a ProviderError: status, Retry-After, and whether retrying can help.
 * `redact` strips secrets from the message, which may echo request details.
 */
export function toProviderError(
  provider: string,
  error: unknown,
  redact: (text: string) => string,
): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const e = (error ?? {}) as SdkLikeError;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const timeout = e.name === 'APIConnectionTimeoutError';
  const detail = timeout ? 'timed out' : status ? `answered HTTP ${status}` : 'could not be reached';
  const permanent = (status !== undefined && PERMANENT_STATUSES.has(status)) || isQuotaError(e);
  return new ProviderError({
    provider,
    status,
    permanent,
    retryAfterMs: retryAfterMsFrom(e.headers),
    cause: error,
    message: redact(
      `Provider ${provider} ${detail}: ${e.message ?? String(error)}. ${
        permanent
          ? 'Check the API key, model and request; retrying will not help.'
          : 'A later attempt may succeed.'
      }`,
    ),
  });
}

/** Socket errors raised before a request left this machine: nothing reached the vendor. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed call may still be billed: not when the vendor answered with an HTTP error, nor
 * when the connection was never made; yes when it timed out, was aborted or lost its connection
 * while the vendor may have been generating.
 */
export function mayHaveBeenBilled(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { status?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.status === 'number') return false;
    if (typeof e.code === 'string' && NOT_SENT_CODES.has(e.code)) return false;
    current = e.cause;
  }
  return true;
}
