import { mkdir } from 'node:fs/promises';
import type { AppSettings } from './settings';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** What every piece of the app needs from a database, on PGlite and PostgreSQL alike. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements (a migration). */
  exec(sql: string): Promise<void>;
}

export interface AppDatabase extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  readonly schema: string;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const quoteIdent = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Opens the app's database: PostgreSQL when a URL is set, else PGlite in the data folder. */
export async function openDatabase(settings: AppSettings): Promise<AppDatabase> {
  return settings.databaseUrl ? openPostgres(settings.databaseUrl, settings.schema) : openPglite(settings);
}

async function openPglite(settings: AppSettings): Promise<AppDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  await mkdir(settings.dataDir, { recursive: true });
  const db = await PGlite.create(settings.dataDir);
  const schema = quoteIdent(settings.schema);
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  const wrap = (q: { query: typeof db.query; exec: typeof db.exec }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await q.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    schema: settings.schema,
    ...wrap(db),
    // PGlite runs one statement at a time, so a transaction holds the whole database.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, schemaName: string): Promise<AppDatabase> {
  const { default: pg } = await import('pg');
  const schema = quoteIdent(schemaName);
  // Every connection searches the app's schema (a startup parameter; names are checked by readSettings).
  const pool = new pg.Pool({
    connectionString: url,
    options: `-c search_path=${schemaName}`,
    max: 5,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (error) => console.error('idle database connection failed:', error.message));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  type PgQueryable = { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }> };
  const wrap = (q: PgQueryable): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await q.query(sql, params);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    schema: schemaName,
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
