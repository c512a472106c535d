import { describe, expect, it } from 'vitest';
import type { StartupPatch } from './schemas/startup-instance';
import type { StartupStatus } from './schemas/startup-status';
import {
  createInMemoryStartupState,
  InMemoryResourceAllocator,
  InMemoryStartupManager,
  type InMemoryStartupState,
  runContractCases,
  type StartupManagerSetup,
  startupManagerCaseSetup,
  startupManagerCases,
  startupManagerContract,
} from './testing/index';

type Make = (options: { state: InMemoryStartupState; maxConcurrent: number }) => InMemoryStartupManager;

const setupWith =
  (
    make: Make,
    { shareState = true, allocator = () => new InMemoryResourceAllocator() } = {},
  ): StartupManagerSetup =>
  async ({ maxConcurrent }) => {
    const state = createInMemoryStartupState(allocator());
    return {
      manager: make({ state, maxConcurrent }),
      reopen: async () => make({ state: shareState ? state : createInMemoryStartupState(), maxConcurrent }),
    };
  };

startupManagerContract(
  'InMemoryStartupManager',
  setupWith((o) => new InMemoryStartupManager(o)),
);

async function failedCases(setup: StartupManagerSetup): Promise<string[]> {
  const outcomes = await runContractCases(startupManagerCases, startupManagerCaseSetup(setup));
  return outcomes.filter((o) => !o.passed).map((o) => o.name);
}

const caseNamed = (start: string) => {
  const found = startupManagerCases.find((c) => c.name.startsWith(start));
  if (!found) throw new Error(`no case ${start}`);
  return found.name;
};

describe('startupManagerContract can fail', () => {
  it('catches a manager without a concurrency limit', async () => {
    class Unlimited extends InMemoryStartupManager {
      protected override countActive(): number {
        return 0;
      }
    }
    const failed = await failedCases(setupWith((o) => new Unlimited(o)));
    expect(failed).toContain(caseNamed('the limit refuses'));
    expect(failed).toContain(caseNamed('10 concurrent creates'));
  });

  it('catches a manager that counts only running startups against the limit', async () => {
    class RunningOnly extends InMemoryStartupManager {
      protected override countActive(): number {
        return [...this.state.startups.values()].filter((s) => s.status === 'running').length;
      }
    }
    const failed = await failedCases(setupWith((o) => new RunningOnly(o)));
    expect(failed).toContain(caseNamed('10 concurrent creates'));
  });

  it('catches a manager that loses its startups on restart', async () => {
    const failed = await failedCases(setupWith((o) => new InMemoryStartupManager(o), { shareState: false }));
    expect(failed.sort()).toEqual(
      [
        caseNamed('status, config, phase and state survive'),
        caseNamed('a startup past its last phase keeps currentPhase null'),
      ].sort(),
    );
  });

  it('catches a manager that reads a null currentPhase as "unchanged"', async () => {
    // The SQL manager did this (`patch.currentPhase ?? current`): a finished startup stayed at its last phase.
    class NullAsAbsent extends InMemoryStartupManager {
      override updateStartup(id: string, patch: StartupPatch) {
        const { currentPhase, ...rest } = patch;
        return super.updateStartup(id, currentPhase === null ? rest : patch);
      }
    }
    const failed = await failedCases(setupWith((o) => new NullAsAbsent(o)));
    expect(failed).toEqual([caseNamed('a startup past its last phase keeps currentPhase null')]);
  });

  it('catches a manager that allows any status move', async () => {
    class AnyMove extends InMemoryStartupManager {
      protected override async transition(current: { status: StartupStatus }, to: StartupStatus) {
        current.status = to;
      }
    }
    const failed = await failedCases(setupWith((o) => new AnyMove(o)));
    expect(failed).toContain(caseNamed('status moves follow the transition table'));
    expect(failed).toContain(caseNamed('the limit refuses'));
  });

  it('catches a manager over an allocator that hands out duplicate ports', async () => {
    class SamePorts extends InMemoryResourceAllocator {
      protected override freePorts(count: number): number[] {
        return Array.from({ length: count }, (_, i) => this.portRange.start + i);
      }
    }
    const failed = await failedCases(
      setupWith((o) => new InMemoryStartupManager(o), { allocator: () => new SamePorts() }),
    );
    expect(failed.sort()).toEqual(
      [
        caseNamed("active startups' ports never overlap"),
        caseNamed('a completed startup keeps its allocation'),
      ].sort(),
    );
  });

  it("catches a manager that releases a completed startup's resources", async () => {
    class ReleasesOnCompletion extends InMemoryStartupManager {
      protected override async transition(...args: Parameters<InMemoryStartupManager['transition']>) {
        await super.transition(...args);
        if (args[1] === 'completed') await this.state.allocator.deallocate(args[0].id);
      }
    }
    const failed = await failedCases(setupWith((o) => new ReleasesOnCompletion(o)));
    expect(failed).toEqual([caseNamed('a completed startup keeps its allocation')]);
  });

  it('catches a manager that accepts duplicate names', async () => {
    class Duplicates extends InMemoryStartupManager {
      override async createStartup(input: Parameters<InMemoryStartupManager['createStartup']>[0]) {
        for (const s of this.state.startups.values()) s.slug = `${s.slug}-${s.id.slice(0, 4)}`;
        return super.createStartup(input);
      }
    }
    const failed = await failedCases(setupWith((o) => new Duplicates(o)));
    expect(failed).toContain(caseNamed('a duplicate name'));
  });
});
