import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { draftOffline } from '@startup-factory/ai-coordination';
import {
  type LoopbackReply,
  type LoopbackServer,
  startLoopbackServer,
} from '@startup-factory/ai-coordination/testing';
import { createStateStore, PgAdapter } from '@startup-factory/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { serverMissing } from './require-server';

const RUN_TASKS = fileURLToPath(new URL('./fixtures/ai-budget/run-tasks.mjs', import.meta.url));

describe.skipIf(serverMissing('DATABASE_URL'))('AI budgets shared by processes on one PostgreSQL', () => {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const database = `sf_ai_budget_${process.pid}`;
  const url = new URL(adminUrl || 'postgres://unset/');
  url.pathname = `/${database}`;
  const admin = async (sql: string) => {
    const db = PgAdapter.open(adminUrl, 1);
    try {
      await db.query(sql);
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${database}`);
    // Migrate once, before two processes race to.
    await (await createStateStore({ url: url.toString() })).close();
  });
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  let server: LoopbackServer;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    server = await startLoopbackServer({
      responder: (r): LoopbackReply => ({
        content: JSON.stringify(draftOffline(r.schemaName ?? 'code_slots')),
        delayMs: 50,
      }),
    });
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await server.close();
  });

  const start = (startup: string, tasks: number, callsPerHour: number) => {
    const child = spawn(process.execPath, [RUN_TASKS], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        BASE_URL: server.openaiBaseURL,
        STARTUP: startup,
        TASKS: String(tasks),
        CALLS_PER_HOUR: String(callsPerHour),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.once('close', (code) => resolve({ code, stdout, stderr })),
    );
    return { child, exited };
  };

  it('lets two processes of 8 parallel tasks each make 3 calls in all under a shared limit of 3', {
    timeout: scaled(120_000),
  }, async () => {
    const runs = await Promise.all([start('shared', 8, 3).exited, start('shared', 8, 3).exited]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const counts = runs.map((r) => JSON.parse(r.stdout) as { succeeded: number; refused: number });
    expect(server.requests).toHaveLength(3);
    expect(counts.reduce((n, c) => n + c.succeeded, 0)).toBe(3);
    expect(counts.reduce((n, c) => n + c.refused, 0)).toBe(13);
    const store = await createStateStore({ url: url.toString(), poolSize: 1 });
    try {
      expect((await store.usageSince('shared', new Date(0))).calls).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('has booked every call a killed process sent, though none was answered', {
    timeout: scaled(120_000),
  }, async () => {
    server.setResponder(() => ({ hang: true }));
    const { child, exited } = start('killed', 4, 100);
    const deadline = Date.now() + scaled(120_000);
    while (server.requests.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(server.requests).toHaveLength(4);
    child.kill('SIGINT');
    await exited;
    const store = await createStateStore({ url: url.toString(), poolSize: 1 });
    try {
      const usage = await store.listUsage({ startupId: 'killed' });
      expect(usage).toHaveLength(4);
      expect(usage.every((u) => u.outcome === 'reserved' && u.costUsd > 0)).toBe(true);
      expect((await store.usageSince('killed', new Date(0))).calls).toBe(4);
    } finally {
      await store.close();
    }
  });
});
