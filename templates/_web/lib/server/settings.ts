import { isAbsolute, join } from 'node:path';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The app's own settings. They are named APP_* so they never mix with a host's DATABASE_URL. */
export interface AppSettings {
  /** PostgreSQL URL; undefined means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  schema: string;
  dataDir: string;
  sampleData: boolean;
  /** APP_URL: the app's public address (reset and invite links, the allowed Origin); unset in development. */
  appUrl: string | undefined;
  /** APP_SMTP_URL: where password-reset mail goes; unset prints it to the log instead. */
  smtpUrl: string | undefined;
  /** APP_MAIL_FROM: the sender of that mail. */
  mailFrom: string;
  /** The project folder: migrations and sample data are read from `db/` in it. */
  root: string;
}

/** Invalid settings stop the app with a message that says what to change. */
export class SettingsError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env, defaultSchema = 'public'): AppSettings {
  const root = env.APP_ROOT ?? process.cwd();
  const schema = env.APP_DB_SCHEMA?.trim() || defaultSchema;
  if (!SCHEMA.test(schema)) {
    throw new SettingsError(
      `APP_DB_SCHEMA=${JSON.stringify(schema)} is not a schema name: use lowercase letters, digits and _ (at most 63).`,
    );
  }
  const dataDir = env.APP_DATA_DIR?.trim() || '.data';
  const databaseUrl = env.APP_DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new SettingsError('APP_DATABASE_URL must start with postgres:// or postgresql://; unset it to use the embedded database.');
  }
  const appUrl = env.APP_URL?.trim() || undefined;
  if (appUrl && !/^https?:\/\/[^/\s]+\/?$/.test(appUrl)) {
    throw new SettingsError('APP_URL must be the origin the app is reached at, such as https://app.example.com (no path).');
  }
  const smtpUrl = env.APP_SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new SettingsError('APP_SMTP_URL must start with smtp:// or smtps://; unset it to print reset links to the log.');
  }
  if (smtpUrl && !appUrl) {
    throw new SettingsError('APP_SMTP_URL is set, so set APP_URL too: mailed links must point at the public address, not at whatever Host a request named.');
  }
  return {
    databaseUrl,
    appUrl,
    smtpUrl,
    mailFrom: env.APP_MAIL_FROM?.trim() || `no-reply@${appUrl ? new URL(appUrl).hostname : 'localhost'}`,
    schema,
    // The data folder is chosen at run time; the bundler must not trace the project through it.
    dataDir: isAbsolute(dataDir) ? dataDir : join(/*turbopackIgnore: true*/ root, dataDir),
    sampleData: !['off', 'false', '0', 'no'].includes((env.APP_SAMPLE_DATA ?? 'on').toLowerCase()),
    root,
  };
}

/** A database URL with its password replaced, fit for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured database';
  }
}
