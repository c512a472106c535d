import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../../tooling/testing/chromium';
import { addFirstCustomer, databaseGate, sampleSpec, withTasks } from '../../test/evolve-specs';
import { allocation, config, type Workspace, workspace } from '../../test/fixtures';
import { freePort, type RunningApp, runCommand, startApp, waitForHttp } from '../../test/generated-app';
import { openProjectApp } from '../../test/project-app';
import { TemplateManager } from '../template-manager';
import { ProjectEvolution } from './evolve-project';

const browserPath = chromiumPath('evolved app UI test');
const TWENTY_MINUTES = 1_200_000;
const STEP_MS = 60_000;

/**
 * The done-when check of the UI: a project evolved with a new entity (Milestone, referencing
 * Project) installs and builds, and in Chromium the new entity's list page renders and its create
 * form posts a record that the list and the API then show, next to the rows from before the evolve.
 */
describe.skipIf(!browserPath)('an evolved project in the browser', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(
    'lists the new entity and creates one through its form, with the earlier rows kept',
    async () => {
      const ws: Workspace = await workspace();
      cleanups.push(ws.cleanup);
      const port = await freePort();
      const manager = new TemplateManager({ outputDir: ws.outputDir, engine: 'builtin' });
      const sample = await sampleSpec();
      const projectDir = await manager.createFromTemplate('reactnext', config(), allocation(port), {
        spec: sample,
      });
      // A row from before the evolve, written by the app on its own database.
      const before = await openProjectApp(projectDir, sample);
      const customer = await addFirstCustomer(before);
      const project = await before.call('POST', 'projects', {
        title: 'Website',
        status: sample.entities[1]?.fields[2]?.enumValues?.[0],
        customer: customer.id,
      });
      expect(project.status, JSON.stringify(project.body)).toBe(201);
      await before.close();

      const next = MvpSpec.parse(withTasks(sample));
      const evolution = new ProjectEvolution({
        projectDir,
        render: (spec) => manager.renderFiles('reactnext', config(), allocation(port), { spec }),
        template: { name: 'reactnext', version: '0.0.0' },
      });
      const outcome = await evolution.evolve({
        spec: next,
        currentSpec: sample,
        gate: databaseGate(next),
        approved: true,
      });
      expect(outcome.status).toBe('evolved');

      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
        npm_config_cache: process.env.SF_NPM_CACHE ?? join(ws.root, 'npm-cache'),
      };
      await runCommand('npm', ['install', '--no-audit', '--no-fund'], projectDir, env, 900_000);
      await runCommand('npm', ['run', 'build'], projectDir, env, 900_000);
      const app: RunningApp = startApp(projectDir, { ...env, PORT: String(port) });
      cleanups.push(app.stop);
      const base = `http://127.0.0.1:${port}`;
      const health = await waitForHttp(`${base}/api/health`, 180_000, app);
      expect(health.status, app.output()).toBe(200);

      const browser: Browser = await chromium.launch({
        executablePath: browserPath as string,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      });
      cleanups.push(() => browser.close());
      const context = await browser.newContext();
      context.setDefaultTimeout(STEP_MS);
      const page: Page = await context.newPage();
      const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true });
      // The founder signs in (the account made before the evolve) through the form.
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill('founder@example.com');
      await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

      await page.goto(`${base}/milestones`);
      await heading('Milestones').waitFor();
      await page.goto(`${base}/milestones/new`);
      await page.getByLabel('Title', { exact: true }).fill('Launch day');
      await page.getByLabel('Project', { exact: true }).selectOption(String(project.body.id));
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(/\/milestones\/\d+$/);
      await heading('Launch day').waitFor();
      await page.goto(`${base}/milestones`);
      await page.getByText('Launch day', { exact: true }).first().waitFor();

      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const listed = (await (await fetch(`${base}/api/milestones`, { headers: { cookie } })).json()) as {
        items: { title: string; project: number }[];
      };
      expect(listed.items.map((m) => [m.title, m.project])).toEqual([['Launch day', project.body.id]]);
      const customers = (await (await fetch(`${base}/api/customers`, { headers: { cookie } })).json()) as {
        items: { name: string }[];
      };
      expect(customers.items.map((c) => c.name)).toEqual(['Ada Corp']);
    },
    TWENTY_MINUTES,
  );
});
