/** An account request refused for a reason the caller can act on; answered with `status` and `{error, code, fields?}`. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The form field the message is about, when there is one. */
    readonly field?: string,
    /** Seconds to wait before trying again (a 429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
