import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { EvolveFailedError, MvpSpec } from '@startup-factory/contracts';
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
import { openProjectApp, type ProjectApp } from '../../test/project-app';
import { hasServer } from '../../test/server-env';
import { serverProject } from '../../test/server-project';
import type { EvolveGate, ProjectEvolution } from './evolve-project';

const LONG = 300_000;

/**
 * The app's database on a PostgreSQL server (the factory's distributed mode): the gate must
 * migrate a copy of the live schema, never the live one, and drop the copy afterwards.
 */
describe.skipIf(!hasServer('DATABASE_URL'))('the evolve gate with the app on PostgreSQL', () => {
  const url = process.env.DATABASE_URL as string;
  const live = `evolve_live_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let ws: Workspace;
  let projectDir: string;
  let evolution: ProjectEvolution;
  let running: ProjectApp;
  let current: MvpSpec;
  const gateSchemas: string[] = [];
  const copied: { customers: string[]; tables: string[] }[] = [];

  /** The live schema as pg_dump writes it: definitions and every row, byte for byte. */
  const liveDump = async () => {
    const { hostname, port, username, pathname } = new URL(url);
    const { stdout } = await promisify(execFile)('pg_dump', [`--schema=${live}`, '--no-owner'], {
      env: {
        ...process.env,
        PGHOST: hostname,
        PGPORT: port,
        PGUSER: username,
        PGDATABASE: pathname.slice(1),
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    // pg_dump's \restrict line carries a fresh random key on every run.
    return stdout.replace(/^\\(un)?restrict .*$/gm, '');
  };
  const leftovers = async () =>
    (
      await admin.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'gate\\_%' AND nspname LIKE $1
         UNION ALL SELECT datname FROM pg_database WHERE datname LIKE 'gate\\_%\\_scratch' AND datname = ANY($2)`,
        [`%${live}`, gateSchemas.map((s) => s.replace(/_evolve_live_.*$/, '_scratch'))],
      )
    ).rows.map((r) => r.name);
  /** The test's gate: the app on the schema the engine hands over, remembering which. */
  const gate =
    (spec: MvpSpec, verdict: 'pass' | 'fail-after-migrating' = 'pass'): EvolveGate =>
    async (dir, database) => {
      const schema = database?.schema ?? live;
      gateSchemas.push(schema);
      const checked = await databaseGate(spec, { url, liveSchema: live })(dir, database);
      // What the gate's app found: the live rows, on the new schema.
      copied.push({
        customers: (await admin.query(`SELECT name FROM "${schema}".customers ORDER BY id`)).rows.map(
          (r) => r.name,
        ),
        tables: (
          await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [schema])
        ).rows.map((r) => r.tablename),
      });
      if (verdict === 'pass') return checked;
      return {
        ok: false,
        steps: [...checked.steps, { name: 'test', ok: false, detail: '1 test failed: pricing page' }],
      };
    };

  beforeAll(async () => {
    current = await sampleSpec();
    ({ ws, projectDir, evolution } = await serverProject(url, live, current));
    // The running app, on its live schema, with rows.
    running = await openProjectApp(projectDir, current, live, { APP_DATABASE_URL: url });
    await addFirstCustomer(running);
  }, LONG);
  afterAll(async () => {
    await running?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${live}" CASCADE`).catch(() => undefined);
    await admin.end();
    await ws?.cleanup();
  });

  it(
    'migrates a copy of the live schema with its rows, leaves the live one byte for byte, and drops the copy',
    async () => {
      const before = await liveDump();
      const next = withTasks(current);
      const outcome = await evolution.evolve({
        spec: next,
        currentSpec: current,
        gate: gate(MvpSpec.parse(next)),
        approved: true,
      });
      expect(outcome.status).toBe('evolved');
      current = MvpSpec.parse(next);
      const used = gateSchemas.at(-1) as string;
      expect(used).not.toBe(live);
      expect(used).toMatch(/^gate_/);
      expect(copied.at(-1)?.customers).toEqual(['Ada Corp']);
      expect(copied.at(-1)?.tables).toEqual(expect.arrayContaining(['customers', 'milestones']));
      if (outcome.status === 'evolved') expect(outcome.gate.find((s) => s.name === 'health')?.ok).toBe(true);
      // The live schema is migrated by the app itself on its next start, not by the gate.
      expect(await liveDump()).toBe(before);
      expect(await liveDump()).not.toMatch(/milestones/);
      expect(await leftovers()).toEqual([]);
      expect((await running.call('GET', 'customers')).body.items.map((c) => c.name)).toEqual(['Ada Corp']);
    },
    LONG,
  );

  it(
    'on a gate that fails after migrating its copy, the live schema, the tree and the running app are as before',
    async () => {
      const before = await liveDump();
      const tree = await treeHashes(projectDir);
      const next = withTier(current);
      const error = await evolution
        .evolve({
          spec: next,
          currentSpec: current,
          gate: gate(MvpSpec.parse(next), 'fail-after-migrating'),
          approved: true,
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(EvolveFailedError.isInstance(error), String(error)).toBe(true);
      expect((error as EvolveFailedError).step).toBe('test');
      expect(await liveDump()).toBe(before);
      expect(await treeHashes(projectDir)).toEqual(tree);
      expect(await leftovers()).toEqual([]);
      const writes = await running.call('POST', 'customers', {
        name: 'Bob',
        email: 'bob@example.com',
        active: true,
      });
      expect(writes.status, JSON.stringify(writes.body)).toBe(201);
    },
    LONG,
  );
});
