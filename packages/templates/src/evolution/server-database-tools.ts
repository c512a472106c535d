import { execFile } from 'node:child_process';
import { EvolveFailedError } from '@startup-factory/contracts';

/** A generated app's database on a PostgreSQL server: its tables live in `schema` of `url`'s database. */
export interface ServerDatabase {
  url: string;
  schema: string;
}

/** What the PostgreSQL client tools are run for, so a failure says what stayed as it was. */
export interface ToolPurpose {
  /** The EvolveFailedError step a failure is reported as. */
  step: string;
  /** What the tools do, as the start of a sentence: "Copying the app's database for the gate". */
  doing: string;
  /** What a failure leaves, as a clause: "nothing was changed". */
  leaves: string;
  /** Appended to a failure's message: the likely cause. */
  hint?: string;
}

/** `psql` and `pg_dump` against one server database, each failing with EvolveFailedError. */
export interface PostgresTools {
  /** psql with ON_ERROR_STOP on `database` (default: the URL's). */
  psql(database: string | undefined, ...args: string[]): Promise<string>;
  /** pg_dump of one schema (definitions and rows) of `database` into `file`. */
  dump(database: string | undefined, schema: string, file: string): Promise<void>;
  /** Whether the URL's database has `schema`. */
  hasSchema(schema: string): Promise<boolean>;
}

/** A SQL identifier, quoted. */
export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

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

function runTool(
  command: string,
  args: string[],
  env: Record<string, string>,
  purpose: ToolPurpose,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        const hint = purpose.hint ? ` (${purpose.hint})` : '';
        reject(
          new EvolveFailedError({
            step: purpose.step,
            log: stderr.trim(),
            message: missing
              ? `${purpose.doing} needs ${command}, which is not on PATH, so ${purpose.leaves}: install the PostgreSQL client tools (postgresql-client, the server's major version or newer).`
              : `${purpose.doing} failed at ${command}, so ${purpose.leaves}: ${stderr.trim().split('\n').slice(-3).join(' ')}${hint}.`,
          }),
        );
      },
    );
  });
}

/** The client tools for `url`'s server; the password travels in PGPASSWORD, never in arguments. */
export function postgresTools(url: string, purpose: ToolPurpose): PostgresTools {
  const env = libpqEnv(url);
  const on = (database: string | undefined) => ({ ...env, ...(database ? { PGDATABASE: database } : {}) });
  const psql = (database: string | undefined, ...args: string[]) =>
    runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], on(database), purpose);
  return {
    psql,
    dump: async (database, schema, file) => {
      const args = [`--schema=${quoteIdentifier(schema)}`, '--no-owner', '--no-privileges', `--file=${file}`];
      await runTool('pg_dump', args, on(database), purpose);
    },
    hasSchema: async (schema) => {
      const literal = schema.replace(/'/g, "''");
      const found = await psql(
        undefined,
        '-At',
        '-c',
        `SELECT 1 FROM pg_namespace WHERE nspname = '${literal}'`,
      );
      return found.trim() === '1';
    },
  };
}
