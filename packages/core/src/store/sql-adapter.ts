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
  close(): Promise<void>;
}
