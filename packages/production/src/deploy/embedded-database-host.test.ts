import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { EmbeddedDatabaseHost } from './embedded-database-host';

const require = createRequire(import.meta.url);
const pgliteDir = dirname(dirname(require.resolve('@electric-sql/pglite')));

/** A project folder with PGlite installed, as a generated web app has it. */
async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sf-host-'));
  await writeFile(join(dir, 'package.json'), '{"name":"app","dependencies":{"@electric-sql/pglite":"*"}}');
  await mkdir(join(dir, 'node_modules', '@electric-sql'), { recursive: true });
  await symlink(pgliteDir, join(dir, 'node_modules', '@electric-sql', 'pglite'));
  return dir;
}

describe('EmbeddedDatabaseHost', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('lets two pools of clients (old and new generation) share the app database, and keeps what they wrote', {
    timeout: scaled(180_000),
  }, async () => {
    const dir = await project();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    expect(EmbeddedDatabaseHost.canHost(dir)).toBe(true);
    const host = await EmbeddedDatabaseHost.start({ projectDir: dir, schema: 'startup_app' });
    let stopped = false;
    cleanups.push(() => (stopped ? Promise.resolve() : host.stop()));
    const blue = new pg.Pool({ connectionString: host.url, max: 5 });
    const green = new pg.Pool({ connectionString: host.url, max: 5 });
    await blue.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    // Transactions from both pools interleave without seeing each other's half-done work.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await (i % 2 ? blue : green).connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO notes (body) VALUES ($1)', [`note ${i}`]);
          if (i % 5 === 0) await client.query('ROLLBACK');
          else await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const counted = await green.query('SELECT count(*)::int AS n FROM notes');
    expect(counted.rows[0].n).toBe(16);
    const schema = await blue.query(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'notes'",
    );
    expect(schema.rows).toEqual([{ table_schema: 'startup_app' }]);
    await blue.end();
    await green.end();
    await host.stop();
    stopped = true;

    // The app, started on its own again, finds the rows in its data folder.
    const again = await EmbeddedDatabaseHost.start({ projectDir: dir, schema: 'startup_app' });
    cleanups.push(() => again.stop());
    const client = new pg.Client({ connectionString: again.url });
    await client.connect();
    expect((await client.query('SELECT count(*)::int AS n FROM notes')).rows[0].n).toBe(16);
    await client.end();
  });

  it('says a project without PGlite cannot be hosted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sf-host-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'package.json'), '{"name":"app"}');
    expect(EmbeddedDatabaseHost.canHost(dir)).toBe(false);
  });
});
