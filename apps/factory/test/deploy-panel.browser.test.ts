import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { Factory } from '../src/factory';
import { buildHttpServer } from '../src/http/http-server';
import type { StartupSummary } from '../src/startup-summary';
import { answer, deployableStartup, groupAlive } from './deployable-startup';
import { launchHeadlessChromium } from './headless-chromium';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI === 'true') {
  throw new Error(`${CHROMIUM} is missing: CI installs Debian's chromium for the dashboard test.`);
}
const TOKEN = 'deploy-panel-token-0123456789';

describe.skipIf(chromiumMissing)('dashboard deploy panel in a real browser', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'sf-chromium-'));
  let factory: Factory;
  let summary: StartupSummary;
  let cleanup: () => Promise<void>;
  let server: FastifyInstance;
  let browser: BrowserContext;
  let base: string;

  beforeAll(async () => {
    ({ factory, summary, cleanup } = await deployableStartup('Panel Deploy'));
    server = buildHttpServer(factory, { token: TOKEN });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchHeadlessChromium(CHROMIUM, profileDir);
    // The token the page asks for once and keeps for the tab.
    await browser.addInitScript((token) => {
      const storage = (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } })
        .sessionStorage;
      storage.setItem('factoryToken', token);
    }, TOKEN);
  }, scaled(300_000));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('deploys from the dashboard, shows the url that answers, and stops it', {
    timeout: scaled(300_000),
  }, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    const row = page.locator(`#deploy-table tr[data-deploy-slug="${summary.slug}"]`);
    await row
      .locator('[data-col=state]')
      .getByText('not deployed')
      .waitFor({ timeout: scaled(60_000) });
    expect(await row.locator('button[data-action=redeploy]').isDisabled()).toBe(true);

    await row.locator('button[data-action=deploy]').click();
    const link = row.locator('[data-col=url] a');
    await link.waitFor({ timeout: scaled(120_000) });
    const url = await link.getAttribute('href');
    expect(url).toBe(`http://127.0.0.1:${summary.ports[0]}`);
    expect(await row.locator('[data-col=state]').textContent()).toBe('running');
    expect(await row.locator('[data-col=port]').textContent()).toBe(`${summary.ports[1]} / 1`);

    const app = await browser.newPage();
    await app.goto(url!);
    expect(await app.locator('body').textContent()).toBe(`hello from ${summary.ports[1]}`);
    await app.close();

    const pid = (await factory.parts.deploys.status(summary.id)).pid!;
    await row.locator('button[data-action=stop]').click();
    await row
      .locator('[data-col=state]')
      .getByText('stopped')
      .waitFor({ timeout: scaled(60_000) });
    expect(groupAlive(pid)).toBe(false);
    expect(await answer(`${url}/`)).not.toMatch(/^200 hello/);
    expect(await row.locator('button[data-action=deploy]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
