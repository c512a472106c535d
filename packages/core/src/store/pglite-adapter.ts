import { PGlite } from '@electric-sql/pglite';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';
import { type StatementListener, StatementListeners } from './statement-listeners';

interface PGliteQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
}

const executor = (db: PGliteQueryable, listeners: StatementListeners): SqlExecutor => ({
  async query<R>(sql: string, params: unknown[] = []) {
    listeners.notify(sql);
    const result = await db.query<R>(sql, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
});

/** PGlite (PostgreSQL in WASM) in one process. It runs one statement at a time, so transactions serialize. */
export class PGliteAdapter implements SqlAdapter {
  readonly kind = 'pglite' as const;
  private readonly run: SqlExecutor;
  private readonly listeners = new StatementListeners();

  private constructor(private readonly db: PGlite) {
    this.run = executor(db, this.listeners);
  }

  /** `dataDir` undefined or `memory://` keeps everything in memory. */
  static async open(dataDir?: string): Promise<PGliteAdapter> {
    const db = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
    return new PGliteAdapter(db);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]) {
    return this.run.query<R>(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // PGlite sends BEGIN and COMMIT (or ROLLBACK) itself; they are told here as the statements they are.
    this.listeners.notify('BEGIN');
    try {
      const value = await this.db.transaction((tx) => fn(executor(tx, this.listeners)));
      this.listeners.notify('COMMIT');
      return value;
    } catch (error) {
      this.listeners.notify('ROLLBACK');
      throw error;
    }
  }

  observe(listener: StatementListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
