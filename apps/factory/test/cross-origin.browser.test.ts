import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

const CHROMIUM = chromiumPath('cross-origin browser test');

/** What an attacker's page tries against the factory at `target`; results land in `window.attack`. */
function attackerPage(target: string, id: string): string {
  return `<!doctype html><html><body>
<iframe name="sink"></iframe>
<form id="form" method="POST" target="sink" action="${target}/api/startups/${id}/cancel">
  <input name="reject" value="true">
</form>
<script>
const results = {};
const attempt = async (name, run) => {
  try { results[name] = await run(); } catch (error) { results[name] = 'threw: ' + error.name; }
};
(async () => {
  await attempt('approve', () => fetch('${target}/api/startups/${id}/approve', { method: 'POST', mode: 'no-cors' }).then((r) => r.type));
  await attempt('cancel', () => fetch('${target}/api/startups/${id}/cancel', {
    method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"reject":true}',
  }).then((r) => r.type));
  await attempt('create', () => fetch('${target}/api/startups', {
    method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ name: 'Planted', industry: 'Retail', category: 'B2C' }),
  }).then((r) => r.type));
  await attempt('form', () => new Promise((resolve) => {
    document.querySelector('iframe').addEventListener('load', () => resolve('submitted'), { once: true });
    document.getElementById('form').submit();
  }));
  await attempt('read', () => fetch('${target}/api/startups').then((r) => r.text()));
  await attempt('readNoCors', () => fetch('${target}/api/startups', { mode: 'no-cors' }).then((r) => r.text()));
  window.attack = results;
})();
</script></body></html>`;
}

describe.skipIf(CHROMIUM === null)('a page on another origin cannot drive the factory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-cross-origin-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'sf-chromium-'));
  let factory: Factory;
  let server: FastifyInstance;
  let attacker: Server;
  let browser: BrowserContext;
  let target: string;
  let attackerBase: string;
  let waitingId: string;
  const answered: Array<{ method: string; url: string; status: number }> = [];

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 26_100, end: 26_199 } },
      { env: {} },
    );
    server = buildHttpServer(factory);
    server.addHook('onResponse', async (request, reply) => {
      answered.push({ method: request.method, url: request.url, status: reply.statusCode });
    });
    target = await server.listen({ host: '127.0.0.1', port: 0 });
    const created = await factory.create({
      name: 'Target Practice',
      industry: 'Retail',
      category: 'B2C',
      approvalRequired: true,
    });
    waitingId = created.id;
    expect((await factory.waitFor(created.id)).status).toBe('awaiting_approval');

    // Same host, another port: another origin, as any local dev server or website would be.
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackerPage(target, waitingId));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerBase = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

    browser = await launchHeadlessChromium(CHROMIUM as string, profileDir, [
      // A name that resolves to loopback, as an attacker's domain does once DNS is rebound.
      '--host-resolver-rules=MAP rebound.example 127.0.0.1',
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('refuses the no-cors, text/plain and form POSTs and hides the list', {
    timeout: scaled(180_000),
  }, async () => {
    const before = (await factory.list()).length;
    const page = await browser.newPage();
    await page.goto(attackerBase);
    await page.waitForFunction(() => (globalThis as unknown as { attack?: unknown }).attack, undefined, {
      timeout: scaled(20_000),
    });
    const results = await page.evaluate(
      () => (globalThis as unknown as { attack: Record<string, string> }).attack,
    );
    await page.close();

    // Every attack reached the server and was refused there, not merely hidden by the browser.
    const posts = answered.filter((a) => a.method === 'POST');
    expect(posts.map((a) => a.url).sort()).toEqual(
      [
        '/api/startups',
        `/api/startups/${waitingId}/approve`,
        `/api/startups/${waitingId}/cancel`,
        `/api/startups/${waitingId}/cancel`,
      ].sort(),
    );
    for (const post of posts) expect(post.status, post.url).toBe(403);
    expect((await factory.show(waitingId)).status).toBe('awaiting_approval');
    expect((await factory.list()).length).toBe(before);

    expect(results.form).toBe('submitted');
    expect(results.read).toMatch(/^threw: TypeError/);
    expect(results.readNoCors).toBe('');
    expect(JSON.stringify(results)).not.toContain('target-practice');
  });

  it('refuses a DNS-rebound name, so a same-origin read on it gets nothing', {
    timeout: scaled(120_000),
  }, async () => {
    const port = new URL(target).port;
    const page = await browser.newPage();
    const landing = await page.goto(`http://rebound.example:${port}/`);
    expect(landing?.status()).toBe(421);
    const read = await page.evaluate(async () => {
      const response = await fetch('/api/startups');
      return { status: response.status, text: await response.text() };
    });
    await page.close();
    expect(read.status).toBe(421);
    expect(read.text).not.toContain('target-practice');
    expect((await factory.show(waitingId)).status).toBe('awaiting_approval');
  });
});
