const MARKER = Symbol.for('startup-factory.error');

/** Every code a FactoryError may carry; stored codes are checked against it with `isErrorCode`. */
export const ERROR_CODES = [
  'INVALID_CONFIG',
  'CONCURRENCY_LIMIT',
  'INSUFFICIENT_MEMORY',
  'INSUFFICIENT_RESOURCES',
  'PORTS_EXHAUSTED',
  'QUOTA_EXCEEDED',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_UNSUPPORTED',
  'PROVIDER_ERROR',
  'ALL_PROVIDERS_FAILED',
  'NO_PROVIDER',
  'INVALID_OUTPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'STORE_UNAVAILABLE',
  'QUEUE_UNAVAILABLE',
  'UNSAFE_PATH',
  'TASK_CANCELLED',
  'TASK_TIMEOUT',
  'DATA_DIR_LOCKED',
  'STARTUP_LEASED',
  'DEPLOY_FAILED',
  'SPEC_CHANGE_REFUSED',
  'EVOLVE_FAILED',
  'CHANGE_NOT_UNDERSTOOD',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether a code read from outside (a stored task error, another version's record) is one of ours. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code);
}

/** The key every copy of this package shares for the class of `code`; see FactoryError.isInstance. */
function markerOf(code: ErrorCode): symbol {
  return Symbol.for(`startup-factory.error.${code}`);
}

/** A FactoryError class as `isInstance` sees it: its constructor and the code it stands for. */
type FactoryErrorClass<T> = (abstract new (...args: never[]) => T) & { readonly code: ErrorCode | undefined };

/**
 * Base of every error the factory throws on purpose. `code` is stable and safe to match on;
 * `message` says what to do. The marker makes `isInstance` hold across duplicate package copies.
 *
 * A subclass declares its code once, as `static override readonly code = 'CONFLICT'`, and passes
 * it to super; the base then marks each instance for its class (a `Symbol.for` key derived from the
 * code, which every copy of this package shares), and the inherited `isInstance` checks that mark.
 * So a subclass carries no marker or `isInstance` of its own.
 */
export class FactoryError extends Error {
  /** The code this class stands for; undefined on the base, which takes any code. */
  static readonly code: ErrorCode | undefined = undefined;
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
    // Only an instance of the subclass that declares this code gets its mark: a plain FactoryError
    // with code CONFLICT is not a ConflictError.
    if ((new.target as unknown as FactoryErrorClass<FactoryError>).code === code) {
      (this as unknown as Record<symbol, boolean>)[markerOf(code)] = true;
    }
  }

  /**
   * True for an instance of this class from any copy of this package (instanceof holds only within
   * one copy). Call it on the class (`ProviderError.isInstance(e)`), not as a detached function.
   */
  static isInstance<T extends FactoryError>(this: FactoryErrorClass<T>, error: unknown): error is T {
    // biome-ignore lint/complexity/noThisInStatic: the class it is called on picks the marker to check.
    const { code } = this;
    return hasMarker(error, code === undefined ? MARKER : markerOf(code));
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/**
 * True when `error` carries `marker`. Each error class marks its instances with its own
 * `Symbol.for` key, which every copy of this package shares, so the check holds across copies.
 */
function hasMarker(error: unknown, marker: symbol): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}

/** True when `error` is a FactoryError with the given code. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return FactoryError.isInstance(error) && error.code === code;
}
