import { RESOURCE_HOLDING_STATUSES } from '@startup-factory/contracts';
import type { ResourceAllocator } from '../resources/resource-allocator';
import type { SqlExecutor } from '../store/sql-adapter';
import type { SqlStateStore } from '../store/sql-state-store';

export interface ReconcileReport {
  /** Running startups whose owner's lease had lapsed, now `resumable`. */
  resumable: string[];
  /** Startups whose resources were released: gone, failed, cancelled, or expired. */
  released: string[];
}

/**
 * On `tx` (holding the admission lock): marks running startups whose owner's lease lapsed (or
 * whose owner is known gone) as `resumable`, and releases resources held for startups that no
 * longer exist, are no longer active, or whose allocation expired.
 */
export async function reconcileIn(
  tx: SqlExecutor,
  deps: {
    store: SqlStateStore;
    allocator: ResourceAllocator;
    ownerId: string;
    isOwnerAlive: (ownerId: string) => boolean;
    now: Date;
  },
): Promise<ReconcileReport> {
  const { store, allocator, now } = deps;
  // Owners known to be gone (a crashed process on this host) lose their startups before their lease runs out.
  const { rows: owners } = await tx.query<{ owner_id: string }>(
    `SELECT DISTINCT owner_id FROM sf_startups WHERE status = 'running' AND owner_id IS NOT NULL AND owner_id <> $1`,
    [deps.ownerId],
  );
  const gone = owners.map((o) => o.owner_id).filter((owner) => !deps.isOwnerAlive(owner));
  const { rows: orphans } = await tx.query<{ id: string }>(
    `UPDATE sf_startups SET status = 'resumable', owner_id = NULL, lease_until = NULL, updated_at = $1
     WHERE status = 'running' AND (lease_until IS NULL OR lease_until < $1 OR owner_id = ANY($2::text[]))
     RETURNING id`,
    [now, gone],
  );
  for (const { id } of orphans) {
    await store.appendEvent(
      {
        type: 'startup.status_changed',
        startupId: id,
        at: now,
        from: 'running',
        to: 'resumable',
        reason: 'owner lost',
      },
      tx,
    );
  }
  const { rows: stale } = await tx.query<{ startup_id: string }>(
    `SELECT a.startup_id FROM sf_allocations a LEFT JOIN sf_startups s ON s.id = a.startup_id
     WHERE s.id IS NULL OR NOT (s.status = ANY($1))`,
    [[...RESOURCE_HOLDING_STATUSES]],
  );
  const released: string[] = [];
  for (const { startup_id } of stale) {
    if (await allocator.deallocateIn(tx, startup_id, 'reconcile')) released.push(startup_id);
  }
  released.push(...(await allocator.reclaimExpiredIn(tx)));
  return { resumable: orphans.map((o) => o.id), released };
}
