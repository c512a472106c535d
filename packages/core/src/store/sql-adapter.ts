import type { StatementListener } from './statement-listeners';

/** Runs parameterized SQL; the same statements work on PGlite and PostgreSQL. */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** A database connection (or pool) the state store runs on. */
export interface SqlAdapter extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Tells `listener` of every statement sent from now on, in transactions too (their BEGIN and
   * COMMIT or ROLLBACK as well: each is a round trip). Returns the function that stops it.
   */
  observe(listener: StatementListener): () => void;
  close(): Promise<void>;
}
