import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, MvpSpec } from '@startup-factory/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addFirstCustomer,
  databaseGate,
  sampleSpec,
  treeHashes,
  withTasks,
  withTier,
} from '../../test/evolve-specs';
import type { Workspace } from '../../test/fixtures';
import { openProjectApp, signIn } from '../../test/project-app';
import { hasServer } from '../../test/server-env';
import { serverProject } from '../../test/server-project';
import type { ProjectEvolution } from './evolve-project';
import { GitRepository } from './git-repository';
import { rollbackProject } from './rollback-project';

const LONG = 300_000;

/**
 * `factory rollback` with the app's database on a PostgreSQL server (distributed mode): the schema
 * a later generation migrated goes back to the one kept when the generation was replaced, rows and all.
 */
describe.skipIf(!hasServer('DATABASE_URL'))('a rollback with the app on PostgreSQL', () => {
  const url = process.env.DATABASE_URL as string;
  const live = `rollback_live_${randomBytes(3).toString('hex')}`;
  const database = { url, schema: live };
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let ws: Workspace;
  let projectDir: string;
  let evolution: ProjectEvolution;
  let first: MvpSpec;

  const tables = async () =>
    (
      await admin.query<{ name: string }>(
        'SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY 1',
        [live],
      )
    ).rows.map((r) => r.name);
  const customerColumns = async () =>
    (
      await admin.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'customers' ORDER BY 1`,
        [live],
      )
    ).rows.map((r) => r.name);
  /** The app of `spec` on the live schema, as a (re)deploy starts it: it applies its migrations. */
  const startLive = (spec: MvpSpec) => openProjectApp(projectDir, spec, live, { APP_DATABASE_URL: url });

  beforeAll(async () => {
    first = await sampleSpec();
    ({ ws, projectDir, evolution } = await serverProject(url, live, first));
    const app = await startLive(first);
    await addFirstCustomer(app);
    await app.close();
  }, LONG);
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${live}" CASCADE`).catch(() => undefined);
    await admin.end();
    await ws?.cleanup();
  });

  it(
    'returns the schema a later generation migrated (a new table and column) and its rows to generation 1',
    async () => {
      const before = { tables: await tables(), columns: await customerColumns() };
      const next = MvpSpec.parse(withTier(withTasks(first)));
      const outcome = await evolution.evolve({
        spec: next,
        currentSpec: first,
        gate: databaseGate(next, { url, liveSchema: live }),
        approved: true,
      });
      expect(outcome.status).toBe('evolved');
      // Generation 2 deployed: its app migrates the live schema and writes to the new column.
      const evolved = await startLive(next);
      await signIn(evolved);
      const bob = { name: 'Bob', email: 'bob@example.com', active: true, tier: 'pro' };
      expect((await evolved.call('POST', 'customers', bob)).status).toBe(201);
      await evolved.close();
      expect(await tables()).toContain('milestones');
      expect(await customerColumns()).toContain('tier');

      const result = await rollbackProject(projectDir, 1, { database });
      expect(result.generation).toMatchObject({ generation: 3, kind: 'rollback', specVersion: 1 });
      expect(result.databaseRestored).toBe(true);
      expect({ tables: await tables(), columns: await customerColumns() }).toEqual(before);
      // What generation 2 wrote is kept beside the project, not lost.
      expect(await readFile(result.databaseKeptAt as string, 'utf8')).toMatch(/Bob/);
      const back = await startLive((await evolution.currentSpec()) as MvpSpec);
      await signIn(back);
      const customers = (await back.call('GET', 'customers')).body.items;
      await back.close();
      expect(customers.map((c) => c.name)).toEqual(['Ada Corp']);
      expect(customers[0]).not.toHaveProperty('tier');
    },
    LONG,
  );

  it(
    "refuses, changing nothing, when the generation's schema was not kept and a migration came after it",
    async () => {
      // As for a generation replaced by a factory that kept no dump of the server schema.
      await rm(join(projectDir, '.git', 'factory', 'snapshots', 'generation-1', 'server-schema.sql'), {
        force: true,
      });
      const git = new GitRepository(projectDir);
      const head = await git.revParse('HEAD');
      const tree = await treeHashes(projectDir);
      const schema = { tables: await tables(), columns: await customerColumns() };
      const error = await rollbackProject(projectDir, 1, { database }).catch((e: unknown) => e);
      expect(ConflictError.isInstance(error), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/002_generation_2\.sql.*nothing was changed/);
      expect(await git.revParse('HEAD')).toBe(head);
      expect(await treeHashes(projectDir)).toEqual(tree);
      expect({ tables: await tables(), columns: await customerColumns() }).toEqual(schema);
      expect((await evolution.history()).map((g) => g.generation)).toEqual([1, 2, 3]);
    },
    LONG,
  );
});
