import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../tooling/testing/chromium';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { buildHttpServer } from '../src/http/http-server';
import { launchHeadlessChromium } from './headless-chromium';

const CHROMIUM = chromiumPath('dashboard browser test');
const ARTIFACTS = join(import.meta.dirname, '..', 'test-results');

describe.skipIf(CHROMIUM === null)('dashboard in a real browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-dashboard-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'sf-chromium-'));
  let factory: Factory;
  let server: FastifyInstance;
  let browser: BrowserContext;
  let base: string;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 26_000, end: 26_099 } },
      { env: {} },
    );
    server = buildHttpServer(factory);
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    // A fresh profile directory per run.
    browser = await launchHeadlessChromium(CHROMIUM as string, profileDir);
  }, scaled(180_000));

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return response.json() as Promise<{ id: string; slug: string }>;
  };

  it('shows a new startup and its phase changes live, without reloading', {
    timeout: scaled(90_000),
  }, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    await page.locator('#conn.live').waitFor({ timeout: scaled(60_000) });
    // A marker that a reload would wipe.
    await page.evaluate(() => {
      (globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    const created = await post('/api/startups', {
      name: 'Browser Bakery',
      industry: 'Food',
      category: 'Marketplace',
      approvalRequired: true,
    });
    const row = page.locator(`tr[data-slug="${created.slug}"]`);
    await row.waitFor({ timeout: scaled(60_000) });
    await expect
      .poll(() => row.getAttribute('data-status'), { timeout: scaled(120_000) })
      .toBe('awaiting_approval');
    const phaseBefore = await row.getAttribute('data-phase');
    expect(phaseBefore).not.toBe('done');
    await expect.poll(() => row.locator('[data-col=ports]').textContent()).toMatch(/^260\d\d/);

    // Approve at each gate until the pipeline finishes; the page follows without a reload.
    for (let gate = 0; gate < 5; gate++) {
      await post(`/api/startups/${created.id}/approve`, {});
      if ((await factory.waitFor(created.id)).status !== 'awaiting_approval') break;
    }
    await expect.poll(() => row.getAttribute('data-status'), { timeout: scaled(120_000) }).toBe('completed');
    await expect.poll(() => row.getAttribute('data-phase'), { timeout: scaled(60_000) }).toBe('done');
    await expect.poll(() => page.locator('#providers tbody tr').count()).toBeGreaterThan(0);

    expect(
      await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    await page.locator('#tab-analytics').click();
    await page
      .locator('#an-phases tr td')
      .first()
      .waitFor({ timeout: scaled(10_000) });
    await expect.poll(() => page.locator('#an-mvp').textContent()).toMatch(/^1 startups reached an MVP/);
    // Re-asks, fallbacks and the kept models per phase, and quality filled for the AI phases.
    const headers = await page.locator('#an-phases th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Re-asks', 'Fallbacks', 'Quality', 'Models']));
    const founderRow = page.locator('#an-phases tr', { hasText: 'founder_analysis' });
    const cells = await founderRow.locator('td').allTextContents();
    expect(Number(cells[headers.indexOf('Quality')])).toBeGreaterThan(0);
    expect(cells[headers.indexOf('Models')]).toMatch(/^offline\//);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-analytics.png'), fullPage: true });
    await page.locator('#tab-live').click();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for the API token when one is required, then shows the same data', {
    timeout: scaled(180_000),
  }, async () => {
    const token = 'dashboard-test-token-0123456789';
    const guarded = buildHttpServer(factory, { token });
    const guardedBase = await guarded.listen({ host: '127.0.0.1', port: 0 });
    try {
      expect((await fetch(`${guardedBase}/api/dashboard/state`)).status).toBe(401);
      expect((await fetch(`${guardedBase}/api/events`)).status).toBe(401);
      const page = await browser.newPage();
      await page.goto(`${guardedBase}/`);
      await page.locator('#token-form').waitFor({ state: 'visible', timeout: scaled(15_000) });
      await page.locator('#token').fill(token);
      await page.locator('#token-form button').click();
      await page.locator('#conn.live').waitFor({ timeout: scaled(60_000) });
      await page.locator('tr[data-slug="browser-bakery"]').waitFor({ timeout: scaled(60_000) });
      await page.close();
    } finally {
      await guarded.close();
    }
  });

  it('catches up on the events it missed while the host was down, without reloading', {
    timeout: scaled(90_000),
  }, async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.locator('#conn.live').waitFor({ timeout: scaled(60_000) });
    await page.evaluate(() => {
      (globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    const port = Number(new URL(base).port);
    await server.close();
    await page.locator('#conn:not(.live)').waitFor({ timeout: scaled(10_000) });
    // While the HTTP host is down the factory goes on and stores its events.
    const created = await factory.create({
      name: 'Restart Robotics',
      industry: 'Industry',
      category: 'SaaS',
      approvalRequired: true,
    });
    await factory.waitFor(created.id);
    server = buildHttpServer(factory);
    await server.listen({ host: '127.0.0.1', port });
    await page.locator('#conn.live').waitFor({ timeout: scaled(60_000) });
    // The event log only fills from the stream, and nothing happened after the restart: the
    // missed phases and the stop at the approval gate arrive as replayed history.
    await expect
      .poll(() => page.locator('#events').textContent(), { timeout: scaled(15_000) })
      .toMatch(
        /phase\.started\s*founder_analysis[\s\S]*awaiting_approval|awaiting_approval[\s\S]*founder_analysis/,
      );
    await page.locator(`tr[data-slug="${created.slug}"]`).waitFor({ timeout: scaled(60_000) });
    expect(
      await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    await page.close();
  });
});
