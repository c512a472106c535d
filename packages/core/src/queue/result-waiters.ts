import { type TaskResult, TaskTimeoutError } from '@startup-factory/contracts';

/** Callers waiting for tasks this process runs, woken when the result is stored. */
export class ResultWaiters {
  private readonly waiting = new Map<string, Set<(result: TaskResult) => void>>();

  wait(taskId: string, timeoutMs?: number): Promise<TaskResult> {
    return new Promise<TaskResult>((resolve, reject) => {
      const set = this.waiting.get(taskId) ?? new Set();
      this.waiting.set(taskId, set);
      const done = (result: TaskResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              set.delete(done);
              reject(
                new TaskTimeoutError({
                  message: `Task ${taskId} did not finish within ${timeoutMs} ms; wait longer or check its state with getTask.`,
                  taskId,
                  timeoutMs,
                }),
              );
            }, timeoutMs);
      set.add(done);
    });
  }

  resolve(taskId: string, result: TaskResult): void {
    for (const done of this.waiting.get(taskId) ?? []) done(result);
    this.waiting.delete(taskId);
  }
}
