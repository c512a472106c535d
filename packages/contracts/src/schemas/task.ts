import { z } from 'zod';
import { JsonRecord, Timestamp } from './common';
import { DEFAULTS } from './defaults';
import { PhaseKey } from './phase';

/** Dotted task types: `market_research`, `market_research.competitors`, … */
export const TaskType = z
  .string()
  .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, 'must be a dotted lowercase task type');

export const TaskState = z.enum([
  'waiting',
  'queued',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'cancelled',
]);
export type TaskState = z.infer<typeof TaskState>;

export const TASK_FINAL_STATES: readonly TaskState[] = ['succeeded', 'failed', 'cancelled'];

export const Task = z.object({
  id: z.string().min(1).max(200),
  startupId: z.string().min(1),
  type: TaskType,
  phase: PhaseKey.optional(),
  prompt: z.string().max(200_000).default(''),
  input: JsonRecord.default({}),
  /** 1 runs first, 10 last. */
  priority: z.number().int().min(1).max(10).default(DEFAULTS.taskPriority),
  /** A provider the caller prefers; the router may still choose another. */
  provider: z.string().optional(),
  /** Name of a schema in OUTPUT_SCHEMAS that the output must satisfy. */
  outputSchema: z.string().optional(),
  /** Task ids whose results this task needs before it can run. */
  dependsOn: z.array(z.string()).default([]),
  maxAttempts: z.number().int().min(1).max(10).default(DEFAULTS.taskMaxAttempts),
  /**
   * The most output tokens one answer may have; sent to the provider as its output limit. Unset,
   * the provider package's default applies. An answer cut at the limit is not accepted.
   */
  maxOutputTokens: z.number().int().min(1).max(200_000).optional(),
  createdAt: Timestamp.optional(),
});
export type Task = z.infer<typeof Task>;
export type TaskInput = z.input<typeof Task>;

export const TaskError = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean().default(false),
});
export type TaskError = z.infer<typeof TaskError>;

export const TaskResult = z.object({
  taskId: z.string(),
  startupId: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  output: z.unknown(),
  provider: z.string().optional(),
  model: z.string().optional(),
  /** 0..1, from the quality orchestrator when it scored the output. */
  qualityScore: z.number().min(0).max(1).optional(),
  error: TaskError.optional(),
  attempts: z.number().int().min(0),
  startedAt: Timestamp.optional(),
  finishedAt: Timestamp,
  durationMs: z.number().min(0),
});
export type TaskResult = z.infer<typeof TaskResult>;

/** A task as the queue tracks it. */
export const TaskRecord = z.object({
  task: Task,
  state: TaskState,
  attempts: z.number().int().min(0),
  updatedAt: Timestamp,
});
export type TaskRecord = z.infer<typeof TaskRecord>;
