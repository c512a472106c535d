import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startThrowawayPostgres,
  startThrowawayRedis,
  type ThrowawayServer,
  throwawayServersMissing,
  waitFor,
} from '../../../tooling/testing/throwaway-servers';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { buildHttpServer } from '../src/http/http-server';
import { freshDir, portRange, runCli } from './run-cli';

/** Servers of this file's own: stopping them must not disturb any other test's DATABASE_URL. */
describe.skipIf(throwawayServersMissing())('outages end in a clear state', () => {
  let pg: ThrowawayServer;
  let redis: ThrowawayServer;
  const cwd = freshDir('outage');
  beforeAll(async () => {
    [pg, redis] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis()]);
  });
  afterAll(async () => {
    await Promise.all([pg?.destroy(), redis?.destroy()]);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('doctor with Redis down prints one line per check within its deadlines, names Redis, exits 6, no stack trace', {
    timeout: scaled(180_000),
  }, async () => {
    await redis.stop();
    try {
      const started = Date.now();
      const result = await runCli(['doctor'], {
        cwd,
        env: { DATABASE_URL: pg.url, REDIS_URL: redis.url },
        timeoutMs: 90_000,
      });
      expect(Date.now() - started).toBeLessThan(90_000);
      expect(result.code).toBe(6);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toBe('mode: distributed');
      for (const line of lines.slice(1)) expect(line).toMatch(/^(ok {2}|WARN|FAIL|SKIP) [\w ]+: /);
      expect(lines.filter((l) => l.includes('redis'))).toEqual([
        `FAIL redis: unreachable at ${redis.url} (ECONNREFUSED) — start it or unset REDIS_URL.`,
      ]);
      expect(result.stdout + result.stderr).not.toMatch(/\[ioredis\]|\n\s+at /);
    } finally {
      await redis.start();
    }
  });

  it('create with Redis or PostgreSQL down exits 6 with the typed code, not 1 or a hang', {
    timeout: scaled(240_000),
  }, async () => {
    const args = ['create', '--name', 'Outage Co', '--industry', 'Health', '--category', 'B2B SaaS'];
    await redis.stop();
    try {
      const result = await runCli(args, {
        cwd,
        env: { DATABASE_URL: pg.url, REDIS_URL: redis.url },
        timeoutMs: 90_000,
      });
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/redis: unreachable at .*\(ECONNREFUSED\).*\[QUEUE_UNAVAILABLE\]/);
    } finally {
      await redis.start();
    }
    await pg.stop();
    try {
      const result = await runCli(args, { cwd, env: { DATABASE_URL: pg.url }, timeoutMs: 90_000 });
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/ECONNREFUSED.*\[STORE_UNAVAILABLE\]/);
    } finally {
      await pg.start();
    }
  });

  describe('a running factory', () => {
    let factory: Factory;
    beforeAll(async () => {
      factory = await createFactory(
        {
          dataDir: join(cwd, 'serve'),
          databaseUrl: pg.url,
          redisUrl: redis.url,
          namespace: `sf-outage-${process.pid}`,
          validateProjects: false,
          portRange: (([start, end]) => ({ start: Number(start), end: Number(end) }))(
            portRange(41).split('-'),
          ),
        },
        { env: {} },
      );
    });
    afterAll(async () => factory?.close());

    it('/api/health answers 503 naming the back end that is down, and 200 again once it is back', {
      timeout: scaled(300_000),
    }, async () => {
      const app = buildHttpServer(factory);
      const health = async () => {
        const response = await app.inject({ method: 'GET', url: '/api/health' });
        return { status: response.statusCode, body: response.json() };
      };
      expect(await health()).toEqual({
        status: 200,
        body: { ok: true, down: [], checks: { store: 'ok', queue: 'ok' } },
      });
      await redis.stop();
      try {
        expect(await health()).toEqual({
          status: 503,
          body: { ok: false, down: ['queue'], checks: { store: 'ok', queue: 'QUEUE_UNAVAILABLE' } },
        });
      } finally {
        await redis.start();
      }
      await pg.stop();
      try {
        const down = await health();
        expect(down.status).toBe(503);
        expect(down.body.down).toContain('store');
        expect(down.body.checks.store).toBe('STORE_UNAVAILABLE');
        expect(JSON.stringify(down.body)).not.toContain('127.0.0.1');
      } finally {
        await pg.start();
      }
      await waitFor(async () => (await health()).status === 200, 120_000);
    });

    it('PostgreSQL down for 10 s in distributed mode: three startups end completed (or failed as resumable, with the reason), no task is left running or queued', {
      timeout: scaled(400_000),
    }, async () => {
      const ids: string[] = [];
      for (const industry of ['Health', 'Education', 'Fintech']) {
        const created = await factory.create({ name: `Outage ${industry}`, industry, category: 'B2B SaaS' });
        ids.push(created.id);
      }
      // Stop the store while the pipelines are in their AI phases.
      await waitFor(
        async () => (await factory.parts.store.listTasks({ state: 'succeeded' })).length >= 1,
        120_000,
      );
      await pg.stop();
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      await pg.start();
      const finals = await Promise.all(ids.map((id) => factory.waitFor(id)));
      for (const s of finals) {
        const clear = s.status === 'completed' || (s.status === 'failed' && s.error?.resumable === true);
        expect(clear, `${s.slug}: ${s.status} ${JSON.stringify(s.error)}`).toBe(true);
      }
      // A task of a run abandoned mid-outage may still be finishing in a worker: it must settle
      // (none stays open for good), so wait for that with a deadline rather than look once.
      const open = async () =>
        (await factory.parts.store.listTasks())
          .filter((t) => ['running', 'queued', 'waiting', 'retrying'].includes(t.state))
          .map((t) => `${t.task.id} ${t.state}`);
      await waitFor(async () => (await open()).length === 0, 120_000).catch(() => {});
      expect(await open()).toEqual([]);
    });
  });
});
