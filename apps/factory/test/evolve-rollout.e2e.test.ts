import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  call,
  expectedAnswers,
  failedAnswers,
  load,
  loadRounds,
  pageChunks,
} from '../../../tooling/bench/http-load.mjs';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { groupAlive } from './deployable-startup';

/**
 * Issue 16's zero-downtime rollout on the real generated Next.js app: created (install, build, its
 * tests, health), deployed behind the proxy, evolved with a new entity while three clients keep
 * requesting its health route, pages and the old build's client chunks (then the new build's too).
 * Slow (two full builds and test runs), like the other generated-app e2e tests.
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
    // The health route, the home page, a page, and the client chunks the old build's pages load
    // (a browser still on an old page asks for them after the switch).
    const pages = ['/', '/sign-in'];
    const oldChunks = await pageChunks(base, pages);
    expect(oldChunks.length).toBeGreaterThan(0);
    const paths = ['/api/health', ...pages, ...oldChunks];
    const expected = await expectedAnswers(base, paths);
    expect(expected['/api/health']).toBe(200);
    for (const path of [...pages, ...oldChunks]) expect(expected[path], path).toBe(200);
    const founder = await call(`${base}/api/auth/sign-up`, {
      method: 'POST',
      body: { email: 'founder@example.com', password: 'correct horse battery' },
    });
    expect(founder.status).toBe(201);
    expect((await call(`${base}/api/invoices`, { cookie: founder.cookie })).status).toBe(404);

    const traffic = load(base, paths);
    const outcome = await factory.evolution.evolve(id, {
      change: 'add an entity Invoice with amount (number) and a reference to Shipment',
      approved: true,
    });
    const answers = await traffic.stop();

    expect(outcome.status, JSON.stringify(outcome).slice(0, 2000)).toBe('evolved');
    expect(outcome.rollout).toMatchObject({ status: 'switched', generation: 2 });
    expect(answers.length).toBeGreaterThan(20);
    for (const path of paths)
      expect(
        answers.some((a) => a.path === path),
        path,
      ).toBe(true);
    const failed = failedAnswers(answers, expected);
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);

    // After the switch: the new build's pages (the new entity's list among them) load their chunks,
    // and the old pages' still answer.
    const newChunks = await pageChunks(base, [...pages, '/invoices'], founder.cookie);
    expect(newChunks.length).toBeGreaterThan(0);
    for (const chunk of newChunks) expected[chunk] ??= 200;
    const after = [...new Set([...paths, ...newChunks])];
    const afterAnswers = await loadRounds(base, after);
    const failedAfter = failedAnswers(afterAnswers, expected);
    expect(failedAfter, JSON.stringify(failedAfter.slice(0, 5))).toEqual([]);

    // The new entity's API answers through the proxy, on the database every generation shares.
    const invoices = await call(`${base}/api/invoices`, { cookie: founder.cookie });
    expect(invoices.status).toBe(200);
    const now = await deploys.status(id);
    expect(now.pid).not.toBe(oldPid);
    expect(groupAlive(oldPid)).toBe(false);
  }, 1_800_000);
});
