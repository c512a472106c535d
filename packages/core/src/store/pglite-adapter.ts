import { PGlite } from '@electric-sql/pglite';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';

interface PGliteQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
}

const executor = (db: PGliteQueryable): SqlExecutor => ({
  async query<R>(sql: string, params: unknown[] = []) {
    const result = await db.query<R>(sql, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
});

/** PGlite (PostgreSQL in WASM) in one process. It runs one statement at a time, so transactions serialize. */
export class PGliteAdapter implements SqlAdapter {
  readonly kind = 'pglite' as const;
  private readonly run: SqlExecutor;

  private constructor(private readonly db: PGlite) {
    this.run = executor(db);
  }

  /** `dataDir` undefined or `memory://` keeps everything in memory. */
  static async open(dataDir?: string): Promise<PGliteAdapter> {
    const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
    return new PGliteAdapter(db);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]) {
    return this.run.query<R>(sql, params);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(executor(tx)));
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
