import type { StartupConfigInput } from '../schemas/startup-config';
import type { StartupInstance, StartupPatch } from '../schemas/startup-instance';
import type { StartupStatus } from '../schemas/startup-status';

export interface StartupListFilter {
  status?: StartupStatus | StartupStatus[];
}

/**
 * Creates startups, admits them under the concurrency limit, and moves them through their
 * statuses. Every change is persisted and reported as an event.
 */
export interface IStartupManager {
  /** Validates, admits and allocates; returns the new id. INVALID_CONFIG, CONFLICT, CONCURRENCY_LIMIT. */
  createStartup(config: StartupConfigInput): Promise<string>;
  /** By id or slug. NOT_FOUND when neither matches. */
  getStartup(idOrSlug: string): Promise<StartupInstance>;
  /** Startups holding a concurrency slot (see ACTIVE_STATUSES). */
  getActiveStartups(): Promise<StartupInstance[]>;
  listStartups(filter?: StartupListFilter): Promise<StartupInstance[]>;
  /** Status moves follow STATUS_TRANSITIONS; INVALID_TRANSITION otherwise. */
  updateStartup(id: string, patch: StartupPatch): Promise<StartupInstance>;
  pauseStartup(id: string): Promise<StartupInstance>;
  resumeStartup(id: string): Promise<StartupInstance>;
  /** Stops the startup for good and releases its resources. */
  cancelStartup(id: string): Promise<StartupInstance>;
  /** Removes the startup and releases every resource it held. */
  deleteStartup(id: string): Promise<void>;
  /** Prepares the admission path so the first create is not slower than the next; leaves nothing behind. */
  warmUp?(): Promise<void>;
}
