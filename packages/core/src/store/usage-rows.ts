import type { AIUsageRecord, UsageLimits, UsageReservation } from '@startup-factory/contracts';
import type { SqlAdapter, SqlExecutor } from './sql-adapter';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** First key of the advisory locks that serialize the usage reservations of one startup. */
const USAGE_LOCK_KEY = 7_310_002;

const COLUMNS = 'id, startup_id, outcome, cost_usd, input_tokens, output_tokens, created_at, record';
const UPDATE_ON_CONFLICT = `DO UPDATE SET startup_id = EXCLUDED.startup_id, outcome = EXCLUDED.outcome,
  cost_usd = EXCLUDED.cost_usd, input_tokens = EXCLUDED.input_tokens,
  output_tokens = EXCLUDED.output_tokens, created_at = EXCLUDED.created_at, record = EXCLUDED.record`;

const usageParams = (r: AIUsageRecord) => [
  r.id,
  r.startupId,
  r.outcome,
  r.costUsd,
  r.inputTokens,
  r.outputTokens,
  r.createdAt,
  JSON.stringify(r),
];

/** Inserts a usage record; `update` replaces one with the same id (settling a reservation). */
export async function insertUsageRow(db: SqlExecutor, record: AIUsageRecord, update: boolean): Promise<void> {
  await db.query(
    `INSERT INTO sf_ai_usage (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) ${update ? UPDATE_ON_CONFLICT : 'DO NOTHING'}`,
    usageParams(record),
  );
}

/**
 * Books `record` when the startup's calls in the last hour and cost in the last day leave room,
 * checking and booking in one statement. On PostgreSQL that statement runs under a per-startup
 * advisory lock held to commit, so every process on the database checks and books in turn; PGlite
 * runs one statement at a time for its one process, so the statement alone is already in turn.
 */
export async function reserveUsageRow(
  db: SqlAdapter,
  record: AIUsageRecord,
  limits: UsageLimits,
): Promise<UsageReservation> {
  const at = record.createdAt.getTime();
  const checkAndBook = async (tx: SqlExecutor) => {
    const { rows } = await tx.query<{ calls: number | string; cost: number | string; allowed: boolean }>(
      `WITH totals AS (
         SELECT count(*) FILTER (WHERE created_at >= $9)::integer AS calls,
           coalesce(sum(cost_usd), 0)::float8 AS cost
         FROM sf_ai_usage WHERE startup_id = $2 AND created_at >= $10
           AND outcome NOT IN ('cached', 'quota_exceeded')),
       checked AS (
         SELECT calls, cost, (calls + 1 <= $11::integer AND cost < $12::float8
           AND cost + $13::float8 <= $12::float8) AS allowed FROM totals),
       booked AS (
         INSERT INTO sf_ai_usage (${COLUMNS}) SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM checked
         WHERE allowed ON CONFLICT (id) DO NOTHING RETURNING id)
       SELECT calls, cost, allowed FROM checked`,
      [
        ...usageParams(record),
        new Date(at - HOUR_MS),
        new Date(at - DAY_MS),
        limits.callsPerHour,
        limits.costPerDayUsd,
        record.costUsd,
      ],
    );
    return rows[0]!;
  };
  const totals =
    db.kind === 'pglite'
      ? await checkAndBook(db)
      : await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
            USAGE_LOCK_KEY,
            record.startupId,
          ]);
          return checkAndBook(tx);
        });
  if (totals.allowed) return { reserved: true };
  const callsLastHour = Number(totals.calls);
  const costLastDayUsd = Number(totals.cost);
  const limit = callsLastHour + 1 > limits.callsPerHour ? 'callsPerHour' : 'costPerDayUsd';
  return { reserved: false, limit, callsLastHour, costLastDayUsd };
}
