import { StoreUnavailableError } from '@startup-factory/contracts';
import pg from 'pg';
import type { DependencyMonitor } from '../outage/dependency-monitor';
import { connectionFailureReason } from './pg-connection-error';
import { redactUrl } from './redact-url';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';
import { type StatementListener, StatementListeners } from './statement-listeners';

const INT8_OID = 20;

/** bigint (int8) columns such as event sequence numbers come back as JS numbers, for this pool only. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgAdapterOptions {
  /** Most connections the pool opens (default 10); further queries wait in the pool's queue. */
  max?: number;
  /**
   * How long a query waits for a connection, queued behind busy ones included (default 60 s).
   * Generous on purpose: hundreds of concurrent allocations on one pool must queue, not fail.
   */
  connectionTimeoutMs?: number;
  /**
   * How long a query keeps retrying (with backoff) while the server refuses connections, before
   * it fails with STORE_UNAVAILABLE (default 30 s). Only the connect step is retried: a statement
   * never reached the server then, so running it later cannot apply it twice.
   */
  outageRetryMs?: number;
  /** Told when the server stops answering and when it answers again. */
  monitor?: DependencyMonitor;
}

const RETRY_START_MS = 100;
const RETRY_MAX_MS = 2_000;

/** PostgreSQL through a `pg` connection pool; an unreachable server becomes StoreUnavailableError. */
export class PgAdapter implements SqlAdapter {
  readonly kind = 'postgres' as const;
  private readonly safeUrl: string;
  /** How long a query retries refused connects before STORE_UNAVAILABLE; see PgAdapterOptions. */
  outageRetryMs: number;
  private readonly monitor: DependencyMonitor | undefined;
  private readonly listeners = new StatementListeners();

  constructor(
    readonly pool: pg.Pool,
    options: { url?: string; outageRetryMs?: number; monitor?: DependencyMonitor } = {},
  ) {
    this.safeUrl = options.url ? redactUrl(options.url) : 'the configured PostgreSQL';
    this.outageRetryMs = options.outageRetryMs ?? 30_000;
    this.monitor = options.monitor;
  }

  static open(connectionString: string, max?: number, options: PgAdapterOptions = {}): PgAdapter {
    const pool = new pg.Pool({
      connectionString,
      max: max ?? options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 60_000,
      types,
    });
    const adapter = new PgAdapter(pool, {
      url: connectionString,
      ...(options.outageRetryMs !== undefined ? { outageRetryMs: options.outageRetryMs } : {}),
      ...(options.monitor ? { monitor: options.monitor } : {}),
    });
    // A client losing its connection must not crash the process, idle (the pool's 'error') or
    // checked out between two statements (the client's own 'error'); the next query reports it.
    const lost = (error: Error) => adapter.report(connectionFailureReason(error) ?? error.message);
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    return adapter;
  }

  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    const client = await this.acquire();
    let broken = false;
    try {
      this.listeners.notify(sql);
      const result = await client.query(sql, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    } catch (error) {
      broken = connectionFailureReason(error) !== null;
      throw this.translate(error);
    } finally {
      client.release(broken ? true : undefined);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    const tx: SqlExecutor = {
      query: async <R>(sql: string, params: unknown[] = []) => {
        this.listeners.notify(sql);
        const result = await client.query(sql, params);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
      },
    };
    let broken = false;
    try {
      await tx.query('BEGIN');
      const value = await fn(tx);
      await tx.query('COMMIT');
      return value;
    } catch (error) {
      try {
        await tx.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw this.translate(error);
    } finally {
      client.release(broken ? true : undefined);
    }
  }

  observe(listener: StatementListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A pooled connection; retries refused connects with backoff for `outageRetryMs`. */
  private async acquire(): Promise<pg.PoolClient> {
    const deadline = Date.now() + this.outageRetryMs;
    let delay = RETRY_START_MS;
    for (;;) {
      try {
        const client = await this.pool.connect();
        this.monitor?.report('postgres', this.safeUrl, true);
        return client;
      } catch (error) {
        const reason = connectionFailureReason(error);
        if (reason === null) throw error;
        this.report(reason);
        const busy = reason === 'connection timeout' && this.pool.totalCount >= (this.pool.options.max ?? 10);
        if (busy || Date.now() + delay > deadline) throw this.unavailable(reason, busy, error);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(RETRY_MAX_MS, delay * 2);
      }
    }
  }

  private report(reason: string): void {
    this.monitor?.report('postgres', this.safeUrl, false, `PostgreSQL at ${this.safeUrl}: ${reason}`);
  }

  /** A lost connection as StoreUnavailableError; every other error (SQL, constraints) unchanged. */
  private translate(error: unknown): unknown {
    const reason = connectionFailureReason(error);
    if (reason === null) return error;
    this.report(reason);
    return this.unavailable(reason, false, error);
  }

  private unavailable(reason: string, busy: boolean, cause: unknown): StoreUnavailableError {
    const max = this.pool.options.max ?? 10;
    const message = busy
      ? `All ${max} connections to PostgreSQL at ${this.safeUrl} stayed busy past the ${this.pool.options.connectionTimeoutMillis} ms wait (${reason}); lower the concurrency or give the store a bigger pool (poolSize).`
      : `PostgreSQL at ${this.safeUrl} is unreachable (${reason}); start it or fix DATABASE_URL. Startups it interrupted can be continued with \`factory resume <name>\`.`;
    return new StoreUnavailableError({ message, cause });
  }
}
