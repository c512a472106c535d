import {
  type ResourceAllocatorSetup,
  randomTestPortBase,
  type StartupManagerSetup,
  type StateStoreHarness,
} from '@startup-factory/contracts/testing';
import { afterAll, beforeAll } from 'vitest';
import { ResourceAllocator } from '../src/resources/resource-allocator';
import { StartupManager } from '../src/startup/startup-manager';
import { createStateStore } from '../src/store/create-state-store';
import { runMigrations } from '../src/store/migrations';
import { PGliteAdapter } from '../src/store/pglite-adapter';
import type { SqlAdapter } from '../src/store/sql-adapter';
import { SqlStateStore } from '../src/store/sql-state-store';
import { createTestDatabase, type TestDatabase } from './pg-database';

const TABLES =
  'sf_documents, sf_events, sf_tasks, sf_task_results, sf_ai_usage, sf_artifacts, sf_startups, sf_allocations, sf_ports';

/** Empties every table and drops every startup schema, so the next case starts clean. */
export async function resetDatabase(db: SqlAdapter): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'startup\\_%'",
  );
  for (const { name } of rows) await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  await db.query(`TRUNCATE ${TABLES} RESTART IDENTITY`);
}

/** A database shared by every case of one test file: PGlite in memory, or a PostgreSQL URL. */
export interface SharedDatabase {
  /** Opens the database once (PGlite's first start is slow: call it from beforeAll). */
  ready(): Promise<unknown>;
  open(): Promise<SqlStateStore>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function sharedPGlite(): SharedDatabase {
  let adapter: Promise<SqlAdapter> | undefined;
  const get = () => {
    adapter ??= PGliteAdapter.open('memory://').then(async (a) => {
      await runMigrations(a);
      return a;
    });
    return adapter;
  };
  return {
    ready: get,
    open: async () => new SqlStateStore(await get(), false),
    reset: async () => resetDatabase(await get()),
    close: async () => (await get()).close(),
  };
}

export function sharedPostgres(url: () => string): SharedDatabase {
  const opened: SqlStateStore[] = [];
  return {
    ready: async () => {},
    async open() {
      const store = await createStateStore({ url: url(), poolSize: 4 });
      opened.push(store);
      return store;
    },
    async reset() {
      const store = await createStateStore({ url: url(), poolSize: 1 });
      await resetDatabase(store.db);
      await store.close();
      for (const s of opened.splice(0)) await s.close();
    },
    async close() {
      for (const s of opened.splice(0)) await s.close();
    },
  };
}

/** A fresh PostgreSQL database for the calling test file: created before its tests, dropped after them. */
export function postgresForFile(): SharedDatabase {
  let database: TestDatabase;
  const db = sharedPostgres(() => database.url);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  return db;
}

export const stateStoreSetup = (db: SharedDatabase) => async (): Promise<StateStoreHarness> => ({
  store: await db.open(),
  reopen: () => db.open(),
  cleanup: () => db.reset(),
});

export const allocatorSetup =
  (db: SharedDatabase): ResourceAllocatorSetup =>
  async (options) => {
    const make = async () => new ResourceAllocator({ store: await db.open(), ...options });
    return { allocator: await make(), reopen: make, cleanup: () => db.reset() };
  };

export const managerSetup =
  (db: SharedDatabase): StartupManagerSetup =>
  async ({ maxConcurrent }) => {
    const base = randomTestPortBase(200);
    const make = async () => {
      const store = await db.open();
      const allocator = new ResourceAllocator({
        store,
        portRange: { start: base, end: base + 199 },
        totalMemoryMb: 1_000_000,
        totalCpuCores: 1_000,
        totalStorageGb: 100_000,
      });
      return new StartupManager({ store, allocator, maxConcurrent });
    };
    return { manager: await make(), reopen: make, cleanup: () => db.reset() };
  };
