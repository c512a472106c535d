import { StoreUnavailableError } from '@startup-factory/contracts';
import pg from 'pg';
import { connectionFailureReason } from './pg-connection-error';
import { redactUrl } from './redact-url';

/**
 * Opens one connection and runs `select 1` within `timeoutMs`, without a pool or migrations.
 * Throws StoreUnavailableError naming the URL (password removed) and the reason.
 */
export async function probePostgres(url: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A connection dropped after the answer must not become an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = connectionFailureReason(error) ?? (error instanceof Error ? error.message : String(error));
    throw new StoreUnavailableError({
      message: `postgres: unreachable at ${redactUrl(url)} (${reason}) — start it, fix DATABASE_URL, or unset it to use the embedded database.`,
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}
