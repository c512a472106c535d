import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passingReport, validatorAnswering } from '@startup-factory/contracts/testing';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../tooling/testing/chromium';
import { createFactory } from '../src/create-factory';
import { Factory } from '../src/factory';
import { buildHttpServer } from '../src/http/http-server';
import { launchHeadlessChromium } from './headless-chromium';

const CHROMIUM = chromiumPath('dashboard evolve panel test');

describe.skipIf(CHROMIUM === null)('dashboard evolve panel in a real browser (fake validator gate)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-evolve-panel-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'sf-chromium-'));
  let factory: Factory;
  let server: FastifyInstance;
  let browser: BrowserContext;
  let base: string;
  let slug: string;
  let projectDir: string;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 26_200, end: 26_299 } },
      { env: {} },
    );
    const made = await factory.waitFor(
      (await factory.create({ name: 'Harbor Desk', industry: 'Logistics', category: 'B2B SaaS' })).id,
    );
    slug = made.slug;
    projectDir = made.projectDir as string;
    // The gate passes without a real install and build (minutes on this machine).
    server = buildHttpServer(new Factory({ ...factory.parts, validator: validatorAnswering(passingReport) }));
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchHeadlessChromium(CHROMIUM as string, profileDir);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  const plan = async (page: Page, change: string) => {
    await page.locator('#evolve-change').fill(change);
    await page.locator('#evolve-form button').click();
    await page.locator('#evolve-pending').waitFor({ state: 'visible', timeout: 120_000 });
  };

  it('plans a change in words, shows the plan waiting, rejects it, then approves the next and lists the generations', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    await page
      .locator(`#evolve-startup option`, { hasText: slug })
      .waitFor({ state: 'attached', timeout: 60_000 });
    await page.locator('#evolve-startup').selectOption({ label: slug });
    // Generation 1 is recorded when the project is created.
    const created = page.locator('#generations tbody tr');
    await expect.poll(() => created.count()).toBe(1);
    expect((await created.nth(0).locator('td').allTextContents()).slice(0, 2)).toEqual(['1', 'initial']);
    expect(await page.locator('#evolve-pending').isHidden()).toBe(true);

    await plan(page, 'add an entity Voucher with amount (number)');
    expect(await page.locator('#evolve-diff').textContent()).toContain('+ entity Voucher (amount)');
    expect(await page.locator('#evolve-files').textContent()).toContain('lib/entities.ts');
    expect(await page.locator('#evolve-migration').textContent()).toMatch(/CREATE TABLE "vouchers"/);
    expect(await page.locator('#evolve-target').textContent()).toMatch(/-> 2.*drafted offline/);

    await page.locator('#evolve-reject').click();
    await page.locator('#evolve-pending').waitFor({ state: 'hidden', timeout: 60_000 });
    await expect.poll(() => page.locator('#evolve-note').textContent()).toMatch(/Plan discarded/);
    expect(readFileSync(join(projectDir, 'lib', 'entities.ts'), 'utf8')).not.toContain('"Voucher"');

    await plan(page, 'add an entity Voucher with amount (number)');
    await page.locator('#evolve-approve').click();
    await expect
      .poll(() => page.locator('#evolve-note').textContent(), { timeout: 120_000 })
      .toMatch(/^Generation 2 passed install, build, test, start, health/);
    await page.locator('#evolve-pending').waitFor({ state: 'hidden', timeout: 60_000 });
    const rows = page.locator('#generations tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const second = await rows.nth(1).locator('td').allTextContents();
    expect(second.slice(0, 3)).toEqual(['2', 'evolve', '2']);
    expect(second[3]).toMatch(/^reactnext@\d+\.\d+\.\d+$/);
    expect(readFileSync(join(projectDir, 'lib', 'entities.ts'), 'utf8')).toContain('"Voucher"');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("shows a failed startup's error message live, not only its status", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.locator('#conn.live').waitFor({ timeout: 60_000 });
    const waiting = await factory.create({
      name: 'Fail Fast',
      industry: 'Retail',
      category: 'B2C',
      approvalRequired: true,
    });
    const row = page.locator(`tr[data-slug="${waiting.slug}"]`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 120_000 }).toBe('awaiting_approval');
    const current = await factory.parts.manager.getStartup(waiting.id);
    await factory.parts.manager.updateStartup(waiting.id, {
      status: 'failed',
      state: {
        ...current.state,
        lastError: { phase: 'mvp_spec', code: 'INTERNAL', message: 'disk quota exceeded on /var' },
      },
    });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    await expect
      .poll(() => row.locator('[data-col=status]').textContent(), { timeout: 60_000 })
      .toContain('disk quota exceeded on /var');
    await page.close();
  }, 300_000);
});
