import { cp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The generated app's embedded database folder (APP_DATA_DIR's default), relative to the project. */
export const APP_DATA_DIR = '.data';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

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
