/** A request the HTTP layer refuses before any factory operation runs; answered as `{ error: { code, message } }`. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;

  constructor({ statusCode, code, message }: { statusCode: number; code: string; message: string }) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
  }

  /** The JSON body every refusal of this API carries. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
