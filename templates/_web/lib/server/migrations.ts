import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUTH_SCHEMA } from './auth/auth-schema';
import type { AppDatabase } from './database';

const MIGRATION_FILE = /^(\d{3,})_[a-z0-9_-]+\.sql$/;

/** The app's own bookkeeping, beside the entity tables in the same schema. */
const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS app_meta (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

/** `db/migrations/NNN_name.sql`, in number order; a misnamed .sql file is an error, not skipped. */
export async function migrationFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const wrong = names.find((name) => !MIGRATION_FILE.test(name));
  if (wrong) throw new Error(`db/migrations/${wrong}: name migrations NNN_description.sql (e.g. 002_add_notes.sql).`);
  return names;
}

/**
 * Applies every migration not applied yet, each once and in order, all in one transaction; on
 * PostgreSQL an advisory lock keeps two starting processes from applying the same one twice.
 * Returns the names it applied.
 */
export async function applyMigrations(db: AppDatabase, dir: string): Promise<string[]> {
  const names = await migrationFiles(dir);
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`app-migrations:${db.schema}`]);
    }
    await tx.exec(BOOKKEEPING + AUTH_SCHEMA);
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((row) => row.name),
    );
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      await tx.exec(await readFile(join(dir, name), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}

export async function appliedMigrationCount(db: AppDatabase): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  return rows[0]?.n ?? 0;
}
