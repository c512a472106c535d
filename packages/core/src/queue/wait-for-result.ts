import {
  type IStateStore,
  NotFoundError,
  type TaskResult,
  TaskTimeoutError,
} from '@startup-factory/contracts';

/**
 * Waits for a result another process will write: polls the store (starting at 10 ms, backing off
 * to 200 ms) until the result lands or `timeoutMs` passes. Unknown tasks fail at once.
 */
export async function waitForStoredResult(
  store: IStateStore,
  taskId: string,
  timeoutMs?: number,
  isClosed: () => boolean = () => false,
): Promise<TaskResult> {
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const result = await store.getTaskResult(taskId);
    if (result) return result;
    if (!(await store.getTask(taskId))) {
      throw new NotFoundError({ message: `No task ${taskId}; submit it before waiting for its result.` });
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
