import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHASES } from '@startup-factory/contracts';
import { createStateStore, PgAdapter } from '@startup-factory/core';
import { afterAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import type { StartupSummary } from '../src/startup-summary';
import { serverMissing } from './require-server';
import { freshDir, portRange, runCli, startCli, waitForOutput } from './run-cli';

describe.skipIf(serverMissing('DATABASE_URL', 'REDIS_URL'))(
  'distributed mode: PostgreSQL, Redis, a host and two workers',
  () => {
    const adminUrl = process.env.DATABASE_URL ?? '';
    const database = `sf_distributed_${process.pid}`;
    // The body is collected even when skipped: parse a placeholder then.
    const url = new URL(adminUrl || 'postgres://unset/');
    url.pathname = `/${database}`;
    const cwd = freshDir('distributed');
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: process.env.REDIS_URL ?? '',
      FACTORY_NAMESPACE: `sf-dist-${process.pid}`,
      FACTORY_QUEUE_LOCK_MS: '2000',
      FACTORY_PORT_RANGE: portRange(5),
      FACTORY_VALIDATE_PROJECTS: 'false',
    };
    const admin = async (sql: string) => {
      const db = PgAdapter.open(adminUrl, 1);
      try {
        await db.query(sql);
      } finally {
        await db.close();
      }
    };
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

    it('completes five startups with tasks run only by workers, one of them killed mid-run', {
      timeout: scaled(300_000),
    }, async () => {
      await admin(`CREATE DATABASE ${database}`);
      const workers = [startCli(['worker'], { cwd, env }), startCli(['worker'], { cwd, env })];
      try {
        await Promise.all(workers.map((w) => waitForOutput(w, /worker running/)));
        const startups = ['Health', 'Education', 'Fintech', 'Logistics', 'Retail'].map((industry, i) => ({
          name: `Distributed ${i + 1}`,
          industry,
          category: 'B2B SaaS',
        }));
        writeFileSync(join(cwd, 'five.json'), JSON.stringify(startups));
        const host = startCli(['--json', 'create', '--batch', 'five.json'], {
          cwd,
          env: { ...env, FACTORY_RUN_TASKS: 'false' },
        });
        let stdout = '';
        host.stdout?.on('data', (c: Buffer) => {
          stdout += c.toString();
        });
        const exited = new Promise<number | null>((resolve) => host.once('close', resolve));
        await waitForOutput(host, /market_research started/);
        workers[0]!.kill('SIGKILL');
        expect(await exited).toBe(0);
        const summaries = JSON.parse(stdout) as StartupSummary[];
        expect(summaries.map((s) => s.status)).toEqual(Array(5).fill('completed'));

        const store = await createStateStore({ url: env.DATABASE_URL });
        try {
          for (const s of summaries) {
            const finished = await store.listEvents({ startupId: s.id, types: ['phase.finished'] });
            expect(finished.map((e) => e.type === 'phase.finished' && e.phase)).toEqual([...PHASES]);
            const tasks = await store.listTasks({ startupId: s.id });
            expect(tasks.length).toBeGreaterThanOrEqual(8);
            for (const t of tasks) expect((await store.getTaskResult(t.task.id))?.status).toBe('succeeded');
          }
        } finally {
          await store.close();
        }
        const list = JSON.parse((await runCli(['--json', 'list'], { cwd, env })).stdout) as StartupSummary[];
        expect(list).toHaveLength(5);
      } finally {
        for (const w of workers) w.kill('SIGTERM');
      }
    });
  },
);
