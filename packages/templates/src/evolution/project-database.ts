import { cp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerDatabase } from './server-database-copy';
import { dumpServerSchema } from './server-database-snapshot';

/** The generated app's embedded database folder (APP_DATA_DIR's default), relative to the project. */
export const APP_DATA_DIR = '.data';

/** The pg_dump of the app's server schema in a snapshot folder. */
export const SERVER_SCHEMA_FILE = 'server-schema.sql';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The folder keeping the database as it was at `name` (`generation-2`, `before-generation-5`). */
export function snapshotDir(projectDir: string, name: string): string {
  return join(projectDir, '.git', 'factory', 'snapshots', name);
}

/**
 * Copies the app's embedded database (PGlite's data folder) from one project folder to another, so
 * a gate migrates a copy and a rollback can return to a snapshot; false when there is none yet.
 * A database on a PostgreSQL server (APP_DATABASE_URL) is copied by `copyServerSchema` instead.
 */
export async function copyDatabase(fromDir: string, toDir: string): Promise<boolean> {
  const from = join(fromDir, APP_DATA_DIR);
  if (!(await exists(from))) return false;
  const to = join(toDir, APP_DATA_DIR);
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true, preserveTimestamps: true });
  return true;
}

/**
 * Keeps the app's database as it is now in `dir` for a rollback: the embedded database's folder
 * when there is one, and with `database` (the app's tables on a PostgreSQL server) a pg_dump of its
 * schema as `SERVER_SCHEMA_FILE`.
 */
export async function snapshotDatabase(
  projectDir: string,
  dir: string,
  database: ServerDatabase | undefined,
): Promise<void> {
  await copyDatabase(projectDir, dir);
  if (database) await dumpServerSchema(database, join(dir, SERVER_SCHEMA_FILE));
}
