import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IResourceAllocator } from '../interfaces/resource-allocator';
import { DatabaseNamespace } from '../schemas/resource-allocation';
import type { ResourceRequirementsInput } from '../schemas/resource-requirements';
import { type ContractCase, registerContract } from './contract-case';
import { expectFactoryError } from './expect-error';
import { randomTestPortBase } from './test-ports';

export interface ResourceAllocatorSetupOptions {
  portRange: { start: number; end: number };
  totalMemoryMb: number;
  totalCpuCores: number;
  totalStorageGb: number;
}

export interface ResourceAllocatorHarness {
  allocator: IResourceAllocator;
  /** A new allocator over the same data, as after a process restart. */
  reopen(): Promise<IResourceAllocator>;
  cleanup?(): Promise<void>;
}

export type ResourceAllocatorSetup = (
  options: ResourceAllocatorSetupOptions,
) => Promise<ResourceAllocatorHarness>;

/** What each case receives: opens harnesses with the budgets it needs and cleans all of them up. */
export interface ResourceAllocatorCaseContext {
  open(overrides?: Partial<ResourceAllocatorSetupOptions>): Promise<ResourceAllocatorHarness>;
  /** First port of a range no other case in this run uses (random, below the ephemeral range). */
  basePort: number;
  cleanup(): Promise<void>;
}

/** Wraps an implementation's setup into the context the cases run on (for runContractCases). */
export function resourceAllocatorCaseContext(
  setup: ResourceAllocatorSetup,
): () => Promise<ResourceAllocatorCaseContext> {
  return async () => {
    const basePort = randomTestPortBase(200);
    const opened: ResourceAllocatorHarness[] = [];
    return {
      basePort,
      async open(overrides = {}) {
        const harness = await setup({
          portRange: { start: basePort, end: basePort + 199 },
          totalMemoryMb: 1_000_000,
          totalCpuCores: 1_000,
          totalStorageGb: 100_000,
          ...overrides,
        });
        opened.push(harness);
        return harness;
      },
      async cleanup() {
        for (const h of opened.reverse()) await h.cleanup?.();
      },
    };
  };
}

const id = () => `s-${randomUUID()}`;
const small: ResourceRequirementsInput = { memoryMb: 64, cpuCores: 0.1, storageGb: 1, portCount: 1 };

export const resourceAllocatorCases: ContractCase<ResourceAllocatorCaseContext>[] = [
  {
    name: 'an allocation gets the plan defaults and a namespace and ports in range',
    async run({ open, basePort }) {
      const { allocator } = await open();
      const startupId = id();
      const a = await allocator.allocate(startupId, {});
      expect(a.startupId).toBe(startupId);
      expect([a.memoryMb, a.cpuCores, a.storageGb]).toEqual([500, 0.5, 2]);
      expect(a.ports).toHaveLength(3);
      expect(new Set(a.ports).size).toBe(3);
      for (const p of a.ports) expect(p >= basePort && p <= basePort + 199).toBe(true);
      expect(DatabaseNamespace.safeParse(a.databaseNamespace).success).toBe(true);
      expect(a.apiQuota).toEqual({ callsPerHour: 1000, costPerDayUsd: 15 });
      expect(a.expiresAt).toBeNull();
      expect(await allocator.getAllocation(startupId)).toEqual(a);
    },
  },
  {
    name: '50 concurrent allocations get pairwise disjoint ports and namespaces',
    async run({ open }) {
      const { allocator } = await open();
      const all = await Promise.all(Array.from({ length: 50 }, () => allocator.allocate(id(), {})));
      const ports = all.flatMap((a) => a.ports);
      expect(ports).toHaveLength(150);
      expect(new Set(ports).size).toBe(150);
      expect(new Set(all.map((a) => a.databaseNamespace)).size).toBe(50);
      expect(await allocator.listAllocations()).toHaveLength(50);
    },
  },
  {
    name: 'a small port range runs out with PORTS_EXHAUSTED and deallocate makes ports reusable',
    async run({ open, basePort }) {
      const { allocator } = await open({ portRange: { start: basePort, end: basePort + 3 } });
      const first = await allocator.allocate(id(), { ...small, portCount: 3 });
      await expectFactoryError(allocator.allocate(id(), { ...small, portCount: 3 }), 'PORTS_EXHAUSTED');
      expect(await allocator.checkAvailability({ ...small, portCount: 3 })).toBe(false);
      await allocator.deallocate(first.startupId);
      expect(await allocator.getAllocation(first.startupId)).toBeNull();
      const again = await allocator.allocate(id(), { ...small, portCount: 3 });
      expect(again.ports).toHaveLength(3);
    },
  },
  {
    name: 'memory beyond the total is INSUFFICIENT_MEMORY; CPU and storage are INSUFFICIENT_RESOURCES',
    async run({ open }) {
      const { allocator } = await open({ totalMemoryMb: 1000, totalCpuCores: 2, totalStorageGb: 10 });
      const a = await allocator.allocate(id(), { ...small, memoryMb: 600 });
      await expectFactoryError(allocator.allocate(id(), { ...small, memoryMb: 500 }), 'INSUFFICIENT_MEMORY');
      await allocator.allocate(id(), { ...small, memoryMb: 300 });
      await expectFactoryError(allocator.allocate(id(), { ...small, cpuCores: 2 }), 'INSUFFICIENT_RESOURCES');
      await expectFactoryError(
        allocator.allocate(id(), { ...small, storageGb: 9 }),
        'INSUFFICIENT_RESOURCES',
      );
      await allocator.deallocate(a.startupId);
      await allocator.allocate(id(), { ...small, memoryMb: 500 });
    },
  },
  {
    name: 'checkAvailability agrees with allocate over a sequence of requests',
    async run({ open, basePort }) {
      const { allocator } = await open({
        portRange: { start: basePort, end: basePort + 9 },
        totalMemoryMb: 2000,
        totalCpuCores: 4,
        totalStorageGb: 20,
      });
      const requests: ResourceRequirementsInput[] = [
        { memoryMb: 800, cpuCores: 1, storageGb: 5, portCount: 3 },
        { memoryMb: 800, cpuCores: 1, storageGb: 5, portCount: 3 },
        { memoryMb: 800, cpuCores: 0.5, storageGb: 5, portCount: 1 },
        { memoryMb: 300, cpuCores: 1, storageGb: 5, portCount: 1 },
        { memoryMb: 64, cpuCores: 0.5, storageGb: 6, portCount: 1 },
        { memoryMb: 64, cpuCores: 0.5, storageGb: 5, portCount: 4 },
        { memoryMb: 64, cpuCores: 0.5, storageGb: 5, portCount: 3 },
        { memoryMb: 64, cpuCores: 0.6, storageGb: 1, portCount: 1 },
      ];
      const outcomes: Array<[boolean, boolean]> = [];
      for (const r of requests) {
        const predicted = await allocator.checkAvailability(r);
        const actual = await allocator.allocate(id(), r).then(
          () => true,
          () => false,
        );
        outcomes.push([predicted, actual]);
      }
      for (const [predicted, actual] of outcomes) expect(predicted).toBe(actual);
      expect(outcomes.map(([, actual]) => actual)).toEqual([
        true,
        true,
        false,
        true,
        false,
        false,
        true,
        false,
      ]);
    },
  },
  {
    name: 'allocations survive a new instance and the new one does not hand out their ports',
    async run({ open, basePort }) {
      const { allocator, reopen } = await open({ portRange: { start: basePort, end: basePort + 5 } });
      const a = await allocator.allocate(id(), {
        ...small,
        portCount: 3,
        apiCallsPerHour: 77,
        costPerDayUsd: 2.5,
      });
      const again = await reopen();
      expect(await again.getAllocation(a.startupId)).toEqual(a);
      const b = await again.allocate(id(), { ...small, portCount: 3 });
      expect(b.ports.some((p) => a.ports.includes(p))).toBe(false);
      await expectFactoryError(again.allocate(id(), { ...small, portCount: 1 }), 'PORTS_EXHAUSTED');
    },
  },
  {
    name: 'a second allocate for the same startup is CONFLICT; deallocating an unknown startup is a no-op',
    async run({ open }) {
      const { allocator } = await open();
      const startupId = id();
      const a = await allocator.allocate(startupId, small);
      await expectFactoryError(allocator.allocate(startupId, small), 'CONFLICT');
      await allocator.deallocate(id());
      expect(await allocator.getAllocation(startupId)).toEqual(a);
      expect(await allocator.getAllocation(id())).toBeNull();
    },
  },
  {
    name: 'invalid requirements are INVALID_CONFIG naming the field, and allocate nothing',
    async run({ open }) {
      const { allocator } = await open();
      const bad: Array<[ResourceRequirementsInput, string]> = [
        [{ memoryMb: -5 }, 'memoryMb'],
        [{ memoryMb: 10_000_000 }, 'memoryMb'],
        [{ cpuCores: 0 }, 'cpuCores'],
        [{ portCount: 0 }, 'portCount'],
        [{ storageGb: 1.5 }, 'storageGb'],
        [{ costPerDayUsd: -1 }, 'costPerDayUsd'],
      ];
      for (const [requirements, field] of bad) {
        const error = await expectFactoryError(allocator.allocate(id(), requirements), 'INVALID_CONFIG');
        expect(error.message).toContain(field);
        await expectFactoryError(allocator.checkAvailability(requirements), 'INVALID_CONFIG');
      }
      expect(await allocator.listAllocations()).toEqual([]);
    },
  },
  {
    name: 'an allocation whose expiresAt has passed is reclaimed',
    async run({ open, basePort }) {
      const { allocator } = await open({ portRange: { start: basePort, end: basePort + 2 } });
      const expired = await allocator.allocate(
        id(),
        { ...small, portCount: 3 },
        {
          expiresAt: new Date(Date.now() - 60_000),
        },
      );
      const live = await allocator.allocate(id(), { ...small, portCount: 3 });
      expect(live.ports.sort()).toEqual(expired.ports.sort());
      expect(await allocator.getAllocation(expired.startupId)).toBeNull();
      expect((await allocator.listAllocations()).map((a) => a.startupId)).toEqual([live.startupId]);
      const future = new Date(Date.now() + 3_600_000);
      await allocator.deallocate(live.startupId);
      const kept = await allocator.allocate(id(), { ...small, portCount: 1 }, { expiresAt: future });
      expect((await allocator.getAllocation(kept.startupId))?.expiresAt?.getTime()).toBe(future.getTime());
    },
  },
];

/** Registers the IResourceAllocator contract for an implementation. */
export function resourceAllocatorContract(name: string, setup: ResourceAllocatorSetup): void {
  registerContract(
    `IResourceAllocator contract: ${name}`,
    resourceAllocatorCases,
    resourceAllocatorCaseContext(setup),
  );
}
