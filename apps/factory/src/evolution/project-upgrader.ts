import { FactoryError } from '@startup-factory/contracts';
import type { Factory } from '../factory';
import type { ProjectUpgrader, UpgradeOutcome } from './upgrade';

/**
 * The evolve engine `factory upgrade` re-renders projects with: an evolve that keeps the spec
 * the project runs and renders it on the installed template version, with the same three-way
 * merge, migrations and build gate as `factory evolve --yes`. `evolved` is upgraded, `conflicts`
 * conflicts, and any typed refusal (the gate failed, validation is off, the startup is running)
 * refused with its message; the project is left as it was in every case but upgraded.
 */
export function projectUpgraderFor(factory: Factory): ProjectUpgrader {
  return {
    async upgrade(request): Promise<UpgradeOutcome> {
      try {
        const outcome = await factory.evolution.evolve(request.startup.id, {
          spec: request.spec,
          approved: true,
          kind: 'upgrade',
        });
        if (outcome.status === 'evolved') return { status: 'upgraded', keptEdits: outcome.keptEdits };
        if (outcome.status === 'conflicts') return { status: 'conflicts', conflicts: outcome.conflicts };
        return { status: 'refused', reason: 'the evolve engine only planned the upgrade' };
      } catch (error) {
        if (!FactoryError.isInstance(error)) throw error;
        return { status: 'refused', reason: `${error.code}: ${error.message}` };
      }
    },
  };
}
