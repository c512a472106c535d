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

const TEN_MINUTES = 600_000;

/**
 * Generates each web template with its sample spec, then does what a user would: install, test,
 * build, migrate a fresh database, start on the allocated port, call the health check and an
 * entity route. One template after the other; slow by nature.
 */
describe.skipIf(!hasServer('DATABASE_URL'))('generated web apps', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it.each(['reactnext', 'vuenuxt'])(
    '%s with hostile copy installs, tests, builds, starts on its port and serves health and an entity route',
    async (templateName) => {
      const ws: Workspace = await workspace();
      cleanups.push(ws.cleanup);
      const db: TestDatabase = await createTestDatabase();
      cleanups.push(db.drop);
      const port = await freePort();
      const alloc = allocation(port);
      const manager = new TemplateManager({ outputDir: ws.outputDir });
      // The sample spec with hostile text in every free-text field: the build must not care.
      const sample = JSON.parse(
        await readFile(join(SHIPPED_TEMPLATES, templateName, 'sample-spec.json'), 'utf8'),
      );
      const dir = await manager.createFromTemplate(
        templateName,
        config({ name: `Acme ${templateName}`, description: HOSTILE }),
        alloc,
        { spec: MvpSpec.parse(withHostileText(sample)), slots: hostileSlots },
      );

      const env: NodeJS.ProcessEnv = {
        ...process.env,
        CI: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
        NUXT_TELEMETRY_DISABLED: '1',
        npm_config_cache: process.env.SF_NPM_CACHE ?? join(ws.root, 'npm-cache'),
        DATABASE_URL: db.url,
      };
      // The app must find its port and schema in its own files, from the allocation.
      delete env.PORT;
      delete env.DB_SCHEMA;
      await runCommand('npm', ['install', '--no-audit', '--no-fund'], dir, env, 420_000);
      expect(await runCommand('npm', ['test'], dir, env, 120_000)).toMatch(/passed/);
      await runCommand('npm', ['run', 'build'], dir, env, 420_000);
      await runCommand('npm', ['run', 'migrate'], dir, env, 60_000);
      const tables = await db.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [alloc.databaseNamespace],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['customers', 'invoices', 'projects']);

      const app: RunningApp = startApp(dir, env);
      cleanups.push(app.stop);
      const base = `http://127.0.0.1:${port}`;
      const health = await waitForHttp(`${base}/api/health`, 90_000, app);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'up' });

      const created = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada "Quoted" Ltd', email: 'ada@example.com', active: true }),
      });
      expect(created.status).toBe(201);
      const row = (await created.json()) as { id: number; name: string };
      expect(row.name).toBe('Ada "Quoted" Ltd');
      const invalid = await fetch(`${base}/api/customers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'No email', active: true }),
      });
      expect(invalid.status).toBe(400);
      const list = await fetch(`${base}/api/customers`);
      expect(list.status).toBe(200);
      expect(((await list.json()) as { id: number }[]).map((r) => r.id)).toEqual([row.id]);
      const one = await fetch(`${base}/api/customers/${row.id}`);
      expect(await one.json()).toMatchObject({ id: row.id, email: 'ada@example.com', active: true });
      await app.stop();
    },
    TEN_MINUTES,
  );
});
