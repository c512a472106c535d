import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { postgresTools, quoteIdentifier as quote, type ServerDatabase } from './server-database-tools';

export type { ServerDatabase } from './server-database-tools';

/** A copy of the app's schema beside the live one, for the gate; `drop` removes it. */
export interface ServerSchemaCopy {
  schema: string;
  drop(): Promise<void>;
}

/**
 * Copies the live schema (tables, rows, sequences, constraints, indexes) to a new schema of the same
 * database, so the gate migrates the copy and the live schema is never touched: pg_dump of the
 * schema, restored into a scratch database, renamed there, dumped again and restored beside the
 * live one in one transaction. Dumps stay in `workDir` (the evolve's private temp folder).
 */
export async function copyServerSchema(live: ServerDatabase, workDir: string): Promise<ServerSchemaCopy> {
  const tag = randomBytes(4).toString('hex');
  const schema = `gate_${tag}_${live.schema}`.slice(0, 63);
  const scratch = `gate_${tag}_scratch`;
  const { psql, dump, hasSchema } = postgresTools(live.url, {
    step: 'copy-database',
    doing: "Copying the app's database on PostgreSQL for the gate",
    leaves: 'nothing was changed',
    hint: "the factory's database role needs CREATEDB to copy a schema",
  });
  const drop = async () => {
    await psql(undefined, '-c', `DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
  };
  // An app that never started on the server has no schema yet: the gate's app creates its copy.
  if (!(await hasSchema(live.schema))) return { schema, drop };
  const liveDump = join(workDir, 'live-schema.sql');
  const copyDump = join(workDir, 'gate-schema.sql');
  await dump(undefined, live.schema, liveDump);
  await psql(undefined, '-c', `CREATE DATABASE ${quote(scratch)}`);
  try {
    await psql(scratch, '-1', '-f', liveDump);
    await psql(scratch, '-c', `ALTER SCHEMA ${quote(live.schema)} RENAME TO ${quote(schema)}`);
    await dump(scratch, schema, copyDump);
  } finally {
    await psql(undefined, '-c', `DROP DATABASE IF EXISTS ${quote(scratch)} WITH (FORCE)`);
  }
  await psql(undefined, '-1', '-f', copyDump);
  return { schema, drop };
}
