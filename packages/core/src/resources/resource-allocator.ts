import {
  type AllocateOptions,
  ConflictError,
  DatabaseNamespace,
  DEFAULTS,
  InsufficientMemoryError,
  InsufficientResourcesError,
  type IResourceAllocator,
  namespaceFor,
  PortsExhaustedError,
  parseInput,
  ResourceRequirements as RequirementsSchema,
  type ResourceAllocation,
  type ResourceRequirements,
  type ResourceRequirementsInput,
} from '@startup-factory/contracts';
import type { SqlExecutor } from '../store/sql-adapter';
import type { SqlStateStore } from '../store/sql-state-store';
import { selectAllocations, selectExpiredIds, selectHeld, unheldPorts } from './allocation-rows';
import { detectCpuCores, detectTotalMemoryMb } from './host-capacity';
import { isPortFree as bindTest } from './is-port-free';

/** Key of the advisory lock that serializes budget checks and port picks across processes. */
export const ALLOCATION_LOCK_KEY = 7_310_002;

export interface ResourceAllocatorOptions {
  store: SqlStateStore;
  portRange?: { start: number; end: number };
  /** Default: the cgroup memory limit when one is set, else the OS total. */
  totalMemoryMb?: number;
  /** Default: os.availableParallelism(). */
  totalCpuCores?: number;
  totalStorageGb?: number;
  /** Default: a real bind on 127.0.0.1; a port another program holds is skipped. */
  isPortFree?: (port: number) => Promise<boolean>;
  clock?: () => Date;
}

const quoted = (namespace: string) => `"${DatabaseNamespace.parse(namespace)}"`;

/**
 * Hands out ports, memory, CPU, storage, a PostgreSQL schema and an AI quota per startup. The
 * database keeps it correct across processes: an advisory lock serializes budget checks, and the
 * ports table's primary key makes a port impossible to hold twice.
 */
export class ResourceAllocator implements IResourceAllocator {
  readonly portRange: { start: number; end: number };
  readonly totals: { memoryMb: number; cpuCores: number; storageGb: number };
  private readonly store: SqlStateStore;
  private readonly isPortFree: (port: number) => Promise<boolean>;
  private readonly clock: () => Date;

  constructor(options: ResourceAllocatorOptions) {
    this.store = options.store;
    this.portRange = options.portRange ?? { start: DEFAULTS.portRangeStart, end: DEFAULTS.portRangeEnd };
    this.totals = {
      memoryMb: options.totalMemoryMb ?? detectTotalMemoryMb(),
      cpuCores: options.totalCpuCores ?? detectCpuCores(),
      storageGb: options.totalStorageGb ?? 100,
    };
    this.isPortFree = options.isPortFree ?? bindTest;
    this.clock = options.clock ?? (() => new Date());
  }

  async allocate(
    startupId: string,
    requirements: ResourceRequirementsInput,
    options: AllocateOptions = {},
  ): Promise<ResourceAllocation> {
    const req = parseInput(RequirementsSchema, requirements, 'resource requirements');
    return this.store.transaction((tx) => this.allocateIn(tx, startupId, req, options));
  }

  /** Allocates inside the caller's transaction (StartupManager creates a startup and its resources at once). */
  async allocateIn(
    tx: SqlExecutor,
    startupId: string,
    req: ResourceRequirements,
    options: AllocateOptions = {},
  ): Promise<ResourceAllocation> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ALLOCATION_LOCK_KEY]);
    const now = this.clock();
    await this.reclaimExpiredIn(tx);
    const existing = await tx.query('SELECT 1 FROM sf_allocations WHERE startup_id = $1', [startupId]);
    if (existing.rows.length > 0) {
      throw new ConflictError({
        message: `Startup ${startupId} already holds resources; deallocate them first.`,
      });
    }
    this.checkBudgets(req, await selectHeld(tx, now));
    const namespace = namespaceFor(startupId);
    await tx.query(
      `INSERT INTO sf_allocations (startup_id, memory_mb, cpu_cores, storage_gb, database_namespace,
         api_calls_per_hour, cost_per_day_usd, allocated_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        startupId,
        req.memoryMb,
        req.cpuCores,
        req.storageGb,
        namespace,
        req.apiCallsPerHour,
        req.costPerDayUsd,
        now,
        options.expiresAt ?? null,
      ],
    );
    const ports = await this.takePorts(tx, startupId, req.portCount, now);
    if (ports.length < req.portCount) throw this.portsExhausted(req.portCount);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(namespace)}`);
    const allocation: ResourceAllocation = {
      startupId,
      memoryMb: req.memoryMb,
      cpuCores: req.cpuCores,
      storageGb: req.storageGb,
      ports: ports.sort((a, b) => a - b),
      databaseNamespace: namespace,
      apiQuota: { callsPerHour: req.apiCallsPerHour, costPerDayUsd: req.costPerDayUsd },
      allocatedAt: now,
      expiresAt: options.expiresAt ?? null,
    };
    await this.store.appendEvent(
      {
        type: 'resource.allocated',
        startupId,
        at: now,
        ports: allocation.ports,
        memoryMb: req.memoryMb,
        cpuCores: req.cpuCores,
        databaseNamespace: namespace,
      },
      tx,
    );
    return allocation;
  }

  /**
   * Claims up to `count` ports no live allocation holds and no other program is bound to, lowest
   * first. Claims go in as one insert per round; a port a holder that bypassed the lock took in
   * the meantime is skipped by the primary key, and the next round asks for what is still missing.
   */
  private async takePorts(tx: SqlExecutor, startupId: string, count: number, now: Date): Promise<number[]> {
    const candidates = unheldPorts(tx, this.portRange, now);
    const taken: number[] = [];
    try {
      while (taken.length < count) {
        const batch: number[] = [];
        while (batch.length < count - taken.length) {
          const next = await candidates.next();
          if (next.done) break;
          if (await this.isPortFree(next.value)) batch.push(next.value);
        }
        if (batch.length === 0) break;
        const { rows } = await tx.query<{ port: number }>(
          `INSERT INTO sf_ports (port, startup_id) SELECT unnest($1::integer[]), $2
           ON CONFLICT (port) DO NOTHING RETURNING port`,
          [batch, startupId],
        );
        taken.push(...rows.map((r) => Number(r.port)));
      }
    } finally {
      await candidates.return(undefined);
    }
    return taken;
  }

  async deallocate(startupId: string): Promise<void> {
    return this.store.transaction((tx) => this.deallocateIn(tx, startupId, 'deallocated').then(() => {}));
  }

  /** Releases inside the caller's transaction; returns whether anything was held. */
  async deallocateIn(tx: SqlExecutor, startupId: string, reason: string): Promise<boolean> {
    const { rows } = await tx.query<{ database_namespace: string; ports: number[] | null }>(
      `DELETE FROM sf_allocations a WHERE a.startup_id = $1
       RETURNING a.database_namespace,
         (SELECT array_agg(p.port ORDER BY p.port) FROM sf_ports p WHERE p.startup_id = a.startup_id) AS ports`,
      [startupId],
    );
    const released = rows[0];
    if (!released) return false;
    await tx.query(`DROP SCHEMA IF EXISTS ${quoted(released.database_namespace)} CASCADE`);
    await this.store.appendEvent(
      {
        type: 'resource.released',
        startupId,
        at: this.clock(),
        ports: (released.ports ?? []).map(Number),
        reason,
      },
      tx,
    );
    return true;
  }

  /** Releases every allocation whose expiresAt has passed; returns their startup ids. */
  async reclaimExpiredIn(tx: SqlExecutor): Promise<string[]> {
    const expired = await selectExpiredIds(tx, this.clock());
    for (const startupId of expired) await this.deallocateIn(tx, startupId, 'expired');
    return expired;
  }

  async checkAvailability(requirements: ResourceRequirementsInput): Promise<boolean> {
    const req = parseInput(RequirementsSchema, requirements, 'resource requirements');
    const now = this.clock();
    try {
      this.checkBudgets(req, await selectHeld(this.store.db, now));
    } catch {
      return false;
    }
    let free = 0;
    for await (const port of unheldPorts(this.store.db, this.portRange, now)) {
      if (await this.isPortFree(port)) free += 1;
      if (free === req.portCount) return true;
    }
    return false;
  }

  async getAllocation(startupId: string): Promise<ResourceAllocation | null> {
    return (await selectAllocations(this.store.db, this.clock(), startupId))[0] ?? null;
  }

  listAllocations(): Promise<ResourceAllocation[]> {
    return selectAllocations(this.store.db, this.clock());
  }

  private checkBudgets(
    req: ResourceRequirements,
    held: { memoryMb: number; cpuCores: number; storageGb: number },
  ) {
    const { totals } = this;
    if (held.memoryMb + req.memoryMb > totals.memoryMb) {
      throw new InsufficientMemoryError({
        message: `Needs ${req.memoryMb} MB of memory but ${Math.max(0, totals.memoryMb - held.memoryMb)} MB of ${totals.memoryMb} MB are free; cancel or delete a startup, or ask for less.`,
      });
    }
    if (held.cpuCores + req.cpuCores > totals.cpuCores + 1e-9) {
      throw new InsufficientResourcesError({
        message: `Needs ${req.cpuCores} CPU cores but ${Math.max(0, totals.cpuCores - held.cpuCores).toFixed(2)} of ${totals.cpuCores} are free; cancel or delete a startup, or ask for less.`,
      });
    }
    if (held.storageGb + req.storageGb > totals.storageGb) {
      throw new InsufficientResourcesError({
        message: `Needs ${req.storageGb} GB of storage but ${Math.max(0, totals.storageGb - held.storageGb)} of ${totals.storageGb} GB are free; cancel or delete a startup, or ask for less.`,
      });
    }
  }

  private portsExhausted(count: number) {
    return new PortsExhaustedError({
      message: `Fewer than ${count} free ports are left in ${this.portRange.start}-${this.portRange.end}; cancel or delete a startup, or widen the port range.`,
    });
  }
}
