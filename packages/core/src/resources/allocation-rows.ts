import { ACTIVE_STATUSES, type ResourceAllocation } from '@startup-factory/contracts';
import type { SqlExecutor } from '../store/sql-adapter';

export interface AllocationRow {
  startup_id: string;
  memory_mb: number;
  cpu_cores: number;
  storage_gb: number;
  database_namespace: string;
  api_calls_per_hour: number;
  cost_per_day_usd: number;
  allocated_at: Date;
  expires_at: Date | null;
  ports: number[] | null;
}

const SELECT_ALLOCATIONS = `
  SELECT a.*, (SELECT array_agg(p.port ORDER BY p.port) FROM sf_ports p WHERE p.startup_id = a.startup_id) AS ports
  FROM sf_allocations a`;

/**
 * A scalar subquery: the live allocation (at parameter `$now`) of the startup whose id is `idColumn`,
 * as one JSON object or null, so a startup and its allocation come back in one statement.
 */
export const allocationJson = (idColumn: string, now: string) => `(
  SELECT row_to_json(x) FROM (${SELECT_ALLOCATIONS}
    WHERE a.startup_id = ${idColumn} AND (a.expires_at IS NULL OR a.expires_at > ${now})) x)`;

/** An allocation as `allocationJson` or a row of SELECT_ALLOCATIONS gives it. */
export const toAllocation = (r: AllocationRow): ResourceAllocation => ({
  startupId: r.startup_id,
  memoryMb: Number(r.memory_mb),
  cpuCores: Number(r.cpu_cores),
  storageGb: Number(r.storage_gb),
  ports: (r.ports ?? []).map(Number),
  databaseNamespace: r.database_namespace,
  apiQuota: { callsPerHour: Number(r.api_calls_per_hour), costPerDayUsd: Number(r.cost_per_day_usd) },
  allocatedAt: new Date(r.allocated_at),
  expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
});

/** Live (unexpired at `now`) allocations, optionally one startup's, ordered by allocation time. */
export async function selectAllocations(
  db: SqlExecutor,
  now: Date,
  startupId?: string,
): Promise<ResourceAllocation[]> {
  const params: unknown[] = [now];
  let filter = '(a.expires_at IS NULL OR a.expires_at > $1)';
  if (startupId !== undefined) {
    params.push(startupId);
    filter += ' AND a.startup_id = $2';
  }
  const { rows } = await db.query<AllocationRow>(
    `${SELECT_ALLOCATIONS} WHERE ${filter} ORDER BY a.allocated_at, a.startup_id`,
    params,
  );
  return rows.map(toAllocation);
}

/** Startups whose allocation expired at `now` (their ports and namespaces still held until reclaimed). */
export async function selectExpiredIds(db: SqlExecutor, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ startup_id: string }>(
    'SELECT startup_id FROM sf_allocations WHERE expires_at IS NOT NULL AND expires_at <= $1 ORDER BY startup_id',
    [now],
  );
  return rows.map((r) => r.startup_id);
}

/**
 * What live allocations hold in total. Storage counts for every allocation; memory and CPU only
 * for startups that are active (a completed startup keeps its ports, schema and files for its
 * built app, but runs nothing) and for allocations made without a startup row.
 */
export async function selectHeld(
  db: SqlExecutor,
  now: Date,
): Promise<{ memoryMb: number; cpuCores: number; storageGb: number }> {
  const { rows } = await db.query<Record<string, number | string>>(
    `SELECT coalesce(sum(a.memory_mb) FILTER (WHERE s.id IS NULL OR s.status = ANY($2)), 0)::float8 AS memory,
       coalesce(sum(a.cpu_cores) FILTER (WHERE s.id IS NULL OR s.status = ANY($2)), 0)::float8 AS cpu,
       coalesce(sum(a.storage_gb), 0)::float8 AS storage
     FROM sf_allocations a LEFT JOIN sf_startups s ON s.id = a.startup_id
     WHERE a.expires_at IS NULL OR a.expires_at > $1`,
    [now, [...ACTIVE_STATUSES]],
  );
  const r = rows[0]!;
  return { memoryMb: Number(r.memory), cpuCores: Number(r.cpu), storageGb: Number(r.storage) };
}

/**
 * Ports of the range no live allocation holds, lowest first. One query reads the free runs between
 * held ports (a run starts after each held port), so its cost follows how many ports are held,
 * not how wide the range is.
 */
export async function* unheldPorts(
  db: SqlExecutor,
  range: { start: number; end: number },
  now: Date,
): AsyncGenerator<number> {
  const { rows } = await db.query<{ first: number; last: number }>(
    `WITH held AS (
       SELECT p.port FROM sf_ports p JOIN sf_allocations a ON a.startup_id = p.startup_id
       WHERE p.port BETWEEN $1 AND $2 AND (a.expires_at IS NULL OR a.expires_at > $3)),
     bounds AS (
       SELECT port, lead(port) OVER (ORDER BY port) AS next
       FROM (SELECT $1::integer - 1 AS port UNION ALL SELECT port FROM held) h)
     SELECT port + 1 AS first, coalesce(next, $2::integer + 1) - 1 AS last FROM bounds
     WHERE coalesce(next, $2::integer + 1) - 1 >= port + 1
     ORDER BY first`,
    [range.start, range.end, now],
  );
  for (const run of rows) {
    for (let port = Number(run.first); port <= Number(run.last); port++) yield port;
  }
}
