import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EvolveFailedError } from '@startup-factory/contracts';

/** A generated app's database on a PostgreSQL server: its tables live in `schema` of `url`'s database. */
export interface ServerDatabase {
  url: string;
  schema: string;
}

/** A copy of the app's schema beside the live one, for the gate; `drop` removes it. */
export interface ServerSchemaCopy {
  schema: string;
  drop(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * libpq's own variables for `url`, so the password never appears in a command line (which any
 * local user can read) nor in what the tools print.
 */
function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {};
  const host = parsed.searchParams.get('host') ?? parsed.hostname.replace(/^\[|\]$/g, '');
  if (host) env.PGHOST = decodeURIComponent(host);
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.slice(1));
  if (database) env.PGDATABASE = database;
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

function runTool(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(
          new EvolveFailedError({
            step: 'copy-database',
            log: stderr.trim(),
            message: missing
              ? `Evolving an app whose database is on PostgreSQL copies its schema with ${command}, which is not on PATH; install the PostgreSQL client tools (postgresql-client, the server's major version or newer). Nothing was changed.`
              : `Copying the app's database for the gate failed at ${command}, so nothing was changed: ${stderr.trim().split('\n').slice(-3).join(' ')} (the factory's database role needs CREATEDB to copy a schema).`,
          }),
        );
      },
    );
  });
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
  const env = libpqEnv(live.url);
  const psql = (database: string | undefined, ...args: string[]) =>
    runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], {
      ...env,
      ...(database ? { PGDATABASE: database } : {}),
    });
  const dump = (database: string | undefined, name: string, file: string) =>
    runTool('pg_dump', [`--schema=${quote(name)}`, '--no-owner', '--no-privileges', `--file=${file}`], {
      ...env,
      ...(database ? { PGDATABASE: database } : {}),
    });
  const drop = async () => {
    await psql(undefined, '-c', `DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
  };
  const found = await psql(
    undefined,
    '-At',
    '-c',
    `SELECT 1 FROM pg_namespace WHERE nspname = '${live.schema.replace(/'/g, "''")}'`,
  );
  // An app that never started on the server has no schema yet: the gate's app creates its copy.
  if (found.trim() !== '1') return { schema, drop };
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
