import { describe, expect, it } from 'vitest';
import type { ResourceAllocation } from './schemas/resource-allocation';
import type { ResourceRequirementsInput } from './schemas/resource-requirements';
import {
  InMemoryResourceAllocator,
  type ResourceAllocatorSetup,
  resourceAllocatorCaseContext,
  resourceAllocatorCases,
  resourceAllocatorContract,
  runContractCases,
} from './testing/index';

type Make = (
  options: ConstructorParameters<typeof InMemoryResourceAllocator>[0],
) => InMemoryResourceAllocator;

const setupWith =
  (make: Make, { shareState = true } = {}): ResourceAllocatorSetup =>
  async (options) => {
    const allocations = new Map<string, ResourceAllocation>();
    return {
      allocator: make({ ...options, allocations }),
      reopen: async () => make({ ...options, allocations: shareState ? allocations : new Map() }),
    };
  };

resourceAllocatorContract(
  'InMemoryResourceAllocator',
  setupWith((o) => new InMemoryResourceAllocator(o)),
);

async function failedCases(setup: ResourceAllocatorSetup): Promise<string[]> {
  const outcomes = await runContractCases(resourceAllocatorCases, resourceAllocatorCaseContext(setup));
  return outcomes.filter((o) => !o.passed).map((o) => o.name);
}

const caseNamed = (start: string) => {
  const found = resourceAllocatorCases.find((c) => c.name.startsWith(start));
  if (!found) throw new Error(`no case ${start}`);
  return found.name;
};

describe('resourceAllocatorContract can fail', () => {
  it('catches an allocator that hands the same ports to everyone', async () => {
    class SamePorts extends InMemoryResourceAllocator {
      protected override freePorts(count: number): number[] {
        return Array.from({ length: count }, (_, i) => this.portRange.start + i);
      }
    }
    const failed = await failedCases(setupWith((o) => new SamePorts(o)));
    expect(failed).toContain(caseNamed('50 concurrent allocations'));
    expect(failed).toContain(caseNamed('a small port range runs out'));
  });

  it('catches an allocator that loses its allocations on restart', async () => {
    const failed = await failedCases(
      setupWith((o) => new InMemoryResourceAllocator(o), { shareState: false }),
    );
    expect(failed).toEqual([caseNamed('allocations survive a new instance')]);
  });

  it('catches an allocator that ignores the memory budget', async () => {
    class NoMemoryCheck extends InMemoryResourceAllocator {
      constructor(o: ConstructorParameters<typeof InMemoryResourceAllocator>[0]) {
        super({ ...o, totalMemoryMb: Number.MAX_SAFE_INTEGER });
      }
    }
    const failed = await failedCases(setupWith((o) => new NoMemoryCheck(o)));
    expect(failed).toContain(caseNamed('memory beyond the total'));
    expect(failed).toContain(caseNamed('checkAvailability agrees'));
  });

  it('catches availability that disagrees with allocate', async () => {
    class Optimist extends InMemoryResourceAllocator {
      override async checkAvailability(_requirements: ResourceRequirementsInput): Promise<boolean> {
        return true;
      }
    }
    const failed = await failedCases(setupWith((o) => new Optimist(o)));
    expect(failed).toContain(caseNamed('checkAvailability agrees'));
  });

  it('catches an allocator that never reclaims expired allocations', async () => {
    class NoExpiry extends InMemoryResourceAllocator {
      protected override reclaimExpired(): void {}
    }
    const failed = await failedCases(setupWith((o) => new NoExpiry(o)));
    expect(failed).toEqual([caseNamed('an allocation whose expiresAt has passed')]);
  });

  it('catches an allocator that replaces an existing allocation instead of refusing', async () => {
    class Replaces extends InMemoryResourceAllocator {
      override async allocate(startupId: string, requirements: ResourceRequirementsInput) {
        this.allocations.delete(startupId);
        return super.allocate(startupId, requirements);
      }
    }
    const failed = await failedCases(setupWith((o) => new Replaces(o)));
    expect(failed).toContain(caseNamed('a second allocate for the same startup'));
  });
});
