import type { ResourceAllocation } from '../schemas/resource-allocation';
import type { ResourceRequirementsInput } from '../schemas/resource-requirements';

export interface AllocateOptions {
  /** When set, the allocation may be reclaimed after this moment. */
  expiresAt?: Date | null;
}

/** Hands out ports, memory, CPU, storage, a database namespace and an AI quota per startup. */
export interface IResourceAllocator {
  /** INSUFFICIENT_MEMORY, INSUFFICIENT_RESOURCES, PORTS_EXHAUSTED, CONFLICT (already allocated). */
  allocate(
    startupId: string,
    requirements: ResourceRequirementsInput,
    options?: AllocateOptions,
  ): Promise<ResourceAllocation>;
  /** Releases everything; a no-op for a startup without an allocation. */
  deallocate(startupId: string): Promise<void>;
  /** True exactly when `allocate` with the same requirements would succeed now. */
  checkAvailability(requirements: ResourceRequirementsInput): Promise<boolean>;
  getAllocation(startupId: string): Promise<ResourceAllocation | null>;
  listAllocations(): Promise<ResourceAllocation[]>;
}
