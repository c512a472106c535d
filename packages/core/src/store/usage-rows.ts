import type { AIUsageRecord, UsageLimits, UsageReservation } from '@startup-factory/contracts';
import { type DocumentParams, putDocumentsSql } from './document-rows';
import type { SqlExecutor } from './sql-adapter';

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

/**
 * Inserts a usage record; `update` replaces one with the same id (settling a reservation). With
 * `documents`, they are put by the same statement (a data-modifying WITH runs to completion).
 */
export async function insertUsageRow(
  db: SqlExecutor,
  record: AIUsageRecord,
  update: boolean,
  documents?: DocumentParams,
): Promise<void> {
  await db.query(
    `${documents ? `WITH put_documents AS (${putDocumentsSql(9)}) ` : ''}
     INSERT INTO sf_ai_usage (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) ${update ? UPDATE_ON_CONFLICT : 'DO NOTHING'}`,
    [...usageParams(record), ...(documents ?? [])],
  );
}

/**
 * Books `record` when the startup's calls in the last hour and cost in the last day leave room, in
 * one call (`sf_reserve_usage`, migration 3): it takes a per-startup advisory lock held to commit,
 * then reads the totals and books, so every process on the database checks and books in turn.
 */
export async function reserveUsageRow(
  db: SqlExecutor,
  record: AIUsageRecord,
  limits: UsageLimits,
): Promise<UsageReservation> {
  const at = record.createdAt.getTime();
  const { rows } = await db.query<{ calls: number | string; cost: number | string; allowed: boolean }>(
    'SELECT calls, cost, allowed FROM sf_reserve_usage($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
    [
      ...usageParams(record),
      new Date(at - HOUR_MS),
      new Date(at - DAY_MS),
      limits.callsPerHour,
      limits.costPerDayUsd,
      USAGE_LOCK_KEY,
    ],
  );
  const totals = rows[0]!;
  if (totals.allowed) return { reserved: true };
  const callsLastHour = Number(totals.calls);
  const costLastDayUsd = Number(totals.cost);
  const limit = callsLastHour + 1 > limits.callsPerHour ? 'callsPerHour' : 'costPerDayUsd';
  return { reserved: false, limit, callsLastHour, costLastDayUsd };
}
