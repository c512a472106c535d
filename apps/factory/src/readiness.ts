import { FactoryError, type IStateStore, type ITaskQueue } from '@startup-factory/contracts';
import type { DependencyMonitor } from '@startup-factory/core';

/** One back end as readiness sees it. */
export interface DependencyCheck {
  name: 'store' | 'queue';
  ok: boolean;
  /** `ok`, or the stable error code of why not (STORE_UNAVAILABLE, QUEUE_UNAVAILABLE). */
  status: string;
  /** What failed, for logs and `doctor`; URLs are already without passwords. */
  detail: string;
}

export interface Readiness {
  ok: boolean;
  /** Names of the checks that failed. */
  down: Array<DependencyCheck['name']>;
  checks: DependencyCheck[];
}

/** Resolves with `probe()` or rejects once `timeoutMs` passes, so no check can hang its caller. */
export async function withDeadline<T>(timeoutMs: number, what: string, probe: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([probe(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A queue that can say whether its back end answers (BullMqTaskQueue); the in-process one cannot fail. */
interface PingableQueue {
  ping(timeoutMs?: number): Promise<void>;
}
const isPingable = (queue: ITaskQueue): queue is ITaskQueue & PingableQueue =>
  typeof (queue as Partial<PingableQueue>).ping === 'function';

async function check(
  name: DependencyCheck['name'],
  code: string,
  known: string | null,
  timeoutMs: number,
  probe: () => Promise<unknown>,
): Promise<DependencyCheck> {
  if (known) return { name, ok: false, status: code, detail: known };
  try {
    await withDeadline(timeoutMs, name, probe);
    return { name, ok: true, status: 'ok', detail: 'answers' };
  } catch (error) {
    const status = FactoryError.isInstance(error) ? error.code : code;
    return { name, ok: false, status, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether this process can do its work now: the store answers a read and the queue's Redis a
 * PING, each within `timeoutMs`. A dependency the monitor already knows to be down fails at once.
 */
export async function checkReadiness(
  parts: { store: IStateStore; queue: ITaskQueue; monitor?: DependencyMonitor },
  timeoutMs = 3_000,
): Promise<Readiness> {
  const { store, queue, monitor } = parts;
  const checks = await Promise.all([
    check('store', 'STORE_UNAVAILABLE', monitor?.downDetail('postgres') ?? null, timeoutMs, () =>
      store.listEvents({ limit: 1 }),
    ),
    check('queue', 'QUEUE_UNAVAILABLE', monitor?.downDetail('redis') ?? null, timeoutMs, async () => {
      if (isPingable(queue)) await queue.ping(timeoutMs);
    }),
  ]);
  const down = checks.filter((c) => !c.ok).map((c) => c.name);
  return { ok: down.length === 0, down, checks };
}
