import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { groupAlive } from './deployable-startup';

interface Answer {
  status: number;
  cookie?: string;
  error?: string;
}

/** One request on its own connection (no keep-alive), so every request meets the proxy's switch. */
function call(url: string, init: { method?: string; body?: unknown; cookie?: string } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.cookie) headers.cookie = init.cookie;
    const req = request(
      url,
      { method: init.method ?? 'GET', agent: false, headers, timeout: 60_000 },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end(init.body === undefined ? undefined : JSON.stringify(init.body));
  });
}

/**
 * Issue 16's zero-downtime rollout on the real generated Next.js app: created (install, build, its
 * tests, health), deployed behind the proxy, evolved with a new entity while three clients keep
 * requesting it. Slow (two full builds and test runs), like the other generated-app e2e tests.
 */
describe('evolving a deployed startup under load', () => {
  let factory: Factory | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-evolve-rollout-'));
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('switches to the evolved build with no failed request; the new route answers and the old process is gone', async () => {
    const start = randomTestPortBase(50);
    factory = await createFactory({ dataDir, portRange: { start, end: start + 49 } }, { env: {} });
    const { id } = await factory.create({
      name: 'Route Mate',
      industry: 'Logistics',
      category: 'B2B SaaS',
      template: 'reactnext',
    });
    const created = await factory.waitFor(id);
    expect(created.status, JSON.stringify(created)).toBe('completed');

    const deploys = factory.parts.deploys;
    const deployed = await deploys.deploy(id);
    const base = deployed.url as string;
    const oldPid = deployed.pid as number;
    // The health route and a page. Not yet a client chunk of the old page: one run saw an old
    // generation's chunk answer 500 during the switch (known, open in issue 16's note; the evolve
    // bench still requests a chunk and counts its failures).
    const paths = ['/api/health', '/'];
    const expected = new Map<string, number>();
    for (const path of paths) expected.set(path, (await call(`${base}${path}`)).status);
    expect(expected.get('/api/health')).toBe(200);
    const founder = await call(`${base}/api/auth/sign-up`, {
      method: 'POST',
      body: { email: 'founder@example.com', password: 'correct horse battery' },
    });
    expect(founder.status).toBe(201);
    expect((await call(`${base}/api/invoices`, { cookie: founder.cookie })).status).toBe(404);

    let running = true;
    const answers: Array<Answer & { path: string }> = [];
    const clients = Array.from({ length: 3 }, async (_, n) => {
      for (let i = n; running; i++) {
        const path = paths[i % paths.length] as string;
        answers.push({ path, ...(await call(`${base}${path}`)) });
      }
    });
    const outcome = await factory.evolution
      .evolve(id, {
        change: 'add an entity Invoice with amount (number) and a reference to Shipment',
        approved: true,
      })
      .finally(() => {
        running = false;
      });
    await Promise.all(clients);

    expect(outcome.status, JSON.stringify(outcome).slice(0, 2000)).toBe('evolved');
    expect(outcome.rollout).toMatchObject({ status: 'switched', generation: 2 });
    const failed = answers.filter((a) => a.status !== expected.get(a.path));
    expect(answers.length).toBeGreaterThan(20);
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);

    // The new entity's API answers through the proxy, on the database every generation shares.
    const invoices = await call(`${base}/api/invoices`, { cookie: founder.cookie });
    expect(invoices.status).toBe(200);
    const now = await deploys.status(id);
    expect(now.pid).not.toBe(oldPid);
    expect(groupAlive(oldPid)).toBe(false);
  }, 1_800_000);
});
