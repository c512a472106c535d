import { randomUUID } from 'node:crypto';
import { ConcurrencyLimitError } from '../errors/concurrency-limit-error';
import { ConflictError } from '../errors/conflict-error';
import { parseInput } from '../errors/invalid-config-error';
import { InvalidTransitionError } from '../errors/invalid-transition-error';
import { NotFoundError } from '../errors/not-found-error';
import type { IResourceAllocator } from '../interfaces/resource-allocator';
import type { IStartupManager, StartupListFilter } from '../interfaces/startup-manager';
import { DEFAULTS } from '../schemas/defaults';
import { PHASES } from '../schemas/phase';
import { StartupConfig, type StartupConfigInput, slugify } from '../schemas/startup-config';
import { type StartupInstance, StartupPatch } from '../schemas/startup-instance';
import {
  ACTIVE_STATUSES,
  canTransition,
  holdsResources,
  isActiveStatus,
  type StartupStatus,
} from '../schemas/startup-status';
import { InMemoryResourceAllocator } from './in-memory-resource-allocator';

type StoredStartup = Omit<StartupInstance, 'resourceAllocation'>;

/** Everything an InMemoryStartupManager holds; share one between instances to model a restart. */
export interface InMemoryStartupState {
  startups: Map<string, StoredStartup>;
  allocator: IResourceAllocator;
}

export function createInMemoryStartupState(allocator?: IResourceAllocator): InMemoryStartupState {
  return { startups: new Map(), allocator: allocator ?? new InMemoryResourceAllocator() };
}

/** A correct IStartupManager in memory (one process only), for tests of code that needs one. */
export class InMemoryStartupManager implements IStartupManager {
  readonly state: InMemoryStartupState;
  protected readonly maxConcurrent: number;

  constructor(options: { state?: InMemoryStartupState; maxConcurrent?: number } = {}) {
    this.state = options.state ?? createInMemoryStartupState();
    this.maxConcurrent = options.maxConcurrent ?? DEFAULTS.maxConcurrentStartups;
  }

  async createStartup(input: StartupConfigInput): Promise<string> {
    const config = parseInput(StartupConfig, input, 'startup config');
    const slug = slugify(config.name);
    // Check and reserve without awaiting in between, so concurrent creates cannot both pass.
    if ([...this.state.startups.values()].some((s) => s.slug === slug)) {
      throw new ConflictError({
        message: `A startup named "${config.name}" already exists; choose another name.`,
      });
    }
    if (this.countActive() >= this.maxConcurrent) {
      throw new ConcurrencyLimitError({
        message: `${this.maxConcurrent} startups are already active; cancel, delete or finish one first.`,
      });
    }
    const id = randomUUID();
    const now = new Date();
    this.state.startups.set(id, {
      id,
      slug,
      config,
      status: 'created',
      currentPhase: PHASES[0],
      state: {},
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.state.allocator.allocate(id, config.resourceRequirements);
    } catch (error) {
      this.state.startups.delete(id);
      throw error;
    }
    return id;
  }

  async getStartup(idOrSlug: string): Promise<StartupInstance> {
    return this.withAllocation(this.find(idOrSlug));
  }

  async getActiveStartups(): Promise<StartupInstance[]> {
    return this.listStartups({ status: [...ACTIVE_STATUSES] });
  }

  async listStartups(filter: StartupListFilter = {}): Promise<StartupInstance[]> {
    const statuses = filter.status === undefined ? undefined : [filter.status].flat();
    const matching = [...this.state.startups.values()].filter(
      (s) => statuses === undefined || statuses.includes(s.status),
    );
    return Promise.all(matching.map((s) => this.withAllocation(s)));
  }

  async updateStartup(id: string, patch: StartupPatch): Promise<StartupInstance> {
    const parsed = parseInput(StartupPatch, patch, 'startup patch');
    const current = this.find(id);
    if (parsed.status !== undefined) {
      await this.transition(current, parsed.status);
    }
    if (parsed.currentPhase !== undefined) current.currentPhase = parsed.currentPhase;
    if (parsed.state !== undefined) current.state = structuredClone(parsed.state);
    current.updatedAt = new Date();
    return this.withAllocation(current);
  }

  async pauseStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'paused' });
  }

  async resumeStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'running' });
  }

  async cancelStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'cancelled' });
  }

  async deleteStartup(id: string): Promise<void> {
    const current = this.find(id);
    this.state.startups.delete(current.id);
    await this.state.allocator.deallocate(current.id);
  }

  protected countActive(): number {
    return [...this.state.startups.values()].filter((s) => isActiveStatus(s.status)).length;
  }

  protected async transition(current: StoredStartup, to: StartupStatus): Promise<void> {
    if (!canTransition(current.status, to)) {
      throw new InvalidTransitionError({
        message: `Startup ${current.slug} cannot move from ${current.status} to ${to}.`,
      });
    }
    const reactivating = !isActiveStatus(current.status) && isActiveStatus(to);
    if (reactivating && this.countActive() >= this.maxConcurrent) {
      throw new ConcurrencyLimitError({
        message: `${this.maxConcurrent} startups are already active; cancel, delete or finish one first.`,
      });
    }
    const from = current.status;
    current.status = to;
    if (!holdsResources(to)) await this.state.allocator.deallocate(current.id);
    if (reactivating) {
      try {
        await this.state.allocator.allocate(current.id, current.config.resourceRequirements);
      } catch (error) {
        current.status = from;
        throw error;
      }
    }
  }

  protected find(idOrSlug: string): StoredStartup {
    const found =
      this.state.startups.get(idOrSlug) ?? [...this.state.startups.values()].find((s) => s.slug === idOrSlug);
    if (!found) throw new NotFoundError({ message: `No startup with id or slug "${idOrSlug}".` });
    return found;
  }

  protected async withAllocation(stored: StoredStartup): Promise<StartupInstance> {
    const resourceAllocation = await this.state.allocator.getAllocation(stored.id);
    return { ...structuredClone(stored), resourceAllocation };
  }
}
