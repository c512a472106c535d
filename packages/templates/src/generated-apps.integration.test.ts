import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../test/fixtures';
import { freePort, type RunningApp, runCommand, startApp, waitForHttp } from '../test/generated-app';
import { HOSTILE, hostileSlots, withHostileText } from '../test/hostile';
import { createTestDatabase, type TestDatabase } from '../test/pg-database';
import { hasServer } from '../test/server-env';
import { TemplateManager } from './template-manager';

const FIFTEEN_MINUTES = 900_000;

/** npm registry answers that say "not yet" rather than "no": a version listed before it is served, a dropped connection. */
const TRANSIENT_REGISTRY = /ETARGET|ECONNRESET|ETIMEDOUT|EAI_AGAIN|E5\d\d/;

/**
 * `npm install` as a founder runs it, once more after a pause when the registry answered with a
 * transient error (seen in CI: a dependency naming a version published seconds earlier). Any other
 * failure, or a second transient one, fails the test.
 */
async function installWithRegistryRetry(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const install = () => runCommand('npm', ['install', '--no-audit', '--no-fund'], dir, env, 600_000);
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
        npm_config_cache: process.env.SF_NPM_CACHE ?? join(ws.root, 'npm-cache'),
        DATABASE_URL: 'postgres://factory-only@127.0.0.1:1/must_not_be_used',
      };
      await installWithRegistryRetry(dir, env);
      const build = await runCommand('npm', ['run', 'build'], dir, env, 600_000);
      expect(build).not.toMatch(/\bwarn(ing)?\b/i);
      const tests = await runCommand(
        'npm',
        ['test'],
        dir,
        { ...env, APP_TEST_DATABASE_URL: db.url },
        600_000,
      );
      expect(tests).toMatch(/the JSON API on the embedded database/);
      expect(tests).toMatch(/the JSON API on PostgreSQL/);
      expect(tests).not.toMatch(/skipped|skip/i);

      const base = `http://127.0.0.1:${port}`;
      const start = async (extra: NodeJS.ProcessEnv = {}) => {
        const app: RunningApp = startApp(dir, { ...env, ...extra });
        cleanups.push(app.stop);
        const health = await waitForHttp(`${base}/api/health`, 120_000, app);
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
      const seeded = (await (await fetch(`${base}/api/customers`)).json()) as Listed;
      expect(seeded.total).toBeGreaterThan(0);
      const created = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '  Ada "Quoted" Ltd ', email: 'ada@example.com', active: true }),
      });
      expect(created.status).toBe(201);
      const row = (await created.json()) as { id: number; name: string };
      expect(row.name).toBe('Ada "Quoted" Ltd');
      const blank = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '   ', email: 'x@example.com', active: true }),
      });
      expect(blank.status).toBe(400);
      const project = await fetch(`${base}/api/projects`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
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
      const related = (await (await fetch(`${base}/api/customers/${row.id}/related`)).json()) as {
        related: { entity: string; total: number }[];
      };
      expect(related.related.find((r) => r.entity === 'Project')?.total).toBe(1);
      expect((await fetch(`${base}/api/customers/${row.id}`, { method: 'DELETE' })).status).toBe(409);
      for (const page of [
        '/',
        '/dashboard',
        '/customers',
        `/customers/${row.id}`,
        '/customers/new',
        `/customers/${row.id}/edit`,
      ]) {
        const response = await fetch(`${base}${page}`);
        expect(response.status, page).toBe(200);
        expect(await response.text(), page).toMatch(/<html[^>]*lang="en"/);
      }
      await embedded.app.stop();

      // A restart keeps every row and applies no migration twice.
      const again = await start();
      expect(again.health).toMatchObject({ db: 'up', migrations: 1 });
      expect(((await (await fetch(`${base}/api/customers/${row.id}`)).json()) as { name: string }).name).toBe(
        'Ada "Quoted" Ltd',
      );
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
        ['app_meta', 'customers', 'invoices', 'projects', 'schema_migrations'].map(
          (t) => `${alloc.databaseNamespace}.${t}`,
        ),
      );
      const onPg = (await (await fetch(`${base}/api/invoices?limit=3`)).json()) as Listed;
      expect(onPg.total).toBeGreaterThan(0);
      await onPostgres.app.stop();
    },
    FIFTEEN_MINUTES,
  );
});
