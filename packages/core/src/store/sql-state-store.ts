import {
  AIUsageRecord,
  Artifact,
  type EventFilter,
  FactoryEvent,
  type IEventBus,
  type IStateStore,
  type TaskFilter,
  TaskRecord,
  TaskResult,
  type UsageLimits,
  type UsageReservation,
  type UsageTotals,
} from '@startup-factory/contracts';
import { documentParams, putDocumentsSql } from './document-rows';
import {
  type DocumentRow,
  finishTaskRow,
  modifyRowsWithEvents,
  recordArtifactRow,
  recordArtifactRowsWithEvents,
  recordArtifactRowWithEvent,
  saveTaskRow,
  saveTaskRowWithEvents,
} from './rows-with-events';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';
import { insertUsageRow, reserveUsageRow } from './usage-rows';
import type { WritesWithEvents } from './writes-with-events';

const asList = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Builds `WHERE a = $1 AND b = ANY($2)` from optional conditions, numbering parameters in order. */
function where(conditions: Array<[string, unknown] | null>): { clause: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const c of conditions) {
    if (!c) continue;
    params.push(c[1]);
    parts.push(c[0].replace('?', `$${params.length}`));
  }
  return { clause: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * IStateStore on SQL (PGlite or PostgreSQL, same statements). Beyond the interface it exposes
 * `transaction` and `query`, so StartupManager and ResourceAllocator can change rows and append
 * the events that report the change in one transaction.
 */
export class SqlStateStore implements IStateStore, WritesWithEvents {
  private bus: IEventBus | undefined;
  /** Events appended inside an open transaction, published only once it commits. */
  private readonly uncommitted = new WeakMap<SqlExecutor, FactoryEvent[]>();

  constructor(
    readonly db: SqlAdapter,
    private readonly ownsAdapter = true,
  ) {}

  /**
   * Publishes every event appended through this store to `bus` once it is durable: at once, or
   * when the transaction it was written in commits (never for one that rolls back).
   */
  publishTo(bus: IEventBus): void {
    this.bus = bus;
  }

  get kind(): SqlAdapter['kind'] {
    return this.db.kind;
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]) {
    return this.db.query<R>(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const appended: FactoryEvent[] = [];
    const result = await this.db.transaction((tx) => {
      this.uncommitted.set(tx, appended);
      return fn(tx);
    });
    for (const event of appended) await this.publish(event);
    return result;
  }

  /** Another store over the same connection, as a second component of one process would hold. */
  share(): SqlStateStore {
    return new SqlStateStore(this.db, false);
  }

  async getDocument<T = unknown>(collection: string, key: string): Promise<T | null> {
    const { rows } = await this.db.query<{ value: T }>(
      'SELECT value FROM sf_documents WHERE collection = $1 AND key = $2',
      [collection, key],
    );
    return rows[0]?.value ?? null;
  }

  async putDocument(collection: string, key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO sf_documents (collection, key, value) VALUES ($1, $2, $3)
       ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [collection, key, JSON.stringify(value)],
    );
  }

  async putDocuments(documents: Array<{ collection: string; key: string; value: unknown }>): Promise<void> {
    const params = documentParams(documents);
    if (!params) return;
    await this.db.query(putDocumentsSql(1), params);
  }

  async insertDocument(collection: string, key: string, value: unknown): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO sf_documents (collection, key, value) VALUES ($1, $2, $3)
       ON CONFLICT (collection, key) DO NOTHING RETURNING key`,
      [collection, key, JSON.stringify(value)],
    );
    return rows.length === 1;
  }

  async deleteDocument(collection: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM sf_documents WHERE collection = $1 AND key = $2', [collection, key]);
  }

  async getDocuments<T = unknown>(
    collection: string,
    keys: string[],
  ): Promise<Array<{ key: string; value: T }>> {
    const { rows } = await this.db.query<{ key: string; value: T }>(
      'SELECT key, value FROM sf_documents WHERE collection = $1 AND key = ANY($2) ORDER BY key COLLATE "C"',
      [collection, keys],
    );
    return rows;
  }

  async listDocuments<T = unknown>(collection: string): Promise<Array<{ key: string; value: T }>> {
    const { rows } = await this.db.query<{ key: string; value: T }>(
      'SELECT key, value FROM sf_documents WHERE collection = $1 ORDER BY key COLLATE "C"',
      [collection],
    );
    return rows;
  }

  /** Appends on `tx` when given, so the event commits or rolls back with the change it reports. */
  async appendEvent(event: FactoryEvent, tx: SqlExecutor = this.db): Promise<FactoryEvent> {
    const { seq: _ignored, ...payload } = FactoryEvent.parse(event);
    const { rows } = await tx.query<{ seq: number | string }>(
      'INSERT INTO sf_events (startup_id, type, at, payload) VALUES ($1, $2, $3, $4) RETURNING seq',
      [payload.startupId, payload.type, payload.at, JSON.stringify(payload)],
    );
    const stored = { ...payload, seq: Number(rows[0]!.seq) } as FactoryEvent;
    await this.deliver(stored, tx);
    return stored;
  }

  /** Publishes a stored event now, or once `tx` commits when it was written in an open transaction. */
  private async deliver(stored: FactoryEvent, tx: SqlExecutor): Promise<void> {
    const pending = this.uncommitted.get(tx);
    if (pending) pending.push(stored);
    else await this.publish(stored);
  }

  private async publish(event: FactoryEvent): Promise<void> {
    // A subscriber's failure must not undo or fail the change the event reports.
    await this.bus?.publish(event).catch(() => {});
  }

  async listEvents(filter: EventFilter = {}): Promise<FactoryEvent[]> {
    const { clause, params } = where([
      filter.startupId === undefined ? null : ['startup_id = ?', filter.startupId],
      filter.types === undefined ? null : ['type = ANY(?)', filter.types],
      filter.afterSeq === undefined ? null : ['seq > ?', filter.afterSeq],
    ]);
    const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
    const { rows } = await this.db.query<{ seq: number | string; payload: unknown }>(
      `SELECT seq, payload FROM sf_events ${clause} ORDER BY seq${limit}`,
      params,
    );
    return rows.map((r) => FactoryEvent.parse({ ...(r.payload as object), seq: Number(r.seq) }));
  }

  async saveTask(record: TaskRecord): Promise<void> {
    await saveTaskRow(this.db, record);
  }

  /**
   * Saves a task's record with its events in one statement, then publishes them; with `onlyNew`,
   * null (writing nothing) when a record with the id exists.
   */
  async saveTaskWithEvents(
    record: TaskRecord,
    events: readonly FactoryEvent[],
    options: { onlyNew?: boolean } = {},
  ): Promise<FactoryEvent[] | null> {
    const stored = await saveTaskRowWithEvents(this.db, record, events, options);
    for (const event of stored ?? []) await this.publish(event);
    return stored;
  }

  /**
   * Stores a task's result (first write wins), its final record and the finished event in one
   * statement; null, writing nothing, when another result was stored first.
   */
  async finishTask(
    result: TaskResult,
    record: TaskRecord,
    event: FactoryEvent,
  ): Promise<FactoryEvent | null> {
    const stored = await finishTaskRow(this.db, result, record, event);
    if (stored) await this.publish(stored);
    return stored;
  }

  async getTask(taskId: string): Promise<TaskRecord | null> {
    const { rows } = await this.db.query<{ record: unknown }>('SELECT record FROM sf_tasks WHERE id = $1', [
      taskId,
    ]);
    return rows[0] ? TaskRecord.parse(rows[0].record) : null;
  }

  async listTasks(filter: TaskFilter = {}): Promise<TaskRecord[]> {
    const states = asList(filter.state);
    const { clause, params } = where([
      filter.startupId === undefined ? null : ['startup_id = ?', filter.startupId],
      states === undefined ? null : ['state = ANY(?)', states],
    ]);
    const { rows } = await this.db.query<{ record: unknown }>(
      `SELECT record FROM sf_tasks ${clause} ORDER BY updated_at, id`,
      params,
    );
    return rows.map((r) => TaskRecord.parse(r.record));
  }

  async saveTaskResult(result: TaskResult): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO sf_task_results (task_id, startup_id, result) VALUES ($1, $2, $3)
       ON CONFLICT (task_id) DO NOTHING`,
      [result.taskId, result.startupId, JSON.stringify(result)],
    );
    return rowCount === 1;
  }

  async getTaskResult(taskId: string): Promise<TaskResult | null> {
    const { rows } = await this.db.query<{ result: unknown }>(
      'SELECT result FROM sf_task_results WHERE task_id = $1',
      [taskId],
    );
    return rows[0] ? TaskResult.parse(rows[0].result) : null;
  }

  async recordUsage(record: AIUsageRecord): Promise<void> {
    await insertUsageRow(this.db, record, false);
  }

  async reserveUsage(record: AIUsageRecord, limits: UsageLimits): Promise<UsageReservation> {
    return reserveUsageRow(this.db, AIUsageRecord.parse(record), limits);
  }

  async settleUsage(
    record: AIUsageRecord,
    documents: Array<{ collection: string; key: string; value: unknown }> = [],
  ): Promise<void> {
    await insertUsageRow(this.db, AIUsageRecord.parse(record), true, documentParams(documents));
  }

  /** Calls that reached a provider (reservations included; not cache hits, not refusals) since `since`. */
  async usageSince(startupId: string, since: Date): Promise<UsageTotals> {
    const { rows } = await this.db.query<Record<string, number | string | null>>(
      `SELECT count(*)::integer AS calls, coalesce(sum(cost_usd), 0)::float8 AS cost,
         coalesce(sum(input_tokens), 0)::integer AS input, coalesce(sum(output_tokens), 0)::integer AS output
       FROM sf_ai_usage WHERE startup_id = $1 AND created_at >= $2
         AND outcome NOT IN ('cached', 'quota_exceeded')`,
      [startupId, since],
    );
    const r = rows[0]!;
    return {
      calls: Number(r.calls),
      costUsd: Number(r.cost),
      inputTokens: Number(r.input),
      outputTokens: Number(r.output),
    };
  }

  async listUsage(filter: { startupId?: string; since?: Date } = {}): Promise<AIUsageRecord[]> {
    const { clause, params } = where([
      filter.startupId === undefined ? null : ['startup_id = ?', filter.startupId],
      filter.since === undefined ? null : ['created_at >= ?', filter.since],
    ]);
    const { rows } = await this.db.query<{ record: unknown }>(
      `SELECT record FROM sf_ai_usage ${clause} ORDER BY created_at, id`,
      params,
    );
    return rows.map((r) => AIUsageRecord.parse(r.record));
  }

  async recordArtifact(artifact: Artifact): Promise<void> {
    await recordArtifactRow(this.db, artifact);
  }

  /**
   * `modifyRowsWithEvents` on this store, or on `tx` (one of its transactions): the events, once
   * stored with the change, are published (on `tx`, when it commits).
   */
  async modifyWithEvents<R>(
    statement: string,
    params: unknown[],
    events: readonly FactoryEvent[],
    { fromRow, tx = this.db }: { fromRow?: Readonly<Record<string, string>>; tx?: SqlExecutor } = {},
  ) {
    const done = await modifyRowsWithEvents<R>(tx, statement, params, events, fromRow);
    for (const event of done.events) await this.deliver(event, tx);
    return done;
  }

  /** Records an artifact and appends the event reporting it in one statement, then publishes it. */
  async recordArtifactWithEvent(artifact: Artifact, event: FactoryEvent): Promise<FactoryEvent> {
    const stored = await recordArtifactRowWithEvent(this.db, artifact, event);
    await this.publish(stored);
    return stored;
  }

  /** Artifacts, documents and the events reporting them in one statement, then publishes the events. */
  async recordArtifactsWithEvents(
    artifacts: readonly Artifact[],
    documents: readonly DocumentRow[],
    events: readonly FactoryEvent[],
  ): Promise<FactoryEvent[]> {
    const stored = await recordArtifactRowsWithEvents(this.db, artifacts, documents, events);
    for (const event of stored) await this.publish(event);
    return stored;
  }

  async listArtifacts(startupId: string): Promise<Artifact[]> {
    const { rows } = await this.db.query<{ record: unknown }>(
      'SELECT record FROM sf_artifacts WHERE startup_id = $1 ORDER BY path COLLATE "C"',
      [startupId],
    );
    return rows.map((r) => Artifact.parse(r.record));
  }

  async close(): Promise<void> {
    if (this.ownsAdapter) await this.db.close();
  }
}
