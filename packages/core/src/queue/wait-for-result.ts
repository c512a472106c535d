import {
  hasErrorCode,
  type IStateStore,
  NotFoundError,
  type TaskResult,
  TaskTimeoutError,
} from '@startup-factory/contracts';

export interface StoredResultWait {
  timeoutMs?: number | undefined;
  isClosed?: () => boolean;
  /**
   * Asked every few seconds while no result is stored: the queue's own view of the task, which
   * may settle a task whose worker gave up without storing a result (the store was down).
   */
  settleLost?: () => Promise<TaskResult | null>;
  /** Store outages in a row the wait rides out before it fails with STORE_UNAVAILABLE (default 5). */
  outageTolerance?: number;
}

const SETTLE_CHECK_MS = 2_000;

/**
 * Waits for a result another process will write: polls the store (starting at 10 ms, backing off
 * to 200 ms) until the result lands or `timeoutMs` passes. Unknown tasks fail at once.
 */
export async function waitForStoredResult(
  store: IStateStore,
  taskId: string,
  options: StoredResultWait = {},
): Promise<TaskResult> {
  const { timeoutMs, isClosed = () => false, settleLost, outageTolerance = 5 } = options;
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
  let interval = 10;
  let outages = 0;
  let nextSettleCheck = Date.now() + SETTLE_CHECK_MS;
  for (;;) {
    try {
      const result = await store.getTaskResult(taskId);
      if (result) return result;
      if (!(await store.getTask(taskId))) {
        throw new NotFoundError({ message: `No task ${taskId}; submit it before waiting for its result.` });
      }
      if (settleLost && Date.now() >= nextSettleCheck) {
        nextSettleCheck = Date.now() + SETTLE_CHECK_MS;
        const settled = await settleLost();
        if (settled) return settled;
      }
      outages = 0;
    } catch (error) {
      // The store adapter already retried its connects; a few more rounds ride out a restart.
      if (!hasErrorCode(error, 'STORE_UNAVAILABLE') || ++outages > outageTolerance) throw error;
    }
    if (isClosed())
      throw new NotFoundError({ message: `The queue was closed while waiting for task ${taskId}.` });
    if (Date.now() + interval > deadline) {
      throw new TaskTimeoutError({
        message: `Task ${taskId} did not finish within ${timeoutMs} ms; wait longer or check its state with getTask.`,
        taskId,
        timeoutMs: timeoutMs ?? 0,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(200, interval * 2);
  }
}
