import { z } from 'zod';
import { AICallOutcome } from './ai-usage';
import { JsonRecord, Timestamp } from './common';
import { PhaseKey } from './phase';
import { StartupStatus } from './startup-status';

const base = {
  /** Assigned by the store when the event is appended; absent before. */
  seq: z.number().int().optional(),
  startupId: z.string(),
  at: Timestamp,
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...base, ...shape });

export const StartupCreatedEvent = event('startup.created', {
  name: z.string(),
  slug: z.string(),
  template: z.string(),
});
export const StartupStatusChangedEvent = event('startup.status_changed', {
  from: StartupStatus.nullable(),
  to: StartupStatus,
  reason: z.string().optional(),
});
export const StartupDeletedEvent = event('startup.deleted', {});
export const ResourceAllocatedEvent = event('resource.allocated', {
  ports: z.array(z.number().int()),
  memoryMb: z.number(),
  cpuCores: z.number(),
  databaseNamespace: z.string(),
});
export const ResourceReleasedEvent = event('resource.released', {
  ports: z.array(z.number().int()),
  reason: z.string(),
});
export const PhaseStartedEvent = event('phase.started', { phase: PhaseKey });
export const PhaseFinishedEvent = event('phase.finished', {
  phase: PhaseKey,
  outcome: z.enum(['succeeded', 'failed', 'skipped']),
  durationMs: z.number().nonnegative(),
});
export const TaskQueuedEvent = event('task.queued', {
  taskId: z.string(),
  taskType: z.string(),
  priority: z.number(),
});
export const TaskStartedEvent = event('task.started', {
  taskId: z.string(),
  provider: z.string().optional(),
  attempt: z.number(),
});
export const TaskRetriedEvent = event('task.retried', {
  taskId: z.string(),
  attempt: z.number(),
  delayMs: z.number().nonnegative(),
  reason: z.string(),
});
export const TaskFinishedEvent = event('task.finished', {
  taskId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  durationMs: z.number().nonnegative(),
});
export const AICallEvent = event('ai.call', {
  provider: z.string(),
  model: z.string(),
  taskType: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
  latencyMs: z.number(),
  outcome: AICallOutcome,
});
export const ArtifactWrittenEvent = event('artifact.written', {
  path: z.string(),
  phase: PhaseKey,
  sizeBytes: z.number(),
});
export const DeployStepEvent = event('deploy.step', {
  step: z.enum(['build', 'start', 'health_check', 'switch', 'drain', 'stop', 'failed']),
  port: z.number().int().optional(),
  detail: JsonRecord.default({}),
});
/** The adaptive concurrency controller moved its target; `startupId` is 'system'. */
export const QueueConcurrencyChangedEvent = event('queue.concurrency_changed', {
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  reason: z.string(),
});

/** Everything the system reports, discriminated by `type`. */
export const FactoryEvent = z.discriminatedUnion('type', [
  StartupCreatedEvent,
  StartupStatusChangedEvent,
  StartupDeletedEvent,
  ResourceAllocatedEvent,
  ResourceReleasedEvent,
  PhaseStartedEvent,
  PhaseFinishedEvent,
  TaskQueuedEvent,
  TaskStartedEvent,
  TaskRetriedEvent,
  TaskFinishedEvent,
  AICallEvent,
  ArtifactWrittenEvent,
  DeployStepEvent,
  QueueConcurrencyChangedEvent,
]);
export type FactoryEvent = z.infer<typeof FactoryEvent>;
export type FactoryEventType = FactoryEvent['type'];
export type FactoryEventOf<T extends FactoryEventType> = Extract<FactoryEvent, { type: T }>;
export const FACTORY_EVENT_TYPES = FactoryEvent.options.map((o) => o.shape.type.value) as FactoryEventType[];
