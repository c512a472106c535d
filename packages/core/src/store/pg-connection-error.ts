/** Socket errors that mean the server is not there (or went away), not that a statement was wrong. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** SQLSTATE class 08 (connection exception), 57P01-03 (shutdown, crash, starting up), 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

/** What node-postgres says when a connection is lost or never made, without a code. */
const LOST_CONNECTION = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * The short reason (`ECONNREFUSED`, `57P01`, `connection timeout`, …) when `error` says the
 * PostgreSQL server is unreachable; null for every other error (a bad statement, a constraint).
 */
export function connectionFailureReason(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATE.test(code)) return `SQLSTATE ${code}`;
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    // AggregateError from a host with several addresses (localhost: ::1 and 127.0.0.1).
    for (const inner of errors) {
      const reason = connectionFailureReason(inner);
      if (reason) return reason;
    }
  }
  if (typeof message !== 'string') return null;
  if (message.includes('timeout exceeded when trying to connect')) return 'connection timeout';
  return LOST_CONNECTION.some((text) => message.includes(text)) ? 'connection lost' : null;
}
