import type { IEventBus, IStateStore, Task, TaskHandler } from '@startup-factory/contracts';
import type { DependencyMonitor } from '../outage/dependency-monitor';
import type { CircuitBreakerOptions } from './circuit-breaker';
import type { ProviderLimit } from './provider-limiter';
import type { RetryOptions } from './retry-policy';

/** Per-startup AI budget the queue enforces before it runs a task. */
export interface StartupCallQuota {
  callsPerHour: number;
}

export interface TaskQueueOptions {
  /** Where task records, results and events are persisted. */
  store: IStateStore;
  /** Runs one attempt of a task. */
  handler: TaskHandler;
  /** Live delivery of the events also appended to the store. */
  events?: IEventBus;
  /** Tasks running at once (default 15). */
  concurrency?: number;
  /** Providers to try for a task, in the router's order; a provider whose circuit is open is skipped. */
  providersFor?: (task: Task) => string[];
  providerLimits?: Record<string, ProviderLimit>;
  /** The startup's quota, or null for none; checked before each attempt. */
  quotaFor?: (startupId: string) => StartupCallQuota | null | Promise<StartupCallQuota | null>;
  retry?: RetryOptions;
  circuitBreaker?: CircuitBreakerOptions;
  /** Source of jitter, 0..1 (default Math.random). */
  random?: () => number;
  /** Milliseconds since the epoch (default Date.now). */
  clock?: () => number;
  /** Told about failures the queue survives: a store write or a live event publish that failed. */
  onError?: (error: unknown) => void;
  /** BullMQ: told when Redis stops answering and when it answers again (one change per outage). */
  monitor?: DependencyMonitor;
}
