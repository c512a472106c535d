import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IStateStore } from '@startup-factory/contracts';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/pg-database';
import { describeWithServer } from '../../test/server-env';
import { createStateStore } from '../store/create-state-store';
import { createTaskQueue } from './create-task-queue';

const fixture = fileURLToPath(new URL('./__fixtures__/queue-worker-process.mjs', import.meta.url));
const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  waitFor(line: string): Promise<void>;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output: string[] = [];
  const listeners: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    for (const l of listeners) l();
  });
  return {
    child,
    output,
    waitFor: (line) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker never printed ${line}: ${output.join(' | ')}`)),
          // A child process loading the bundle on a busy 2-core machine can take tens of seconds.
          120_000,
        );
        const check = () => {
          if (output.some((o) => o.startsWith(line))) {
            clearTimeout(timer);
            resolve();
          }
        };
        listeners.push(check);
        check();
        child.once('exit', () => reject(new Error(`worker exited before printing ${line}`)));
      }),
  };
}

describeWithServer('REDIS_URL')('queue worker processes', () => {
  describeWithServer('DATABASE_URL')('sharing PostgreSQL', () => {
    let db: TestDatabase;
    let store: IStateStore;
    const children: ChildProcess[] = [];
    const queueName = `sf-test-kill-${randomUUID()}`;
    const redisUrl = process.env.REDIS_URL ?? '';

    beforeAll(async () => {
      if (!process.env.DATABASE_URL)
        throw new Error('DATABASE_URL is needed with REDIS_URL for the worker test.');
      if (!existsSync(built))
        throw new Error('Build @startup-factory/core first: the worker process runs dist/.');
      db = await createTestDatabase();
      store = await createStateStore({ url: db.url });
    });

    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      const cleanup = new Queue(queueName, { connection: { url: redisUrl } });
      await cleanup.obliterate({ force: true }).catch(() => {});
      await cleanup.close();
      await store?.close();
      await db?.drop();
    });

    it('a task whose worker is SIGKILLed mid-run is finished by another worker, exactly once', async () => {
      const env = { REDIS_URL: redisUrl, DATABASE_URL: db.url, QUEUE_NAME: queueName };
      const producer = createTaskQueue({
        redisUrl,
        queueName,
        store,
        worker: false,
        handler: async () => null,
      });
      const doomed = startWorker({ ...env, MODE: 'hang', WORKER_NAME: 'doomed' });
      children.push(doomed.child);
      await doomed.waitFor('READY');
      const id = await producer.submit({ id: `kill-${randomUUID()}`, startupId: 's-kill', type: 'research' });
      await doomed.waitFor(`STARTED ${id}`);
      doomed.child.kill('SIGKILL');

      const survivor = startWorker({ ...env, MODE: 'work', WORKER_NAME: 'survivor' });
      children.push(survivor.child);
      const result = await producer.waitForResult(id, { timeoutMs: 60_000 });
      expect(result).toMatchObject({ taskId: id, status: 'succeeded', output: { by: 'survivor' } });
      expect(survivor.output.filter((l) => l.startsWith(`STARTED ${id}`))).toHaveLength(1);
      const finished = (await store.listEvents({ startupId: 's-kill', types: ['task.finished'] })).filter(
        (e) => 'taskId' in e && e.taskId === id,
      );
      expect(finished).toHaveLength(1);
      expect((await store.getTask(id))?.state).toBe('succeeded');
      await producer.close();
      survivor.child.kill('SIGTERM');
    });
  });
});
