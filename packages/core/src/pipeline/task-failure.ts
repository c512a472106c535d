import { FactoryError, isErrorCode, type TaskResult } from '@startup-factory/contracts';

/**
 * The error a task that did not succeed ends its caller's wait with. The task's own code when it
 * is one of the factory's (a provider outage, an invalid answer, a timeout); TASK_CANCELLED for a
 * cancelled task, which carries no error; otherwise (a handler threw something unexpected, a
 * worker gave up without a record) a plain Error, which callers report as internal rather than
 * blame the AI provider for it.
 */
export function taskFailure(result: TaskResult, message: string): Error {
  const code = result.error?.code;
  if (isErrorCode(code)) return new FactoryError({ code, message });
  if (result.status === 'cancelled') return new FactoryError({ code: 'TASK_CANCELLED', message });
  return new Error(message);
}
