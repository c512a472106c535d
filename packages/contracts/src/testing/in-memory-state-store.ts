import type {
  EventFilter,
  IStateStore,
  TaskFilter,
  UsageLimits,
  UsageReservation,
} from '../interfaces/state-store';
import type { AIUsageRecord, UsageTotals } from '../schemas/ai-usage';
import type { Artifact } from '../schemas/artifact';
import type { FactoryEvent } from '../schemas/events';
import type { TaskRecord, TaskResult } from '../schemas/task';

/** Everything an InMemoryStateStore holds; share one between instances to model a restart. */
export interface InMemoryState {
  documents: Map<string, unknown>;
  events: FactoryEvent[];
  tasks: Map<string, TaskRecord>;
  results: Map<string, TaskResult>;
  usage: AIUsageRecord[];
  artifacts: Artifact[];
}

export function createInMemoryState(): InMemoryState {
  return { documents: new Map(), events: [], tasks: new Map(), results: new Map(), usage: [], artifacts: [] };
}

/** Calls that reached a provider count against quotas; cache hits and refused calls do not. */
export const reachedProvider = (u: AIUsageRecord) => u.outcome !== 'cached' && u.outcome !== 'quota_exceeded';
const clone = <T>(value: T): T => structuredClone(value);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const docKey = (collection: string, key: string) => `${collection}\u0000${key}`;
const asList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** A correct IStateStore in memory, for tests of packages that cannot use a database. */
export class InMemoryStateStore implements IStateStore {
  constructor(readonly state: InMemoryState = createInMemoryState()) {}

  async getDocument<T = unknown>(collection: string, key: string): Promise<T | null> {
    const value = this.state.documents.get(docKey(collection, key));
    return value === undefined ? null : (clone(value) as T);
  }

  async putDocument(collection: string, key: string, value: unknown): Promise<void> {
    this.state.documents.set(docKey(collection, key), clone(value));
  }

  async putDocuments(documents: Array<{ collection: string; key: string; value: unknown }>): Promise<void> {
    for (const d of documents) await this.putDocument(d.collection, d.key, d.value);
  }

  async insertDocument(collection: string, key: string, value: unknown): Promise<boolean> {
    if (this.state.documents.has(docKey(collection, key))) return false;
    this.state.documents.set(docKey(collection, key), clone(value));
    return true;
  }

  async deleteDocument(collection: string, key: string): Promise<void> {
    this.state.documents.delete(docKey(collection, key));
  }

  async getDocuments<T = unknown>(
    collection: string,
    keys: string[],
  ): Promise<Array<{ key: string; value: T }>> {
    return (await this.listDocuments<T>(collection)).filter((d) => keys.includes(d.key));
  }

  async listDocuments<T = unknown>(collection: string): Promise<Array<{ key: string; value: T }>> {
    const prefix = `${collection}\u0000`;
    return [...this.state.documents.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, value]) => ({ key: k.slice(prefix.length), value: clone(value) as T }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  async appendEvent(event: FactoryEvent): Promise<FactoryEvent> {
    const stored = { ...clone(event), seq: this.state.events.length + 1 };
    this.state.events.push(stored);
    return clone(stored);
  }

  async listEvents(filter: EventFilter = {}): Promise<FactoryEvent[]> {
    const matching = this.state.events.filter(
      (e) =>
        (filter.startupId === undefined || e.startupId === filter.startupId) &&
        (filter.types === undefined || filter.types.includes(e.type)) &&
        (filter.afterSeq === undefined || (e.seq ?? 0) > filter.afterSeq),
    );
    return clone(filter.limit === undefined ? matching : matching.slice(0, filter.limit));
  }

  async saveTask(record: TaskRecord): Promise<void> {
    this.state.tasks.set(record.task.id, clone(record));
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    const record = this.state.tasks.get(taskId);
    return record ? clone(record) : null;
  }

  async listTasks(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    const states = asList(filter.state);
    return clone(
      [...this.state.tasks.values()].filter(
        (r) =>
          (filter.startupId === undefined || r.task.startupId === filter.startupId) &&
          (states === undefined || states.includes(r.state)),
      ),
    );
  }

  async saveTaskResult(result: TaskResult): Promise<boolean> {
    if (this.state.results.has(result.taskId)) return false;
    this.state.results.set(result.taskId, clone(result));
    return true;
  }

  async getTaskResult(taskId: string): Promise<TaskResult | null> {
    const result = this.state.results.get(taskId);
    return result ? clone(result) : null;
  }

  async recordUsage(record: AIUsageRecord): Promise<void> {
    this.state.usage.push(clone(record));
  }

  // Check and insert run without an await between them, so reservations are atomic in one process.
  async reserveUsage(record: AIUsageRecord, limits: UsageLimits): Promise<UsageReservation> {
    const at = record.createdAt.getTime();
    const callsLastHour = this.totals(record.startupId, new Date(at - HOUR_MS)).calls;
    const costLastDayUsd = this.totals(record.startupId, new Date(at - DAY_MS)).costUsd;
    if (callsLastHour + 1 > limits.callsPerHour) {
      return { reserved: false, limit: 'callsPerHour', callsLastHour, costLastDayUsd };
    }
    if (costLastDayUsd >= limits.costPerDayUsd || costLastDayUsd + record.costUsd > limits.costPerDayUsd) {
      return { reserved: false, limit: 'costPerDayUsd', callsLastHour, costLastDayUsd };
    }
    this.state.usage.push(clone(record));
    return { reserved: true };
  }

  async settleUsage(
    record: AIUsageRecord,
    documents: Array<{ collection: string; key: string; value: unknown }> = [],
  ): Promise<void> {
    const values = documents.map((d) => ({ ...d, value: clone(d.value) }));
    for (const d of values) await this.putDocument(d.collection, d.key, d.value);
    const index = this.state.usage.findIndex((u) => u.id === record.id);
    if (index === -1) this.state.usage.push(clone(record));
    else this.state.usage[index] = clone(record);
  }

  async usageSince(startupId: string, since: Date): Promise<UsageTotals> {
    return this.totals(startupId, since);
  }

  private totals(startupId: string, since: Date): UsageTotals {
    const totals = { calls: 0, costUsd: 0, inputTokens: 0, outputTokens: 0 };
    for (const u of this.state.usage) {
      if (u.startupId !== startupId || u.createdAt.getTime() < since.getTime() || !reachedProvider(u))
        continue;
      totals.calls += 1;
      totals.costUsd += u.costUsd;
      totals.inputTokens += u.inputTokens;
      totals.outputTokens += u.outputTokens;
    }
    return totals;
  }

  async listUsage(filter: { startupId?: string; since?: Date } = {}): Promise<AIUsageRecord[]> {
    return clone(
      this.state.usage.filter(
        (u) =>
          (filter.startupId === undefined || u.startupId === filter.startupId) &&
          (filter.since === undefined || u.createdAt.getTime() >= filter.since.getTime()),
      ),
    );
  }

  async recordArtifact(artifact: Artifact): Promise<void> {
    const others = this.state.artifacts.filter(
      (a) => !(a.startupId === artifact.startupId && a.path === artifact.path),
    );
    this.state.artifacts = [...others, clone(artifact)];
  }

  async listArtifacts(startupId: string): Promise<Artifact[]> {
    return clone(this.state.artifacts.filter((a) => a.startupId === startupId));
  }

  async close(): Promise<void> {}
}
