import {
  type ErrorCode,
  FactoryError,
  hasErrorCode,
  type ITaskQueue,
  type StartupInstance,
} from '@startup-factory/contracts';
import { retryOnStoreOutage } from '../store/retry-on-store-outage';
import { OUTAGE_RETRY } from './outage-policy';
import type { AiPhasePlan } from './phase-plan';
import { taskFailure } from './task-failure';

/** Task ids carry the run number; `.` separators keep them valid BullMQ job ids. */
export function planTaskId(startupId: string, phase: string, name: string, run: number): string {
  return `${startupId}.${phase}.${name}.r${run}`;
}

/**
 * Submits a phase's tasks as a DAG on the queue and waits for them. Tasks that already succeeded
 * in an earlier run of the same startup (before a crash or a failure) are reused, not redone.
 */
export async function runPlan(
  queue: ITaskQueue,
  startup: StartupInstance,
  plan: AiPhasePlan,
  run: number,
): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  for (const task of plan.tasks) {
    for (let earlier = run - 1; earlier >= 0 && !(task.name in outputs); earlier--) {
      const previous = await queue.getResult(planTaskId(startup.id, plan.phase, task.name, earlier));
      if (previous?.status === 'succeeded') outputs[task.name] = previous.output;
    }
  }
  const submitted = new Map<string, string>();
  try {
    for (const task of plan.tasks) {
      if (task.name in outputs) continue;
      const id = planTaskId(startup.id, plan.phase, task.name, run);
      // Named before the submit, so a submit that fails half-way (record stored, job lost) is
      // cancelled with the rest.
      const after = task.after.flatMap((name) => submitted.get(name) ?? []);
      submitted.set(task.name, id);
      // Submit first: the queue refuses an id it already holds (CONFLICT), and only then is its
      // result read, so a fresh run costs no lookup per task.
      const reused = await queue
        .submit({
          id,
          startupId: startup.id,
          type: task.type,
          phase: plan.phase,
          prompt: task.prompt,
          priority: task.priority,
          outputSchema: task.outputSchema,
          ...(task.maxOutputTokens !== undefined ? { maxOutputTokens: task.maxOutputTokens } : {}),
          dependsOn: after,
        })
        .then(
          () => null,
          async (error: unknown) => {
            const existing = hasErrorCode(error, 'CONFLICT') ? await queue.getResult(id) : null;
            if (existing?.status !== 'succeeded') throw error;
            return existing;
          },
        );
      if (reused) {
        // Not ours to cancel: it finished in an earlier attempt of this run.
        submitted.delete(task.name);
        outputs[task.name] = reused.output;
      }
    }
    const results = await Promise.all(
      [...submitted].map(async ([name, id]) => [name, await queue.waitForResult(id)] as const),
    );
    for (const [name, result] of results) {
      if (result.status !== 'succeeded') {
        throw taskFailure(
          result,
          `The ${plan.phase} task "${name}" ${result.status}: ${result.error?.message ?? 'no detail'}. Fix the cause and resume the startup.`,
        );
      }
      outputs[name] = result.output;
    }
  } catch (error) {
    // The run is abandoned (the next run uses new task ids): settle the tasks submitted so far that
    // still wait or are queued, so none is left without an owner; running ones finish on their own.
    // The store may be the reason the run failed, so each cancel rides out an outage (it is
    // idempotent) rather than being dropped at the first refusal.
    for (const id of submitted.values()) {
      await retryOnStoreOutage(() => queue.cancel(id), OUTAGE_RETRY).catch(() => false);
    }
    throw error;
  }
  return outputs;
}
