import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../test/fixtures';
import { freePort, type RunningApp, runCommand, startApp, waitForHttp } from '../test/generated-app';
import { HOSTILE, hostileSlots, withHostileText } from '../test/hostile';
import { createTestDatabase, type TestDatabase } from '../test/pg-database';
import { hasServer } from '../test/server-env';
import { TemplateManager } from './template-manager';

const FIFTEEN_MINUTES = 900_000;

/**
 * npm's cache, shared by both templates and kept between runs (as a founder's machine keeps
 * ~/.npm): each run downloaded every package of Next and Nuxt again into a fresh cache before.
 * The install itself still runs in full in each project; `SF_NPM_CACHE` points elsewhere.
 */
const NPM_CACHE = process.env.SF_NPM_CACHE ?? join(tmpdir(), 'sf-test-npm-cache');

/** Runs one step of the founder's path, printing how long it took, so a slow run says where its time went. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    console.info(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** npm registry answers that say "not yet" rather than "no": a version listed before it is served, a dropped connection. */
const TRANSIENT_REGISTRY = /ETARGET|ECONNRESET|ETIMEDOUT|EAI_AGAIN|E5\d\d/;

/**
 * `npm install` as a founder runs it, once more after a pause when the registry answered with a
 * transient error (seen in CI: a dependency naming a version published seconds earlier). Any other
 * failure, or a second transient one, fails the test.
 */
async function installWithRegistryRetry(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const install = () =>
    runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir, env, scaled(600_000));
  try {
    await install();
  } catch (error) {
    if (!TRANSIENT_REGISTRY.test(String(error))) throw error;
    console.warn(
      `npm install hit a transient registry error; trying once more: ${String(error).slice(0, 300)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    await install();
  }
}

/** The demo login the app prints once on a first start with sample data. */
function demoLogin(output: string): { email: string; password: string } {
  const match = /demo login: (\S+) \/ (\S+)/.exec(output);
  if (!match) throw new Error(`the app printed no demo login:\n${output}`);
  return { email: match[1] as string, password: match[2] as string };
}

/** Signs up or in through the API; the session cookie to send with later calls. */
async function session(base: string, route: 'sign-up' | 'sign-in', body: object): Promise<string> {
  const response = await fetch(`${base}/api/auth/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(route === 'sign-up' ? 201 : 200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

interface Listed {
  items: { id: number; name: string; _title: string }[];
  total: number;
}

/**
 * Generates each web template with its sample spec, then does what a founder would: install, build,
 * run the project's own tests (API on its embedded database and on PostgreSQL, a browser
 * click-through), start it with no database settings at all and use it, restart it, then start it
 * on PostgreSQL in its allocated schema. One template after the other; slow by nature.
 */
describe.skipIf(!hasServer('DATABASE_URL'))('generated web apps', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it.each(['reactnext', 'vuenuxt'])(
    '%s with hostile copy installs, builds, passes its own tests and serves its data on PGlite and PostgreSQL',
    { timeout: scaled(FIFTEEN_MINUTES) },
    async (templateName) => {
      const ws: Workspace = await workspace();
      cleanups.push(ws.cleanup);
      const db: TestDatabase = await createTestDatabase();
      cleanups.push(db.drop);
      const port = await freePort();
      const alloc = allocation(port);
      const manager = new TemplateManager({ outputDir: ws.outputDir });
      const sample = JSON.parse(
        await readFile(join(SHIPPED_TEMPLATES, templateName, 'sample-spec.json'), 'utf8'),
      );
      const dir = await manager.createFromTemplate(
        templateName,
        config({ name: `Acme ${templateName}`, description: HOSTILE }),
        alloc,
        { spec: MvpSpec.parse(withHostileText(sample)), slots: hostileSlots },
      );

      // The app's settings only: nothing of the factory's own (DATABASE_URL) may steer it.
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
        NUXT_TELEMETRY_DISABLED: '1',
        npm_config_cache: NPM_CACHE,
        DATABASE_URL: 'postgres://factory-only@127.0.0.1:1/must_not_be_used',
      };
      await timed(`${templateName} npm install`, () => installWithRegistryRetry(dir, env));
      const build = await timed(`${templateName} npm run build`, () =>
        runCommand('npm', ['run', 'build'], dir, env, scaled(600_000)),
      );
      expect(build).not.toMatch(/\bwarn(ing)?\b/i);
      const tests = await timed(`${templateName} npm test`, () =>
        runCommand('npm', ['test'], dir, { ...env, APP_TEST_DATABASE_URL: db.url }, scaled(600_000)),
      );
      expect(tests).toMatch(/the JSON API on the embedded database/);
      expect(tests).toMatch(/the JSON API on PostgreSQL/);
      expect(tests).not.toMatch(/skipped|skip/i);

      const base = `http://127.0.0.1:${port}`;
      const start = async (extra: NodeJS.ProcessEnv = {}) => {
        const app: RunningApp = startApp(dir, { ...env, ...extra });
        cleanups.push(app.stop);
        const health = await timed(`${templateName} npm start until healthy`, () =>
          waitForHttp(`${base}/api/health`, scaled(120_000), app),
        );
        expect(health.status, app.output()).toBe(200);
        return { app, health: (await health.json()) as Record<string, unknown> };
      };

      // No database settings at all: its own PGlite in .data/, migrated and seeded on first start.
      const embedded = await start();
      expect(embedded.health).toMatchObject({
        status: 'ok',
        db: 'up',
        backend: 'pglite',
        schema: alloc.databaseNamespace,
      });
      // A visitor reaches no data; the sample data is in the demo workspace, behind the printed login.
      expect((await fetch(`${base}/api/customers`)).status).toBe(401);
      const demo = await session(base, 'sign-in', demoLogin(embedded.app.output()));
      const seeded = (await (
        await fetch(`${base}/api/customers`, { headers: { cookie: demo } })
      ).json()) as Listed;
      expect(seeded.total).toBeGreaterThan(0);
      // A founder's own account starts with an empty workspace of its own.
      const founder = await session(base, 'sign-up', {
        email: 'founder@example.com',
        password: 'founder password',
      });
      const headers = { 'content-type': 'application/json', cookie: founder };
      const mine = (await (await fetch(`${base}/api/customers`, { headers })).json()) as Listed;
      expect(mine.total).toBe(0);
      const created = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: '  Ada "Quoted" Ltd ', email: 'ada@example.com', active: true }),
      });
      expect(created.status).toBe(201);
      const row = (await created.json()) as { id: number; name: string };
      expect(row.name).toBe('Ada "Quoted" Ltd');
      const blank = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: '   ', email: 'x@example.com', active: true }),
      });
      expect(blank.status).toBe(400);
      const project = await fetch(`${base}/api/projects`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: 'Rebrand',
          status: 'planned',
          startDate: '2026-03-01',
          customer: row.id,
        }),
      });
      expect(project.status).toBe(201);
      expect(await project.json()).toMatchObject({
        startDate: '2026-03-01',
        _labels: { customer: 'Ada "Quoted" Ltd' },
      });
      const related = (await (
        await fetch(`${base}/api/customers/${row.id}/related`, { headers })
      ).json()) as {
        related: { entity: string; total: number }[];
      };
      expect(related.related.find((r) => r.entity === 'Project')?.total).toBe(1);
      expect((await fetch(`${base}/api/customers/${row.id}`, { method: 'DELETE', headers })).status).toBe(
        409,
      );
      // The demo workspace cannot see the founder's record, nor the founder the demo's.
      expect((await fetch(`${base}/api/customers/${row.id}`, { headers: { cookie: demo } })).status).toBe(
        404,
      );
      expect((await fetch(`${base}/api/customers/${seeded.items[0]?.id}`, { headers })).status).toBe(404);
      for (const page of [
        '/',
        '/dashboard',
        '/customers',
        `/customers/${row.id}`,
        '/customers/new',
        `/customers/${row.id}/edit`,
      ]) {
        const response = await fetch(`${base}${page}`, { headers: { cookie: founder } });
        expect(response.status, page).toBe(200);
        expect(await response.text(), page).toMatch(/<html[^>]*lang="en"/);
        if (page === '/') continue;
        const visitor = await fetch(`${base}${page}`, { redirect: 'manual' });
        expect([302, 303, 307], page).toContain(visitor.status);
        expect(visitor.headers.get('location'), page).toMatch(/\/sign-in\?next=/);
      }
      await embedded.app.stop();

      // A restart keeps every row and applies no migration twice.
      const again = await start();
      expect(again.health).toMatchObject({ db: 'up', migrations: 1 });
      // The session is kept in the database: the same cookie still works after the restart.
      expect(
        ((await (await fetch(`${base}/api/customers/${row.id}`, { headers })).json()) as { name: string })
          .name,
      ).toBe('Ada "Quoted" Ltd');
      await again.app.stop();

      // On PostgreSQL: migrations run at start into the allocated schema, and nowhere else.
      const onPostgres = await start({ APP_DATABASE_URL: db.url });
      expect(onPostgres.health).toMatchObject({
        db: 'up',
        backend: 'postgres',
        schema: alloc.databaseNamespace,
      });
      const tables = await db.query(
        'SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ($1, $2) ORDER BY 1, 2',
        ['pg_catalog', 'information_schema'],
      );
      expect(tables.rows.map((r) => `${r.table_schema}.${r.table_name}`)).toEqual(
        [
          'app_invites',
          'app_memberships',
          'app_meta',
          'app_password_resets',
          'app_sessions',
          'app_sign_in_failures',
          'app_users',
          'app_workspaces',
          'customers',
          'invoices',
          'projects',
          'schema_migrations',
        ].map((t) => `${alloc.databaseNamespace}.${t}`),
      );
      const pgDemo = await session(base, 'sign-in', demoLogin(onPostgres.app.output()));
      const onPg = (await (
        await fetch(`${base}/api/invoices?limit=3`, { headers: { cookie: pgDemo } })
      ).json()) as Listed;
      expect(onPg.total).toBeGreaterThan(0);
      await onPostgres.app.stop();
    },
  );
});
