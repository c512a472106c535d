import type { SqlAdapter } from './sql-adapter';

export interface Migration {
  version: number;
  name: string;
  sql: string[];
}

/** Key of the advisory lock that serializes migrators sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_310_001;

/** What `current_phase` indexed before version 2 stored names; frozen, whatever the registry says today. */
const VERSION_1_PHASES = [
  'founder_analysis',
  'market_research',
  'mvp_spec',
  'architecture',
  'code_generation',
  'validation',
  'deploy',
] as const;

/** The one schema, as ordered steps. Append new versions; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial tables',
    sql: [
      `CREATE TABLE sf_documents (
        collection text NOT NULL, key text NOT NULL, value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (collection, key))`,
      `CREATE TABLE sf_events (
        seq bigserial PRIMARY KEY, startup_id text NOT NULL, type text NOT NULL,
        at timestamptz NOT NULL, payload jsonb NOT NULL)`,
      'CREATE INDEX sf_events_startup ON sf_events (startup_id, seq)',
      `CREATE TABLE sf_tasks (
        id text PRIMARY KEY, startup_id text NOT NULL, state text NOT NULL,
        record jsonb NOT NULL, updated_at timestamptz NOT NULL)`,
      'CREATE INDEX sf_tasks_startup ON sf_tasks (startup_id, state)',
      `CREATE TABLE sf_task_results (
        task_id text PRIMARY KEY, startup_id text NOT NULL, result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE sf_ai_usage (
        id text PRIMARY KEY, startup_id text NOT NULL, outcome text NOT NULL,
        cost_usd double precision NOT NULL, input_tokens integer NOT NULL, output_tokens integer NOT NULL,
        created_at timestamptz NOT NULL, record jsonb NOT NULL)`,
      'CREATE INDEX sf_ai_usage_startup ON sf_ai_usage (startup_id, created_at)',
      `CREATE TABLE sf_artifacts (
        startup_id text NOT NULL, path text NOT NULL, record jsonb NOT NULL,
        created_at timestamptz NOT NULL, PRIMARY KEY (startup_id, path))`,
      `CREATE TABLE sf_startups (
        id text PRIMARY KEY, slug text NOT NULL UNIQUE, name text NOT NULL, status text NOT NULL,
        config jsonb NOT NULL, current_phase integer NOT NULL DEFAULT 0, state jsonb NOT NULL DEFAULT '{}',
        owner_id text, lease_until timestamptz,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`,
      'CREATE INDEX sf_startups_status ON sf_startups (status)',
      `CREATE TABLE sf_allocations (
        startup_id text PRIMARY KEY, memory_mb integer NOT NULL, cpu_cores double precision NOT NULL,
        storage_gb integer NOT NULL, database_namespace text NOT NULL UNIQUE,
        api_calls_per_hour integer NOT NULL, cost_per_day_usd double precision NOT NULL,
        allocated_at timestamptz NOT NULL, expires_at timestamptz)`,
      `CREATE TABLE sf_ports (
        port integer PRIMARY KEY,
        startup_id text NOT NULL REFERENCES sf_allocations (startup_id) ON DELETE CASCADE)`,
      'CREATE INDEX sf_ports_startup ON sf_ports (startup_id)',
    ],
  },
  {
    version: 2,
    name: 'startups name their current phase',
    sql: [
      'ALTER TABLE sf_startups ALTER COLUMN current_phase DROP DEFAULT',
      'ALTER TABLE sf_startups ALTER COLUMN current_phase DROP NOT NULL',
      // The phases in the order version 1 indexed them (not today's registry, which may have more):
      // an index past the last phase, "all done", has no element and becomes NULL.
      `ALTER TABLE sf_startups ALTER COLUMN current_phase TYPE text USING (ARRAY[${VERSION_1_PHASES.map((p) => `'${p}'`).join(', ')}])[current_phase + 1]`,
    ],
  },
  {
    version: 3,
    name: 'usage reservations check and book in one call',
    // Volatile plpgsql reads with a fresh snapshot per statement: the totals, read after the lock,
    // see every booking committed before it was granted, as a transaction's next statement would.
    sql: [
      `CREATE FUNCTION sf_reserve_usage(
        p_id text, p_startup text, p_outcome text, p_cost double precision, p_input integer,
        p_output integer, p_created timestamptz, p_record jsonb, p_hour_from timestamptz,
        p_day_from timestamptz, p_calls_limit integer, p_cost_limit double precision, p_lock_key integer)
      RETURNS TABLE (calls integer, cost double precision, allowed boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock_key, hashtext(p_startup));
        SELECT count(*) FILTER (WHERE u.created_at >= p_hour_from)::integer, coalesce(sum(u.cost_usd), 0)::float8
          INTO calls, cost
          FROM sf_ai_usage u WHERE u.startup_id = p_startup AND u.created_at >= p_day_from
            AND u.outcome NOT IN ('cached', 'quota_exceeded');
        allowed := calls + 1 <= p_calls_limit AND cost < p_cost_limit AND cost + p_cost <= p_cost_limit;
        IF allowed THEN
          INSERT INTO sf_ai_usage (id, startup_id, outcome, cost_usd, input_tokens, output_tokens, created_at, record)
          VALUES (p_id, p_startup, p_outcome, p_cost, p_input, p_output, p_created, p_record)
          ON CONFLICT (id) DO NOTHING;
        END IF;
        RETURN NEXT;
      END
      $fn$`,
    ],
  },
];

/**
 * Applies every migration not yet recorded in one transaction, under an advisory lock so
 * two processes starting at once do not both apply one. Safe to call on every start.
 */
export async function runMigrations(
  db: SqlAdapter,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS sf_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM sf_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of m.sql) await tx.query(statement);
      await tx.query('INSERT INTO sf_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
