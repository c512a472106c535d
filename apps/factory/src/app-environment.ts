import type { AppProcessPurpose, ResourceAllocation } from '@startup-factory/contracts';

/**
 * Names of the factory's environment a generated app inherits: what npm, pnpm, Node and the
 * frameworks need to find programs, caches, locale and the network (proxies, CA files). Nothing
 * else: not the factory's DATABASE_URL, REDIS_URL, provider keys, FACTORY_* settings or tokens.
 */
const INHERITED = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'CI',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_RUNTIME_DIR',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  // Windows needs these to run anything at all.
  'SystemRoot',
  'ComSpec',
  'PATHEXT',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
]);
/** Registry, proxy and cache settings of npm and pnpm; the invoking package manager's own marker is not. */
const INHERITED_PREFIXES = ['LC_', 'npm_config_', 'pnpm_config_'];
const NOT_INHERITED = new Set(['npm_config_user_agent']);
/** Even an allowed prefix never carries credentials (an `npm_config_//registry/:_authToken`, say). */
const SECRET = /auth|token|secret|password|passwd|credential|key/i;

export interface AppEnvironmentOptions {
  /** The factory's own environment; only the names above pass. */
  parent: NodeJS.ProcessEnv;
  allocation: Pick<ResourceAllocation, 'databaseNamespace'>;
  port: number;
  purpose: AppProcessPurpose;
  /**
   * The factory's PostgreSQL in distributed mode: the running app keeps its tables in its
   * allocated schema there. Unset (embedded mode), the app uses its own PGlite in `<project>/.data`.
   */
  databaseUrl?: string | undefined;
}

/**
 * The whole environment of one process of a generated app (install, build, its tests, the running
 * app). The app's settings are its own `APP_*` names, so it never reads the factory's database:
 * APP_DB_SCHEMA is always the allocated schema; APP_DATABASE_URL is set only for the running app
 * in distributed mode, so installs, builds and the app's own tests stay on its embedded database.
 */
export function appEnvironment(options: AppEnvironmentOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.parent)) {
    if (value === undefined || NOT_INHERITED.has(name)) continue;
    const allowed = INHERITED.has(name) || INHERITED_PREFIXES.some((p) => name.startsWith(p));
    if (allowed && !(SECRET.test(name) && !INHERITED.has(name))) env[name] = value;
  }
  env.PORT = String(options.port);
  env.APP_DB_SCHEMA = options.allocation.databaseNamespace;
  if (options.databaseUrl && options.purpose === 'start') env.APP_DATABASE_URL = options.databaseUrl;
  // The factory's own runs of an app never phone home (the machine may reach only a registry).
  env.NEXT_TELEMETRY_DISABLED = '1';
  env.NUXT_TELEMETRY_DISABLED = '1';
  return env;
}
