import {
  type ResourceAllocation,
  StartupConfig,
  type StartupInstance,
  type StartupStatus,
} from '@startup-factory/contracts';
import { type AllocationRow, allocationJson, toAllocation } from '../resources/allocation-rows';
import type { SqlExecutor } from '../store/sql-adapter';

export interface StartupRow {
  id: string;
  slug: string;
  status: StartupStatus;
  config: unknown;
  /** The first unfinished phase's name; null when every phase finished (migration 2 made it a name). */
  current_phase: string | null;
  state: Record<string, unknown>;
  owner_id: string | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
  /** Its live allocation, when the statement asked for it (`withAllocation`). */
  allocation?: AllocationRow | null;
}

/** Columns that return a startup row with its live allocation (at `$now`) in the same statement. */
export const withAllocation = (table: string, now: string) =>
  `${table}.*, ${allocationJson(`${table}.id`, now)} AS allocation`;

export function toInstance(
  row: StartupRow,
  allocation: ResourceAllocation | null = row.allocation ? toAllocation(row.allocation) : null,
): StartupInstance {
  return {
    id: row.id,
    slug: row.slug,
    config: StartupConfig.parse(row.config),
    status: row.status,
    resourceAllocation: allocation,
    currentPhase: row.current_phase,
    state: row.state ?? {},
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** One startup by id or slug with its live allocation at `now`, in one statement. */
export async function selectStartupWithAllocation(
  db: SqlExecutor,
  idOrSlug: string,
  now: Date,
): Promise<StartupRow | null> {
  const { rows } = await db.query<StartupRow>(
    `SELECT ${withAllocation('s', '$2')} FROM sf_startups s WHERE s.id = $1 OR s.slug = $1
     ORDER BY (s.id = $1) DESC LIMIT 1`,
    [idOrSlug, now],
  );
  return rows[0] ?? null;
}

/** One startup by id or slug; `forUpdate` locks its row until the transaction ends. */
export async function selectStartup(
  db: SqlExecutor,
  idOrSlug: string,
  forUpdate = false,
): Promise<StartupRow | null> {
  const { rows } = await db.query<StartupRow>(
    `SELECT * FROM sf_startups WHERE id = $1 OR slug = $1 ORDER BY (id = $1) DESC LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`,
    [idOrSlug],
  );
  return rows[0] ?? null;
}

/** In one read: whether a startup has `slug` as its slug or id, and how many are in `activeStatuses`. */
export async function slugTakenAndActive(
  db: SqlExecutor,
  slug: string,
  activeStatuses: readonly StartupStatus[],
): Promise<{ taken: boolean; active: number }> {
  const { rows } = await db.query<{ taken: boolean | null; active: number }>(
    `SELECT bool_or(id = $1 OR slug = $1) AS taken,
       (count(*) FILTER (WHERE status = ANY($2)))::integer AS active FROM sf_startups`,
    [slug, activeStatuses],
  );
  return { taken: rows[0]?.taken === true, active: Number(rows[0]?.active ?? 0) };
}

export async function countActive(
  db: SqlExecutor,
  activeStatuses: readonly StartupStatus[],
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::integer AS n FROM sf_startups WHERE status = ANY($1)',
    [activeStatuses],
  );
  return Number(rows[0]!.n);
}
