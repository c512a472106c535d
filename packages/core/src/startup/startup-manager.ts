import { randomUUID } from 'node:crypto';
import {
  ACTIVE_STATUSES,
  ConcurrencyLimitError,
  ConflictError,
  canTransition,
  DEFAULTS,
  FactoryError,
  type FactoryEvent,
  holdsResources,
  InvalidTransitionError,
  type IStartupManager,
  type ITemplateManager,
  isActiveStatus,
  NotFoundError,
  PHASES,
  parseInput,
  STATUS_TRANSITIONS,
  StartupConfig,
  type StartupConfigInput,
  type StartupInstance,
  type StartupListFilter,
  StartupPatch,
  type StartupStatus,
  slugify,
} from '@startup-factory/contracts';
import type { ResourceAllocator } from '../resources/resource-allocator';
import type { SqlExecutor } from '../store/sql-adapter';
import type { SqlStateStore } from '../store/sql-state-store';
import { type ReconcileReport, reconcileIn } from './reconcile';
import { leasedError, leaseHolder } from './startup-lease';
import {
  countActive,
  type StartupRow,
  selectStartup,
  selectStartupWithAllocation,
  slugTakenAndActive,
  toInstance,
  withAllocation,
} from './startup-rows';
import { statusMoveStatement } from './status-move';
import { withTemplateFloor } from './template-floor';

/** The message of the failure a state patch records (`lastError`), when it holds one. */
function failure(state: unknown): string | undefined {
  const lastError = (state as { lastError?: { message?: unknown } } | undefined)?.lastError;
  return typeof lastError?.message === 'string' ? lastError.message : undefined;
}

/** Key of the advisory lock held while admitting, so processes sharing a database agree on the count. */
export const ADMISSION_LOCK_KEY = 7_310_003;

export interface StartupManagerOptions {
  store: SqlStateStore;
  allocator: ResourceAllocator;
  maxConcurrent?: number;
  clock?: () => Date;
  /** How long a `running` startup stays owned by this manager without a heartbeat (default 30 s). */
  leaseMs?: number;
  /** Identifies this manager as the owner of the startups it runs (default: a random id). */
  ownerId?: string;
  /**
   * False when the owner named by an id is known to be gone (a dead process on this host), so its
   * startups are taken over before its lease runs out. Default: every owner counts as alive.
   */
  isOwnerAlive?: (ownerId: string) => boolean;
  /**
   * The templates a startup may name. When given, admission refuses an unknown template (listing
   * the available ones) and raises the requested resources to what the template declares.
   */
  templates?: Pick<ITemplateManager, 'getAvailableTemplates'>;
}

/**
 * Creates startups and moves them through their statuses, with every change and its event in one
 * transaction. Ownership: a manager that moves a startup to `running` holds a lease on it, renewed
 * by `heartbeat()` (started by `start()`); `reconcile()` treats a running startup whose lease has
 * lapsed as left behind by a crashed process and marks it `resumable`.
 */
export class StartupManager implements IStartupManager {
  readonly maxConcurrent: number;
  readonly ownerId: string;
  private readonly store: SqlStateStore;
  private readonly allocator: ResourceAllocator;
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly isOwnerAlive: (ownerId: string) => boolean;
  private readonly templates: Pick<ITemplateManager, 'getAvailableTemplates'> | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(options: StartupManagerOptions) {
    this.store = options.store;
    this.allocator = options.allocator;
    this.maxConcurrent = options.maxConcurrent ?? DEFAULTS.maxConcurrentStartups;
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 30_000;
    this.ownerId = options.ownerId ?? randomUUID();
    this.isOwnerAlive = options.isOwnerAlive ?? (() => true);
    this.templates = options.templates;
  }

  async createStartup(input: StartupConfigInput): Promise<string> {
    const parsed = parseInput(StartupConfig, input, 'startup config');
    const config = this.templates ? await withTemplateFloor(parsed, this.templates) : parsed;
    const id = randomUUID();
    await this.store.transaction((tx) => this.insertStartup(tx, id, config));
    return id;
  }

  /**
   * Runs the whole admission path (locks, checks, the startup row, its events, allocation and
   * schema) in a transaction it then rolls back: nothing stays and nothing is published, but the
   * first real create no longer pays for cold statements. A refusal (limit, resources) is fine.
   */
  async warmUp(): Promise<void> {
    const rollback = new Error('warm-up: roll back');
    const config = StartupConfig.parse({ name: 'Warm Up', industry: 'Software', category: 'B2B SaaS' });
    await this.store
      .transaction(async (tx) => {
        await this.insertStartup(tx, randomUUID(), config);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback && !FactoryError.isInstance(error)) throw error;
      });
  }

  private async insertStartup(tx: SqlExecutor, id: string, config: StartupConfig): Promise<void> {
    const slug = slugify(config.name);
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMISSION_LOCK_KEY]);
    const { taken, active } = await slugTakenAndActive(tx, slug, ACTIVE_STATUSES);
    if (taken) {
      throw new ConflictError({
        message: `A startup named "${config.name}" (slug ${slug}) already exists; choose another name or delete it.`,
      });
    }
    this.refuseOverLimit(active);
    const now = this.clock();
    // The row and the two events reporting it in one statement, published once the transaction commits.
    await this.store.modifyWithEvents(
      `INSERT INTO sf_startups (id, slug, name, status, config, current_phase, state, created_at, updated_at)
       VALUES ($1, $2, $3, 'created', $4, $6, '{}', $5, $5) RETURNING id`,
      [id, slug, config.name, JSON.stringify(config), now, PHASES[0]],
      [
        {
          type: 'startup.created',
          startupId: id,
          at: now,
          name: config.name,
          slug,
          template: config.template,
        },
        { type: 'startup.status_changed', startupId: id, at: now, from: null, to: 'created' },
      ],
      { tx },
    );
    await this.allocator.allocateIn(tx, id, config.resourceRequirements);
  }

  async getStartup(idOrSlug: string): Promise<StartupInstance> {
    const row = await selectStartupWithAllocation(this.store.db, idOrSlug, this.clock());
    if (!row) throw this.notFound(idOrSlug);
    return toInstance(row);
  }

  async getActiveStartups(): Promise<StartupInstance[]> {
    return this.listStartups({ status: [...ACTIVE_STATUSES] });
  }

  async listStartups(filter: StartupListFilter = {}): Promise<StartupInstance[]> {
    const statuses = filter.status === undefined ? null : [filter.status].flat();
    const { rows } = await this.store.query<StartupRow>(
      `SELECT ${withAllocation('s', '$2')} FROM sf_startups s
       WHERE $1::text[] IS NULL OR s.status = ANY($1) ORDER BY s.created_at, s.id`,
      [statuses, this.clock()],
    );
    return rows.map((r) => toInstance(r));
  }

  async updateStartup(id: string, patch: StartupPatch): Promise<StartupInstance> {
    const parsed = parseInput(StartupPatch, patch, 'startup patch');
    const quick =
      parsed.status === undefined
        ? await this.updateOwnRun(id, parsed)
        : await this.moveFreely(id, { ...parsed, status: parsed.status });
    if (quick) return quick;
    const row = await this.store.transaction(async (tx) => {
      if (parsed.status !== undefined)
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMISSION_LOCK_KEY]);
      const current = await selectStartup(tx, id, true);
      if (!current) throw this.notFound(id);
      const now = this.clock();
      let { owner_id: owner, lease_until: lease } = current;
      const leased = leaseHolder(current, this.ownerId, now, this.isOwnerAlive);
      // While another live process runs it, only the operator's pause or cancel may reach it.
      if (leased && !(parsed.status === 'paused' || parsed.status === 'cancelled')) {
        throw leasedError(current.slug, leased);
      }
      if (parsed.status === undefined && current.status === 'running' && owner !== this.ownerId) {
        // The holder is gone (its lease lapsed): this manager takes the run over.
        owner = this.ownerId;
        lease = new Date(now.getTime() + this.leaseMs);
      }
      if (parsed.status !== undefined) {
        await this.moveResources(tx, current, parsed.status);
        if (parsed.status === 'running') {
          owner = this.ownerId;
          lease = new Date(now.getTime() + this.leaseMs);
        } else {
          owner = null;
          lease = null;
        }
        await this.store.appendEvent(
          {
            type: 'startup.status_changed',
            startupId: current.id,
            at: now,
            from: current.status,
            to: parsed.status,
            // A failure says why in the event itself, so a live view shows it without a second read.
            ...(parsed.status === 'failed' && failure(parsed.state) !== undefined
              ? { reason: failure(parsed.state) as string }
              : {}),
          },
          tx,
        );
      }
      const { rows } = await tx.query<StartupRow>(
        `UPDATE sf_startups SET status = $2, current_phase = $3, state = $4, owner_id = $5, lease_until = $6,
           updated_at = $7 WHERE id = $1 RETURNING ${withAllocation('sf_startups', '$7')}`,
        [
          current.id,
          parsed.status ?? current.status,
          // null is a value here (every phase finished), not an absent patch field.
          parsed.currentPhase === undefined ? current.current_phase : parsed.currentPhase,
          JSON.stringify(parsed.state ?? current.state),
          owner,
          lease,
          now,
        ],
      );
      return rows[0]!;
    });
    return toInstance(row);
  }

  /**
   * Moves a run this manager owns to its next phase (null: all finished), only while it is
   * running, and appends `events` (published once stored) in the same statement; null, writing
   * nothing, when it is not running or not this manager's: read it then.
   */
  async advanceRun(
    id: string,
    currentPhase: string | null,
    events: readonly FactoryEvent[] = [],
  ): Promise<StartupInstance | null> {
    const patch = parseInput(StartupPatch, { currentPhase }, 'startup patch');
    const { rows } = await this.store.modifyWithEvents<StartupRow>(...this.ownRunUpdate(id, patch), events);
    return rows[0] ? toInstance(rows[0]) : null;
  }

  /**
   * A status change that takes or gives back no slot and no resources, on a startup no other
   * manager runs, as one statement with its event (`statusMoveStatement`); null otherwise.
   */
  private async moveFreely(
    id: string,
    patch: StartupPatch & { status: StartupStatus },
  ): Promise<StartupInstance | null> {
    const now = this.clock();
    const move = statusMoveStatement({
      id,
      ownerId: this.ownerId,
      patch,
      now,
      leaseUntil: new Date(now.getTime() + this.leaseMs),
      reason: patch.status === 'failed' ? failure(patch.state) : undefined,
    });
    const { rows } = await this.store.modifyWithEvents<StartupRow>(
      move.statement,
      move.params,
      [move.event],
      { fromRow: { from: 'from_status' } },
    );
    return rows[0] ? toInstance(rows[0]) : null;
  }

  /**
   * A patch without a status on a run this manager owns, as the one statement it needs: nothing
   * to check, since only a status change moves resources and only the owner's lease is in play.
   * Null when the startup is not a run of this manager (the full path decides what happens then).
   */
  private async updateOwnRun(id: string, patch: StartupPatch): Promise<StartupInstance | null> {
    const { rows } = await this.store.query<StartupRow>(...this.ownRunUpdate(id, patch));
    return rows[0] ? toInstance(rows[0]) : null;
  }

  private ownRunUpdate(id: string, patch: StartupPatch): [string, unknown[]] {
    return [
      // current_phase null is a value (every phase finished), so whether to set it is its own flag.
      `UPDATE sf_startups SET current_phase = CASE WHEN $6 THEN $3 ELSE current_phase END, state = coalesce($4, state),
         updated_at = $5 WHERE id = $1 AND status = 'running' AND owner_id = $2
       RETURNING ${withAllocation('sf_startups', '$5')}`,
      [
        id,
        this.ownerId,
        patch.currentPhase ?? null,
        patch.state ? JSON.stringify(patch.state) : null,
        this.clock(),
        patch.currentPhase !== undefined,
      ],
    ];
  }

  async pauseStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'paused' });
  }

  async resumeStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'running' });
  }

  async cancelStartup(id: string): Promise<StartupInstance> {
    return this.updateStartup(id, { status: 'cancelled' });
  }

  async deleteStartup(id: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const current = await selectStartup(tx, id, true);
      if (!current) throw this.notFound(id);
      // Deleting under a live run elsewhere would leave it writing for a startup that is gone.
      const leased = leaseHolder(current, this.ownerId, this.clock(), this.isOwnerAlive);
      if (leased) throw leasedError(current.slug, leased);
      await this.allocator.deallocateIn(tx, current.id, 'startup deleted');
      await tx.query('DELETE FROM sf_startups WHERE id = $1', [current.id]);
      await this.store.appendEvent({ type: 'startup.deleted', startupId: current.id, at: this.clock() }, tx);
    });
  }

  /**
   * Renews the lease on the running startups this manager owns: all of them, or only `ids` (the
   * runs a caller knows to be alive and progressing). A startup taken over elsewhere is left alone.
   */
  async heartbeat(ids?: readonly string[]): Promise<void> {
    if (ids?.length === 0) return;
    await this.store.query(
      `UPDATE sf_startups SET lease_until = $2
       WHERE owner_id = $1 AND status = 'running' AND ($3::text[] IS NULL OR id = ANY($3))`,
      [this.ownerId, new Date(this.clock().getTime() + this.leaseMs), ids ? [...ids] : null],
    );
  }

  /** Reconciles, then renews leases every third of the lease until `stop()`. */
  async start(): Promise<ReconcileReport> {
    const report = await this.reconcile();
    this.heartbeatTimer ??= setInterval(() => void this.heartbeat().catch(() => {}), this.leaseMs / 3);
    this.heartbeatTimer.unref();
    return report;
  }

  stop(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /**
   * Marks running startups whose owner's lease lapsed (or whose owner is known gone) as `resumable`, and releases resources held
   * for startups that no longer exist, are no longer active, or whose allocation expired.
   */
  async reconcile(): Promise<ReconcileReport> {
    return this.store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMISSION_LOCK_KEY]);
      return reconcileIn(tx, {
        store: this.store,
        allocator: this.allocator,
        ownerId: this.ownerId,
        isOwnerAlive: this.isOwnerAlive,
        now: this.clock(),
      });
    });
  }

  private async admit(tx: SqlExecutor): Promise<void> {
    this.refuseOverLimit(await countActive(tx, ACTIVE_STATUSES));
  }

  private refuseOverLimit(active: number): void {
    if (active >= this.maxConcurrent) {
      throw new ConcurrencyLimitError({
        message: `${this.maxConcurrent} startups are already active; wait for one to finish, or cancel or delete one.`,
      });
    }
  }

  /** Checks the move and releases or re-acquires resources when the startup stops or starts holding them. */
  private async moveResources(tx: SqlExecutor, current: StartupRow, to: StartupStatus): Promise<void> {
    if (!canTransition(current.status, to)) {
      throw new InvalidTransitionError({
        message: `Startup ${current.slug} cannot move from ${current.status} to ${to}; from ${current.status} it may move to: ${
          STATUS_TRANSITIONS[current.status].join(', ') || 'nothing (final)'
        }.`,
      });
    }
    if (holdsResources(current.status) && !holdsResources(to)) {
      await this.allocator.deallocateIn(tx, current.id, `startup ${to}`);
    } else if (!holdsResources(current.status) && isActiveStatus(to)) {
      await this.admit(tx);
      const config = StartupConfig.parse(current.config);
      await this.allocator.allocateIn(tx, current.id, config.resourceRequirements);
    }
  }

  private notFound(idOrSlug: string) {
    return new NotFoundError({
      message: `No startup with id or slug "${idOrSlug}"; list startups to see what exists.`,
    });
  }
}
