import pg from 'pg';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';

const INT8_OID = 20;

/** bigint (int8) columns such as event sequence numbers come back as JS numbers, for this pool only. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** PostgreSQL through a `pg` connection pool. */
export class PgAdapter implements SqlAdapter {
  readonly kind = 'postgres' as const;

  constructor(readonly pool: pg.Pool) {}

  static open(connectionString: string, max = 10): PgAdapter {
    const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000, types });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on('error', () => {});
    return new PgAdapter(pool);
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExecutor = {
      async query<R>(sql: string, params: unknown[] = []) {
        const result = await client.query(sql, params);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
      },
    };
    let broken = false;
    try {
      await client.query('BEGIN');
      const value = await fn(tx);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken ? true : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
