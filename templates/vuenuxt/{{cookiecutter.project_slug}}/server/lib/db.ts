import pg from 'pg';
import { config } from './config';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The database is not configured or not reachable; routes answer 503. */
export class DatabaseUnavailableError extends Error {}

let pool: pg.Pool | undefined;

/** One pool per process; every connection searches the startup's own schema. */
export function getPool(): pg.Pool {
  if (!config.databaseUrl) throw new DatabaseUnavailableError('DATABASE_URL is not set');
  if (!SCHEMA.test(config.schema)) throw new DatabaseUnavailableError('DB_SCHEMA is not a valid schema name');
  if (!pool) {
    pool = new pg.Pool({
      connectionString: config.databaseUrl,
      options: `-c search_path=${config.schema}`,
      max: 5,
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', (error) => console.error('idle database client failed', error.message));
  }
  return pool;
}

export type DatabaseStatus = 'up' | 'down' | 'unconfigured';

/** Whether the database answers, without throwing: the health check must answer either way. */
export async function checkDatabase(): Promise<DatabaseStatus> {
  if (!config.databaseUrl) return 'unconfigured';
  try {
    await getPool().query('SELECT 1');
    return 'up';
  } catch {
    return 'down';
  }
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '3D000', '57P03', '28P01']);

/** True for errors that mean "no database", as opposed to a bug or bad input. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}
