import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrorCode, StoreUnavailableError } from '@startup-factory/contracts';
import type { DependencyMonitor } from '../outage/dependency-monitor';
import { runMigrations } from './migrations';
import { PgAdapter } from './pg-adapter';
import { PGliteAdapter } from './pglite-adapter';
import { redactUrl } from './redact-url';
import type { SqlAdapter } from './sql-adapter';
import { SqlStateStore } from './sql-state-store';

export { redactUrl } from './redact-url';

export interface StateStoreOptions {
  /** `postgres://` or `postgresql://` selects PostgreSQL; anything else is ignored in favour of PGlite. */
  url?: string;
  /** PGlite data directory (default `.factory/db`); `memory://` keeps the database in memory. */
  dataDir?: string;
  /** Most connections the PostgreSQL pool opens (default 10). */
  poolSize?: number;
  /** PostgreSQL: how long a query retries refused connections before STORE_UNAVAILABLE (default 30 s). */
  outageRetryMs?: number;
  /** PostgreSQL: told when the server stops answering and when it answers again. */
  monitor?: DependencyMonitor;
}

export const DEFAULT_DATA_DIR = '.factory/db';

const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `text` with the URL's password (and the URL itself) replaced, whatever the driver put in it. */
function withoutSecret(text: string, url: string): string {
  let safe = text.split(url).join(redactUrl(url));
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) safe = safe.split(password).join('***');
  } catch {}
  return safe;
}

/**
 * Opens the state store and applies pending migrations: PostgreSQL when `url` is a postgres URL,
 * otherwise PGlite in `dataDir`. Throws StoreUnavailableError (never echoing a password) when the
 * database cannot be reached or the directory cannot be written.
 */
export async function createStateStore(options: StateStoreOptions = {}): Promise<SqlStateStore> {
  let adapter: SqlAdapter;
  if (isPostgresUrl(options.url)) {
    const safeUrl = redactUrl(options.url);
    const pgAdapter = PgAdapter.open(options.url, options.poolSize, {
      // Opening fails fast: a store that is down at start is a configuration problem to report.
      outageRetryMs: 0,
      ...(options.monitor ? { monitor: options.monitor } : {}),
    });
    adapter = pgAdapter;
    try {
      await runMigrations(adapter);
    } catch (error) {
      await adapter.close().catch(() => {});
      // The adapter's own StoreUnavailableError carries the driver's error as its cause.
      const original = hasErrorCode(error, 'STORE_UNAVAILABLE') ? ((error as Error).cause ?? error) : error;
      const detail = withoutSecret(describe(original), options.url);
      throw new StoreUnavailableError({
        message: `Cannot use PostgreSQL at ${safeUrl} (${detail}). Check that the server is running and DATABASE_URL is right, or unset it to use the embedded database.`,
      });
    }
    pgAdapter.outageRetryMs = options.outageRetryMs ?? 30_000;
    return new SqlStateStore(adapter);
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (dataDir !== 'memory://') {
    const dir = resolve(dataDir);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new StoreUnavailableError({
        message: `The data directory ${dir} is not writable (${describe(error)}). Fix its permissions or choose another directory with dataDir.`,
      });
    }
  }
  try {
    adapter = await PGliteAdapter.open(dataDir === 'memory://' ? dataDir : resolve(dataDir));
    await runMigrations(adapter);
  } catch (error) {
    throw new StoreUnavailableError({
      message: `Cannot open the embedded database in ${dataDir} (${describe(error)}). Make sure no other process uses it, or choose another dataDir.`,
    });
  }
  return new SqlStateStore(adapter);
}
