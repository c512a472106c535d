import { type Artifact, FactoryEvent, type TaskRecord, type TaskResult } from '@startup-factory/contracts';
import type { SqlExecutor } from './sql-adapter';

const UPSERT_TASK = `INSERT INTO sf_tasks (id, startup_id, state, record, updated_at)`;
const ON_TASK_CONFLICT = `ON CONFLICT (id) DO UPDATE SET startup_id = EXCLUDED.startup_id, state = EXCLUDED.state,
  record = EXCLUDED.record, updated_at = EXCLUDED.updated_at`;

const taskParams = (record: TaskRecord) => [
  record.task.id,
  record.task.startupId,
  record.state,
  JSON.stringify(record),
  record.updatedAt,
];

/** An event without its sequence number, and the parameters that insert it. */
function eventParams(event: FactoryEvent): { payload: Omit<FactoryEvent, 'seq'>; params: unknown[] } {
  const { seq: _ignored, ...payload } = FactoryEvent.parse(event);
  return { payload, params: [payload.startupId, payload.type, payload.at, JSON.stringify(payload)] };
}

const stored = (payload: Omit<FactoryEvent, 'seq'>, seq: number | string) =>
  ({ ...payload, seq: Number(seq) }) as FactoryEvent;

export async function saveTaskRow(db: SqlExecutor, record: TaskRecord): Promise<void> {
  await db.query(`${UPSERT_TASK} VALUES ($1, $2, $3, $4, $5) ${ON_TASK_CONFLICT}`, taskParams(record));
}

/**
 * Saves a task's record and appends `events` in order, in one statement. With `onlyNew`, inserts a
 * first record only: null, writing nothing, when a record with the task's id exists (a duplicate).
 */
export async function saveTaskRowWithEvents(
  db: SqlExecutor,
  record: TaskRecord,
  events: readonly FactoryEvent[],
  { onlyNew = false }: { onlyNew?: boolean } = {},
): Promise<FactoryEvent[] | null> {
  const conflict = onlyNew ? 'ON CONFLICT (id) DO NOTHING' : ON_TASK_CONFLICT;
  const done = await modifyRowsWithEvents(
    db,
    `${UPSERT_TASK} VALUES ($1, $2, $3, $4, $5) ${conflict} RETURNING id`,
    taskParams(record),
    events,
  );
  return done.rows.length === 0 ? null : done.events;
}

/**
 * In one statement: stores the task's result unless one is stored (first write wins), and only
 * then its final record and the event reporting it. Null when another result was there first.
 */
export async function finishTaskRow(
  db: SqlExecutor,
  result: TaskResult,
  record: TaskRecord,
  event: FactoryEvent,
): Promise<FactoryEvent | null> {
  const { payload, params } = eventParams(event);
  const { rows } = await db.query<{ seq: number | string }>(
    `WITH result AS (
       INSERT INTO sf_task_results (task_id, startup_id, result) VALUES ($1, $2, $6)
       ON CONFLICT (task_id) DO NOTHING RETURNING task_id),
     saved AS (${UPSERT_TASK} SELECT $1, $2, $3, $4, $5 FROM result ${ON_TASK_CONFLICT} RETURNING id)
     INSERT INTO sf_events (startup_id, type, at, payload) SELECT $7, $8, $9, $10 FROM saved RETURNING seq`,
    [...taskParams(record), JSON.stringify(result), ...params],
  );
  return rows[0] ? stored(payload, rows[0].seq) : null;
}

const UPSERT_ARTIFACT = `INSERT INTO sf_artifacts (startup_id, path, record, created_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (startup_id, path) DO UPDATE SET record = EXCLUDED.record, created_at = EXCLUDED.created_at`;

const artifactParams = (a: Artifact) => [a.startupId, a.path, JSON.stringify(a), a.createdAt];

export async function recordArtifactRow(db: SqlExecutor, artifact: Artifact): Promise<void> {
  await db.query(UPSERT_ARTIFACT, artifactParams(artifact));
}

/** Records an artifact and appends the event that reports it, in one statement. */
export async function recordArtifactRowWithEvent(
  db: SqlExecutor,
  artifact: Artifact,
  event: FactoryEvent,
): Promise<FactoryEvent> {
  const { payload, params } = eventParams(event);
  const { rows } = await db.query<{ seq: number | string }>(
    `WITH saved AS (${UPSERT_ARTIFACT} RETURNING path)
     INSERT INTO sf_events (startup_id, type, at, payload) SELECT $5, $6, $7, $8 FROM saved RETURNING seq`,
    [...artifactParams(artifact), ...params],
  );
  return stored(payload, rows[0]!.seq);
}

/** A document row to upsert with other changes. */
export interface DocumentRow {
  collection: string;
  key: string;
  value: unknown;
}

/**
 * Records artifacts, upserts documents and appends `events` in order, all in one statement: a
 * phase's files, its output and the events reporting them land together or not at all.
 */
export async function recordArtifactRowsWithEvents(
  db: SqlExecutor,
  artifacts: readonly Artifact[],
  documents: readonly DocumentRow[],
  events: readonly FactoryEvent[],
): Promise<FactoryEvent[]> {
  const payloads = events.map((event) => eventParams(event).payload);
  const { rows } = await db.query<{ seq: number | string }>(
    `WITH artifacts AS (
       INSERT INTO sf_artifacts (startup_id, path, record, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[])
       ON CONFLICT (startup_id, path) DO UPDATE SET record = EXCLUDED.record, created_at = EXCLUDED.created_at),
     documents AS (
       INSERT INTO sf_documents (collection, key, value) SELECT * FROM unnest($5::text[], $6::text[], $7::jsonb[])
       ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now())
     INSERT INTO sf_events (startup_id, type, at, payload)
     SELECT e.startup_id, e.type, e.at, e.payload
     FROM unnest($8::text[], $9::text[], $10::timestamptz[], $11::jsonb[])
       WITH ORDINALITY AS e(startup_id, type, at, payload, n)
     ORDER BY e.n RETURNING seq`,
    [
      artifacts.map((a) => a.startupId),
      artifacts.map((a) => a.path),
      artifacts.map((a) => JSON.stringify(a)),
      artifacts.map((a) => new Date(a.createdAt).toISOString()),
      documents.map((d) => d.collection),
      documents.map((d) => d.key),
      documents.map((d) => JSON.stringify(d.value)),
      payloads.map((p) => p.startupId),
      payloads.map((p) => p.type),
      payloads.map((p) => new Date(p.at).toISOString()),
      payloads.map((p) => JSON.stringify(p)),
    ],
  );
  const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  return seqs.map((seq, i) => stored(payloads[i]!, seq));
}

/**
 * Runs one data-modifying statement (`UPDATE ... RETURNING ...`, its parameters `$1..$n`) and, only
 * when it returned a row, appends `events` in order, all in one statement: the change and the
 * events reporting it land together or not at all. The rows come back without the event column.
 * `fromRow` names event fields whose value is a column of the (first) changed row, as the status a
 * change moved from, which only the statement itself sees.
 */
export async function modifyRowsWithEvents<R>(
  db: SqlExecutor,
  statement: string,
  params: unknown[],
  events: readonly FactoryEvent[],
  fromRow: Readonly<Record<string, string>> = {},
): Promise<{ rows: R[]; events: FactoryEvent[] }> {
  const payloads = events.map((event) => eventParams(event).payload);
  const n = params.length;
  const rowFields = Object.entries(fromRow);
  const payload =
    rowFields.length === 0
      ? 'e.payload'
      : `e.payload || jsonb_build_object(${rowFields
          .map(([field, column]) => `'${field}', (SELECT changed.${column} FROM changed LIMIT 1)`)
          .join(', ')})`;
  const { rows } = await db.query<R & { sf_event_seqs: Array<number | string> | null }>(
    `WITH changed AS (${statement}),
     appended AS (
       INSERT INTO sf_events (startup_id, type, at, payload)
       SELECT e.startup_id, e.type, e.at, ${payload}
       FROM unnest($${n + 1}::text[], $${n + 2}::text[], $${n + 3}::timestamptz[], $${n + 4}::jsonb[])
         WITH ORDINALITY AS e(startup_id, type, at, payload, n)
       WHERE EXISTS (SELECT 1 FROM changed) ORDER BY e.n RETURNING seq)
     SELECT changed.*, (SELECT array_agg(seq ORDER BY seq) FROM appended) AS sf_event_seqs FROM changed`,
    [
      ...params,
      payloads.map((p) => p.startupId),
      payloads.map((p) => p.type),
      payloads.map((p) => new Date(p.at).toISOString()),
      payloads.map((p) => JSON.stringify(p)),
    ],
  );
  const seqs = rows[0]?.sf_event_seqs ?? [];
  const first = rows[0] as Record<string, unknown> | undefined;
  const fromFirst = Object.fromEntries(rowFields.map(([field, column]) => [field, first?.[column]]));
  return {
    rows: rows.map(({ sf_event_seqs: _seqs, ...row }) => row as unknown as R),
    events: seqs.map((seq, i) => stored({ ...payloads[i]!, ...fromFirst } as (typeof payloads)[number], seq)),
  };
}
