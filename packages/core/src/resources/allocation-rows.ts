import { ACTIVE_STATUSES, type ResourceAllocation } from '@startup-factory/contracts';
import type { SqlExecutor } from '../store/sql-adapter';

interface AllocationRow {
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

const toAllocation = (r: AllocationRow): ResourceAllocation => ({
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

/** Expired allocations at `now` (their ports and namespaces still held until reclaimed). */
export async function selectExpired(db: SqlExecutor, now: Date): Promise<ResourceAllocation[]> {
  const { rows } = await db.query<AllocationRow>(
    `${SELECT_ALLOCATIONS} WHERE a.expires_at IS NOT NULL AND a.expires_at <= $1`,
    [now],
  );
  return rows.map(toAllocation);
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

/** Ports of the range not held by a live allocation, lowest first. */
export async function selectUnheldPorts(
  db: SqlExecutor,
  range: { start: number; end: number },
  now: Date,
): Promise<number[]> {
  const { rows } = await db.query<{ port: number }>(
    `SELECT g.port FROM generate_series($1::integer, $2::integer) AS g(port)
     WHERE NOT EXISTS (
       SELECT 1 FROM sf_ports p JOIN sf_allocations a ON a.startup_id = p.startup_id
       WHERE p.port = g.port AND (a.expires_at IS NULL OR a.expires_at > $3))
     ORDER BY g.port`,
    [range.start, range.end, now],
  );
  return rows.map((r) => Number(r.port));
}
