const MARKER = Symbol.for('startup-factory.error');

export type ErrorCode =
  | 'INVALID_CONFIG'
  | 'CONCURRENCY_LIMIT'
  | 'INSUFFICIENT_MEMORY'
  | 'INSUFFICIENT_RESOURCES'
  | 'PORTS_EXHAUSTED'
  | 'QUOTA_EXCEEDED'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_UNSUPPORTED'
  | 'PROVIDER_ERROR'
  | 'ALL_PROVIDERS_FAILED'
  | 'NO_PROVIDER'
  | 'INVALID_OUTPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'STORE_UNAVAILABLE'
  | 'QUEUE_UNAVAILABLE'
  | 'UNSAFE_PATH'
  | 'TASK_CANCELLED'
  | 'TASK_TIMEOUT'
  | 'DATA_DIR_LOCKED'
  | 'STARTUP_LEASED'
  | 'DEPLOY_FAILED'
  | 'SPEC_CHANGE_REFUSED'
  | 'EVOLVE_FAILED'
  | 'CHANGE_NOT_UNDERSTOOD';

/**
 * Base of every error the factory throws on purpose. `code` is stable and safe to match on;
 * `message` says what to do. The marker makes `isInstance` hold across duplicate package copies.
 */
export class FactoryError extends Error {
  /** Marks factory errors across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  /** Whether trying the same thing again later may succeed. */
  readonly retryable: boolean;

  constructor({
    code,
    message,
    cause,
    retryable = false,
  }: { code: ErrorCode; message: string; cause?: unknown; retryable?: boolean }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FactoryError';
    this.code = code;
    this.retryable = retryable;
  }

  /** True for a FactoryError from any copy of this package (instanceof holds only within one copy). */
  static isInstance(error: unknown): error is FactoryError {
    return hasMarker(error, MARKER);
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/**
 * True when `error` carries `marker`. Each error class marks its instances with its own
 * `Symbol.for` key, which every copy of this package shares, so the check holds across copies.
 */
export function hasMarker(error: unknown, marker: symbol): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}

/** True when `error` is a FactoryError with the given code. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return FactoryError.isInstance(error) && error.code === code;
}
