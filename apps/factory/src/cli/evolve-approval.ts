import { InvalidConfigError, type StartupStatus } from '@startup-factory/contracts';
import type { Factory } from '../factory';
import type { StartupSummary } from '../startup-summary';
import { describeOutcome } from './evolve-output';
import { EXIT } from './exit-codes';
import { emit } from './output';

/**
 * Whether `factory approve` decides an evolve plan rather than the pipeline's gate: a startup
 * whose pipeline stopped (an evolve is planned only then); one awaiting approval or still running
 * is the pipeline's.
 */
export const decidesEvolvePlan = (status: StartupStatus) =>
  status !== 'awaiting_approval' && status !== 'running' && status !== 'created';

/**
 * `factory approve <startup>` on a planned evolve: applies exactly the plan shown (merge, migrate,
 * gate, replace), or with `reject` discards it. No plan waiting is INVALID_TRANSITION saying how to
 * plan one; a plan made before the project moved is CONFLICT saying to plan again.
 */
export async function decideEvolvePlan(
  factory: Factory,
  summary: StartupSummary,
  options: { reject: boolean; spec: boolean; json: boolean },
): Promise<number> {
  if (options.spec) {
    throw new InvalidConfigError({
      message: `${summary.slug} waits with an evolve plan, not at its pipeline's gate: approve the plan as shown, or plan another spec with \`factory evolve ${summary.slug} --spec <file>\`.`,
      issues: [{ path: 'spec', message: 'only at the pipeline gate' }],
    });
  }
  if (options.reject) {
    const discarded = await factory.evolution.reject(summary.id);
    emit(
      options.json,
      { status: 'rejected', plan: discarded.plan },
      () =>
        `${summary.slug}: the evolve plan to generation ${discarded.plan.toGeneration} was discarded; the project was not changed.`,
    );
    return EXIT.ok;
  }
  const result = await factory.evolution.approve(summary.id);
  emit(options.json, result, () => describeOutcome(result, summary.slug));
  return result.status === 'conflicts' ? EXIT.refused : EXIT.ok;
}
