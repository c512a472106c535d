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

/** A startup's AI budget as a reservation checks it: calls in the last hour, spend in the last day. */
export interface UsageLimits {
  callsPerHour: number;
  costPerDayUsd: number;
}

/** What `reserveUsage` decided; a refusal carries the usage it found, before the refused call. */
export type UsageReservation =
  | { reserved: true }
  | {
      reserved: false;
      limit: 'callsPerHour' | 'costPerDayUsd';
      callsLastHour: number;
      costLastDayUsd: number;
    };

/**
 * Durable state the tracks share. Documents are small JSON values addressed by collection and
 * key (context, learned statistics); the rest are typed tables. Everything survives a new instance.
 */
export interface IStateStore {
  getDocument<T = unknown>(collection: string, key: string): Promise<T | null>;
  putDocument(collection: string, key: string, value: unknown): Promise<void>;
  /** Puts several documents at once (all or none); a key given twice keeps its last value. */
  putDocuments(documents: Array<{ collection: string; key: string; value: unknown }>): Promise<void>;
  /**
   * Stores the document only when none is stored under `key`: first write wins, as one atomic step
   * against every other write, also those of other store instances and processes on the same
   * database (a claim). True when this call stored it; false, changing nothing, when one was there.
   */
  insertDocument(collection: string, key: string, value: unknown): Promise<boolean>;
  deleteDocument(collection: string, key: string): Promise<void>;
  listDocuments<T = unknown>(collection: string): Promise<Array<{ key: string; value: T }>>;
  /** The documents stored under `keys` in one read, ordered by key; keys with none are left out. */
  getDocuments<T = unknown>(collection: string, keys: string[]): Promise<Array<{ key: string; value: T }>>;

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
  /**
   * Books a call before it is made: stores `record` (outcome `reserved`, `costUsd` its estimate)
   * only when, counting it, the startup's calls in the hour before `record.createdAt` stay within
   * `limits.callsPerHour` and its spend in the day before within `limits.costPerDayUsd` (a day
   * already at its limit refuses even a call estimated at nothing). Check and insert are one atomic
   * step against every other reservation, also those of other store instances and processes on
   * the same database, so parallel calls never pass a limit together.
   */
  reserveUsage(record: AIUsageRecord, limits: UsageLimits): Promise<UsageReservation>;
  /**
   * Replaces the record with the same id (a reservation) by what the call did; inserts it if absent.
   * `documents` are put in the same step, all or none, as `putDocuments` puts them.
   */
  settleUsage(
    record: AIUsageRecord,
    documents?: Array<{ collection: string; key: string; value: unknown }>,
  ): Promise<void>;
  /** Calls that reached a provider (reservations included; cache hits and refusals not) since `since`. */
  usageSince(startupId: string, since: Date): Promise<UsageTotals>;
  listUsage(filter?: { startupId?: string; since?: Date }): Promise<AIUsageRecord[]>;

  recordArtifact(artifact: Artifact): Promise<void>;
  listArtifacts(startupId: string): Promise<Artifact[]>;

  close(): Promise<void>;
}
