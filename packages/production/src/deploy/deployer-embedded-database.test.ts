import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { freePorts, get, startupOn } from '../../test/deploy-fixture';
import { Deployer } from './deployer';
import { EmbeddedDatabaseHost } from './embedded-database-host';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The db-app fixture with PGlite and pg installed, as a generated app has them. */
function dbAppCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deploy-db-'));
  cpSync(fileURLToPath(new URL('../../test/fixtures/db-app', import.meta.url)), dir, { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@electric-sql'), { recursive: true });
  symlinkSync(
    dirname(dirname(require.resolve('@electric-sql/pglite'))),
    join(dir, 'node_modules', '@electric-sql', 'pglite'),
  );
  symlinkSync(packageDir('pg'), join(dir, 'node_modules', 'pg'));
  return dir;
}

describe('Deployer on an app with an embedded database', () => {
  let deployer: Deployer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await deployer?.close();
    deployer = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('serves one database to both generations during a redeploy, and leaves the rows in the app folder', {
    timeout: scaled(240_000),
  }, async () => {
    const dir = dbAppCopy();
    dirs.push(dir);
    const ports = await freePorts(3);
    deployer = new Deployer({
      store: new InMemoryStateStore(),
      healthTimeoutMs: 60_000,
      drainTimeoutMs: 5_000,
      stopTimeoutMs: 5_000,
      environment: (allocation) => ({
        PATH: process.env.PATH ?? '',
        APP_DB_SCHEMA: allocation.databaseNamespace,
      }),
    });
    const startup = startupOn(ports);
    const { url } = await deployer.deploy(startup, dir);
    const before = await get(`${url}/visit`);
    expect(before.body).toBe(`${ports[1]} 1`);
    // Both generations run at once for a moment; each write lands in the same database.
    await deployer.redeploy(startup.id);
    const after = await get(`${url}/visit`);
    expect(after.body).toBe(`${ports[2]} 2`);
    await deployer.stop(startup.id);
    deployer = undefined;

    const host = await EmbeddedDatabaseHost.start({ projectDir: dir, schema: 'startup_test' });
    const client = new pg.Client({ connectionString: host.url });
    await client.connect();
    const { rows } = await client.query('SELECT port FROM startup_test.visits WHERE port > 0 ORDER BY id');
    expect(rows.map((r) => r.port)).toEqual([ports[1], ports[2]]);
    await client.end();
    await host.stop();
  });
});
