import { z } from 'zod';

export const StartupStatus = z.enum([
  'created',
  'running',
  'awaiting_approval',
  'paused',
  'resumable',
  'completed',
  'failed',
  'cancelled',
]);
export type StartupStatus = z.infer<typeof StartupStatus>;

/**
 * The legal moves, as data. `resumable` is where reconcile puts a startup that a crashed
 * process left mid-phase; `failed` may be resumed to retry from the failed phase.
 */
export const STATUS_TRANSITIONS: Readonly<Record<StartupStatus, readonly StartupStatus[]>> = {
  created: ['running', 'paused', 'cancelled', 'failed'],
  running: ['awaiting_approval', 'paused', 'resumable', 'completed', 'failed', 'cancelled'],
  awaiting_approval: ['running', 'paused', 'cancelled', 'failed'],
  paused: ['running', 'cancelled'],
  resumable: ['running', 'paused', 'cancelled', 'failed'],
  completed: [],
  failed: ['running', 'cancelled'],
  cancelled: [],
};

/** Statuses that hold a concurrency slot. */
export const ACTIVE_STATUSES: readonly StartupStatus[] = [
  'created',
  'running',
  'awaiting_approval',
  'paused',
  'resumable',
];

/**
 * Statuses whose startup keeps its allocation: the active ones, and `completed`, whose generated
 * app is built for (and may be deployed on) its ports and schema until the startup is deleted.
 */
export const RESOURCE_HOLDING_STATUSES: readonly StartupStatus[] = [...ACTIVE_STATUSES, 'completed'];

export function holdsResources(status: StartupStatus): boolean {
  return RESOURCE_HOLDING_STATUSES.includes(status);
}

export function canTransition(from: StartupStatus, to: StartupStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export function isActiveStatus(status: StartupStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function isTerminalStatus(status: StartupStatus): boolean {
  return STATUS_TRANSITIONS[status].length === 0;
}

/**
 * Statuses `resume` moves to `running`, read from the transition table: every status that may go
 * to `running`, except `awaiting_approval`, which only an approval continues.
 */
export const RESUMABLE_STATUSES: readonly StartupStatus[] = StartupStatus.options.filter(
  (status) => status !== 'awaiting_approval' && canTransition(status, 'running'),
);
