import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { postgresTools, quoteIdentifier, type ServerDatabase } from './server-database-tools';

/**
 * Writes the live schema (definitions and every row) to `file` with pg_dump, for a rollback to
 * return to; an app that never created its schema gets an empty file (restoring it drops the
 * schema). The file appears whole or not at all.
 */
export async function dumpServerSchema(live: ServerDatabase, file: string): Promise<void> {
  const { dump, hasSchema } = postgresTools(live.url, {
    step: 'snapshot-database',
    doing: "Keeping the app's database on PostgreSQL for a later rollback",
    leaves: 'the project is unchanged',
  });
  const partial = `${file}.partial`;
  await mkdir(dirname(file), { recursive: true });
  await rm(partial, { force: true });
  if (await hasSchema(live.schema)) await dump(undefined, live.schema, partial);
  else await writeFile(partial, '');
  await rename(partial, file);
}

/**
 * Replaces the live schema with the one `file` (from dumpServerSchema) holds, in one transaction:
 * the schema is dropped with everything in it and the dump replayed, or, on any error, left as it was.
 */
export async function restoreServerSchema(live: ServerDatabase, file: string): Promise<void> {
  const { psql } = postgresTools(live.url, {
    step: 'restore-database',
    doing: "Restoring the app's database on PostgreSQL for the rollback",
    leaves: 'the database and the project are unchanged',
  });
  await psql(
    undefined,
    '-1',
    '-c',
    `DROP SCHEMA IF EXISTS ${quoteIdentifier(live.schema)} CASCADE`,
    '-f',
    file,
  );
}
