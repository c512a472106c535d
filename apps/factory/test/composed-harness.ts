import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineProvider } from '@startup-factory/ai-coordination';
import type { CompletionRequest, IProvider } from '@startup-factory/contracts';
import {
  createStateStore,
  PgAdapter,
  ResourceAllocator,
  type SqlStateStore,
  StartupManager,
} from '@startup-factory/core';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';

/** Opens a fresh, empty store for one contract case: PGlite in memory, or a new PostgreSQL database. */
export type StoreOpener = () => Promise<{ store: SqlStateStore; drop(): Promise<void> }>;

let sharedPglite: Promise<SqlStateStore> | undefined;

/** Empties every factory table and drops startup schemas, keeping the applied migrations. */
async function resetStore(store: SqlStateStore): Promise<void> {
  const tables = await store.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'sf\\_%' AND table_name <> 'sf_migrations'",
  );
  if (tables.rows.length > 0) await store.query(`TRUNCATE ${tables.rows.map((t) => t.name).join(', ')}`);
  const schemas = await store.query<{ name: string }>(
    "SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 'startup\\_%'",
  );
  for (const { name } of schemas.rows) await store.query(`DROP SCHEMA "${name}" CASCADE`);
}

/**
 * One PGlite database per test file, emptied before each case: opening PGlite (WASM start and
 * migrations) costs seconds, emptying it milliseconds.
 */
export const pgliteStores: StoreOpener = async () => {
  sharedPglite ??= createStateStore({ dataDir: 'memory://' });
  const store = await sharedPglite;
  await resetStore(store);
  return { store: store.share(), drop: async () => {} };
};

/**
 * One new database on the PostgreSQL server at `url` per test file, emptied before each case;
 * `dropAll` removes it at the end.
 */
export function postgresStores(url: string): { open: StoreOpener; dropAll(): Promise<void> } {
  const name = `sf_composed_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  let shared: Promise<SqlStateStore> | undefined;
  const admin = async <T>(fn: (db: PgAdapter) => Promise<T>): Promise<T> => {
    const db = PgAdapter.open(url, 1);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  return {
    open: async () => {
      shared ??= admin((db) => db.query(`CREATE DATABASE ${name}`)).then(() => {
        const target = new URL(url);
        target.pathname = `/${name}`;
        return createStateStore({ url: target.toString(), poolSize: 8 });
      });
      const store = await shared;
      await resetStore(store);
      return { store: store.share(), drop: async () => {} };
    },
    dropAll: async () => {
      if (!shared) return;
      await (await shared).close();
      await admin((db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** An offline provider that counts the calls reaching it. */
export function countingOfflineProvider(): { provider: IProvider; calls: () => number } {
  const offline = new OfflineProvider();
  let calls = 0;
  const provider: IProvider = {
    name: offline.name,
    defaultModel: offline.defaultModel,
    offline: true,
    complete: (request: CompletionRequest) => {
      calls += 1;
      return offline.complete(request);
    },
  };
  return { provider, calls: () => calls };
}

/** The composed factory over a fresh store, with the options a contract case needs. */
export async function composedFactory(
  stores: StoreOpener,
  config: { maxConcurrentStartups?: number; providers?: IProvider[] } = {},
): Promise<{ factory: Factory; store: SqlStateStore; dataDir: string; cleanup(): Promise<void> }> {
  const { store, drop } = await stores();
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-composed-'));
  const factory = await createFactory(
    {
      dataDir,
      validateProjects: false,
      maxConcurrentStartups: config.maxConcurrentStartups ?? 5,
      portRange: { start: 24_000, end: 24_999 },
    },
    { env: {}, store, ...(config.providers ? { providers: config.providers } : {}) },
  );
  return {
    factory,
    store,
    dataDir,
    cleanup: async () => {
      await factory.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second manager over the composed store, as another process would build it. */
export function reopenedManager(factory: Factory, store: SqlStateStore): StartupManager {
  const allocator = new ResourceAllocator({ store, portRange: factory.config.portRange });
  return new StartupManager({ store, allocator, maxConcurrent: factory.config.maxConcurrentStartups });
}
