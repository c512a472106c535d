import { ConflictError } from '../errors/conflict-error';
import { InsufficientMemoryError } from '../errors/insufficient-memory-error';
import { InsufficientResourcesError } from '../errors/insufficient-resources-error';
import { parseInput } from '../errors/invalid-config-error';
import { PortsExhaustedError } from '../errors/ports-exhausted-error';
import type { AllocateOptions, IResourceAllocator } from '../interfaces/resource-allocator';
import { namespaceFor, type ResourceAllocation } from '../schemas/resource-allocation';
import {
  ResourceRequirements as RequirementsSchema,
  type ResourceRequirements,
  type ResourceRequirementsInput,
} from '../schemas/resource-requirements';

export interface InMemoryAllocatorOptions {
  portRange?: { start: number; end: number };
  totalMemoryMb?: number;
  totalCpuCores?: number;
  totalStorageGb?: number;
  /** Share one between instances to model a restart. */
  allocations?: Map<string, ResourceAllocation>;
  now?: () => Date;
}

/** A correct IResourceAllocator in memory (one process only), for tests of code that needs one. */
export class InMemoryResourceAllocator implements IResourceAllocator {
  readonly allocations: Map<string, ResourceAllocation>;
  protected readonly portRange: { start: number; end: number };
  protected readonly totals: { memoryMb: number; cpuCores: number; storageGb: number };
  protected readonly now: () => Date;

  constructor(options: InMemoryAllocatorOptions = {}) {
    this.allocations = options.allocations ?? new Map();
    this.portRange = options.portRange ?? { start: 3000, end: 3099 };
    this.totals = {
      memoryMb: options.totalMemoryMb ?? 8192,
      cpuCores: options.totalCpuCores ?? 4,
      storageGb: options.totalStorageGb ?? 100,
    };
    this.now = options.now ?? (() => new Date());
  }

  async allocate(
    startupId: string,
    requirements: ResourceRequirementsInput,
    options: AllocateOptions = {},
  ): Promise<ResourceAllocation> {
    const req = parseInput(RequirementsSchema, requirements, 'resource requirements');
    this.reclaimExpired();
    if (this.allocations.has(startupId)) {
      throw new ConflictError({
        message: `Startup ${startupId} already holds an allocation; deallocate it first.`,
      });
    }
    this.checkBudgets(req);
    const ports = this.freePorts(req.portCount);
    const allocation: ResourceAllocation = {
      startupId,
      memoryMb: req.memoryMb,
      cpuCores: req.cpuCores,
      storageGb: req.storageGb,
      ports,
      databaseNamespace: namespaceFor(startupId),
      apiQuota: { callsPerHour: req.apiCallsPerHour, costPerDayUsd: req.costPerDayUsd },
      allocatedAt: this.now(),
      expiresAt: options.expiresAt ?? null,
    };
    this.allocations.set(startupId, allocation);
    return structuredClone(allocation);
  }

  async deallocate(startupId: string): Promise<void> {
    this.allocations.delete(startupId);
  }

  async checkAvailability(requirements: ResourceRequirementsInput): Promise<boolean> {
    const req = parseInput(RequirementsSchema, requirements, 'resource requirements');
    this.reclaimExpired();
    try {
      this.checkBudgets(req);
      this.freePorts(req.portCount);
      return true;
    } catch {
      return false;
    }
  }

  async getAllocation(startupId: string): Promise<ResourceAllocation | null> {
    this.reclaimExpired();
    const found = this.allocations.get(startupId);
    return found ? structuredClone(found) : null;
  }

  async listAllocations(): Promise<ResourceAllocation[]> {
    this.reclaimExpired();
    return [...this.allocations.values()].map((a) => structuredClone(a));
  }

  protected reclaimExpired(): void {
    const now = this.now().getTime();
    for (const [id, a] of this.allocations) {
      if (a.expiresAt && a.expiresAt.getTime() <= now) this.allocations.delete(id);
    }
  }

  protected checkBudgets(req: ResourceRequirements): void {
    const held = { memoryMb: 0, cpuCores: 0, storageGb: 0 };
    for (const a of this.allocations.values()) {
      held.memoryMb += a.memoryMb;
      held.cpuCores += a.cpuCores;
      held.storageGb += a.storageGb;
    }
    if (held.memoryMb + req.memoryMb > this.totals.memoryMb) {
      throw new InsufficientMemoryError({
        message: `Needs ${req.memoryMb} MB but only ${this.totals.memoryMb - held.memoryMb} MB are free; release a startup or ask for less.`,
      });
    }
    if (held.cpuCores + req.cpuCores > this.totals.cpuCores + 1e-9) {
      throw new InsufficientResourcesError({
        message: `Needs ${req.cpuCores} CPU cores but only ${this.totals.cpuCores - held.cpuCores} are free.`,
      });
    }
    if (held.storageGb + req.storageGb > this.totals.storageGb) {
      throw new InsufficientResourcesError({
        message: `Needs ${req.storageGb} GB of storage but only ${this.totals.storageGb - held.storageGb} GB are free.`,
      });
    }
  }

  protected freePorts(count: number): number[] {
    const taken = new Set([...this.allocations.values()].flatMap((a) => a.ports));
    const ports: number[] = [];
    for (let p = this.portRange.start; p <= this.portRange.end && ports.length < count; p++) {
      if (!taken.has(p)) ports.push(p);
    }
    if (ports.length < count) {
      throw new PortsExhaustedError({
        message: `No ${count} free ports left in ${this.portRange.start}-${this.portRange.end}; release a startup or widen the range.`,
      });
    }
    return ports;
  }
}
