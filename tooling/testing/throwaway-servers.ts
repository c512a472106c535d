import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';

/**
 * PostgreSQL and Redis servers a test owns, on free loopback ports, so it can stop and restart
 * them mid-run (the shared servers of DATABASE_URL / REDIS_URL must never be killed). PostgreSQL
 * refuses to run as root, so as root its commands run as the `postgres` user.
 */

const PG_ROOT = '/usr/lib/postgresql';

function pgBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(PG_ROOT, version, 'bin');
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return null;
}

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * True when this machine cannot start its own servers, so the test can `describe.skipIf` it.
 * Under CI=true that is an error: .ci/run installs both.
 */
export function throwawayServersMissing(): boolean {
  const missing = [
    ...(pgBin() ? [] : ['PostgreSQL binaries']),
    ...(hasCommand('redis-server') ? [] : ['redis-server']),
  ];
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(`${missing.join(' and ')} missing under CI=true: .ci/run installs them.`);
  }
  return missing.length > 0;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ThrowawayServer {
  url: string;
  port: number;
  /** Kills the server (immediate shutdown: connections drop as in a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

/**
 * Starts a server by its `start` and `stop` commands and tracks whether it runs, so `destroy`
 * stops it only when it still runs, then removes its folder `dir`.
 */
async function throwawayServer(server: {
  url: string;
  port: number;
  dir: string;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}): Promise<ThrowawayServer> {
  await server.start();
  let running = true;
  return {
    url: server.url,
    port: server.port,
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop().catch(() => {});
      running = false;
      rmSync(server.dir, { recursive: true, force: true });
    },
  };
}

function asPostgresUser(command: string[]): void {
  const root = process.getuid?.() === 0;
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  if (root) execFileSync('su', ['-s', '/bin/sh', 'postgres', '-c', quoted], { stdio: 'pipe' });
  else execFileSync('sh', ['-c', quoted], { stdio: 'pipe' });
}

/** initdb + pg_ctl in a temporary folder; `url` points at its `postgres` database. */
export async function startThrowawayPostgres(): Promise<ThrowawayServer> {
  const bin = pgBin();
  if (!bin) throw new Error('No PostgreSQL binaries under /usr/lib/postgresql.');
  const dir = mkdtempSync(join(tmpdir(), 'sf-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  asPostgresUser([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=500`;
  const start = async () =>
    asPostgresUser([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-t',
      '120',
      '-o',
      options,
      'start',
    ]);
  const stop = async () =>
    asPostgresUser([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', '-t', '120', 'stop']);
  return throwawayServer({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, start, stop });
}

/** A redis-server without persistence; `start` after `stop` comes back empty. */
export async function startThrowawayRedis(): Promise<ThrowawayServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-redis-'));
  const port = await freePort();
  const pidfile = join(dir, 'redis.pid');
  const start = async () => {
    execFileSync('redis-server', [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidfile,
      '--logfile',
      join(dir, 'redis.log'),
      '--dir',
      dir,
    ]);
    await waitFor(() =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .includes('PONG'),
    );
  };
  const stop = async () => {
    spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping']).status !== 0);
  };
  return throwawayServer({ url: `redis://127.0.0.1:${port}`, port, dir, start, stop });
}

/** Polls `condition` until it holds; throws after `timeoutMs` (sized for a loaded machine). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(async () => {
    if (!(await condition())) throw new Error(`condition not met within ${timeoutMs} ms`);
  }, timeoutMs);
}
