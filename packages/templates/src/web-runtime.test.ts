import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityDef } from '../../../templates/_web/lib/entity-types';
import { createApiHandler } from '../../../templates/_web/lib/server/api-handler';
import { workspaceRecords } from '../../../templates/_web/lib/server/records';
import { startApp } from '../../../templates/_web/lib/server/start-app';
import { apiSuite } from '../../../templates/_web/test/api-suite';
import { authSuite } from '../../../templates/_web/test/auth-suite';
import { tenancySuite } from '../../../templates/_web/test/tenancy-suite';
import { SHIPPED_TEMPLATES } from '../test/fixtures';
import { TEST_SLOTS } from '../test/project-app';
import { hasServer } from '../test/server-env';
import { entityDefinitions } from './generators/entity-definitions';
import { SAMPLES_PER_ENTITY, sampleData } from './generators/sample-data';
import { sqlMigration } from './generators/sql-migration';

/**
 * The shared web runtime exactly as a generated project runs it (the same suite is the project's own
 * `npm test`), on the sample spec's migration, against PGlite and, when DATABASE_URL is set, PostgreSQL.
 */
const spec = MvpSpec.parse(
  JSON.parse(readFileSync(join(SHIPPED_TEMPLATES, 'reactnext', 'sample-spec.json'), 'utf8')),
);
const entities = Object.values(entityDefinitions(spec, TEST_SLOTS)) as EntityDef[];
const root = await mkdtemp(join(tmpdir(), 'sf-web-runtime-'));

beforeAll(async () => {
  await mkdir(join(root, 'db', 'migrations'), { recursive: true });
  await writeFile(join(root, 'db', 'migrations', '001_init.sql'), sqlMigration(spec));
  await writeFile(join(root, 'db', 'sample-data.json'), JSON.stringify(sampleData(spec)));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const suites = (name: string, options: Parameters<typeof apiSuite>[1]) => {
  apiSuite(name, options);
  authSuite(name, { ...options, schema: options.schema && `${options.schema}_auth` });
  tenancySuite(name, { ...options, schema: options.schema && `${options.schema}_tenancy` });
};

suites('PGlite', { entities, defaultSchema: 'startup_sample', root });
// Skipped (and counted as skipped) without a server, rather than left out of the report.
describe.skipIf(!hasServer('DATABASE_URL'))('with a PostgreSQL server', () => {
  suites('PostgreSQL', {
    entities,
    defaultSchema: 'startup_sample',
    root,
    databaseUrl: process.env.DATABASE_URL,
    schema: `app_runtime_${process.pid}`,
  });
});

describe('sample data', () => {
  const startOn = (dataDir: string, sample: 'on' | 'off') =>
    startApp({
      entities,
      defaultSchema: 'startup_sample',
      env: { APP_ROOT: root, APP_DATA_DIR: dataDir, APP_SAMPLE_DATA: sample },
    });
  const demoWorkspace = async (context: Awaited<ReturnType<typeof startApp>>) => {
    const { rows } = await context.db.query<{ id: number }>(
      "SELECT id FROM app_workspaces WHERE name = 'Demo workspace'",
    );
    return rows[0] ? workspaceRecords(context.db, Number(rows[0].id), entities) : undefined;
  };
  const counts = async (context: Awaited<ReturnType<typeof startApp>>) => {
    const records = await demoWorkspace(context);
    return Promise.all(entities.map(async (e) => (records ? (await records.list(e, {})).total : 0)));
  };

  it('seeds every entity once on first start into a demo workspace, with a demo login printed once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sf-seed-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const first = await startOn(dataDir, 'on');
      expect(await counts(first)).toEqual(entities.map(() => SAMPLES_PER_ENTITY));
      const records = (await demoWorkspace(first)) as NonNullable<Awaited<ReturnType<typeof demoWorkspace>>>;
      const invoices = await records.list(entities[2] as EntityDef, { limit: 100 });
      expect(invoices.items.every((r) => typeof r.project === 'number' && r._labels.project)).toBe(true);
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      const login = /demo login: (\S+) \/ (\S+)/.exec(printed);
      expect(login?.[1]).toBe('demo@example.com');
      const password = login?.[2] as string;
      expect(password.length).toBeGreaterThanOrEqual(16);
      // A founder who empties a table does not get the samples back on the next start.
      await first.db.query('DELETE FROM invoices');
      await first.db.close();
      log.mockClear();
      const second = await startOn(dataDir, 'on');
      expect(await counts(second)).toEqual([SAMPLES_PER_ENTITY, SAMPLES_PER_ENTITY, 0]);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).not.toContain('demo login');
      await second.db.close();

      // The printed password signs in to the demo workspace; a new account sees none of its records.
      const again = await startOn(dataDir, 'off');
      const handler = createApiHandler(async () => again);
      const post = (path: string, body: unknown, cookie?: string) =>
        handler(
          new Request(`http://app.test/api/${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
          path.split('/'),
        );
      const signedIn = await post('auth/sign-in', { email: 'demo@example.com', password });
      expect(signedIn.status).toBe(200);
      const demoCookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
      const projects = (await (await post('projects', undefined, demoCookie)).json()) as { total: number };
      expect(projects.total).toBe(SAMPLES_PER_ENTITY);
      const fresh = await post('auth/sign-up', { email: 'new@example.com', password: 'a long password' });
      const freshCookie = (fresh.headers.get('set-cookie') ?? '').split(';')[0];
      expect(
        ((await (await post('projects', undefined, freshCookie)).json()) as { total: number }).total,
      ).toBe(0);
      await again.db.close();
    } finally {
      log.mockRestore();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('is left out with APP_SAMPLE_DATA=off, and no demo account is made', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sf-seed-'));
    try {
      const context = await startOn(dataDir, 'off');
      expect(await counts(context)).toEqual(entities.map(() => 0));
      expect((await context.db.query('SELECT 1 FROM app_users')).rows).toEqual([]);
      await context.db.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
