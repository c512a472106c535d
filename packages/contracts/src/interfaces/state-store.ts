import type { AIUsageRecord, UsageTotals } from '../schemas/ai-usage';
import type { Artifact } from '../schemas/artifact';
import type { FactoryEvent, FactoryEventType } from '../schemas/events';
import type { TaskRecord, TaskResult, TaskState } from '../schemas/task';

export interface EventFilter {
  startupId?: string;
  types?: FactoryEventType[];
  /** Only events with a larger sequence number. */
  afterSeq?: number;
  limit?: number;
}

export interface TaskFilter {
  startupId?: string;
  state?: TaskState | TaskState[];
}

/**
 * Durable state the tracks share. Documents are small JSON values addressed by collection and
 * key (context, learned statistics); the rest are typed tables. Everything survives a new instance.
 */
export interface IStateStore {
  getDocument<T = unknown>(collection: string, key: string): Promise<T | null>;
  putDocument(collection: string, key: string, value: unknown): Promise<void>;
  deleteDocument(collection: string, key: string): Promise<void>;
  listDocuments<T = unknown>(collection: string): Promise<Array<{ key: string; value: T }>>;

  /** Appends and returns the event with its sequence number. */
  appendEvent(event: FactoryEvent): Promise<FactoryEvent>;
  listEvents(filter?: EventFilter): Promise<FactoryEvent[]>;

  saveTask(record: TaskRecord): Promise<void>;
  getTask(taskId: string): Promise<TaskRecord | null>;
  listTasks(filter?: TaskFilter): Promise<TaskRecord[]>;
  /** First write wins: a second result for the same task is ignored and false is returned. */
  saveTaskResult(result: TaskResult): Promise<boolean>;
  getTaskResult(taskId: string): Promise<TaskResult | null>;

  recordUsage(record: AIUsageRecord): Promise<void>;
  usageSince(startupId: string, since: Date): Promise<UsageTotals>;
  listUsage(filter?: { startupId?: string; since?: Date }): Promise<AIUsageRecord[]>;

  recordArtifact(artifact: Artifact): Promise<void>;
  listArtifacts(startupId: string): Promise<Artifact[]>;

  close(): Promise<void>;
}
