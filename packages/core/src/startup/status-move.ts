import {
  canTransition,
  type FactoryEvent,
  holdsResources,
  isActiveStatus,
  type StartupPatch,
  StartupStatus,
} from '@startup-factory/contracts';
import { withAllocation } from './startup-rows';

/**
 * The statuses a startup can leave for `to` with nothing to check but its row: allowed moves that
 * take no concurrency slot and no resources (nor give resources back), so no admission lock and no
 * allocator. A slot only ever frees up on them, which a concurrent admission may safely miss.
 */
export function statusesMovingFreely(to: StartupStatus): StartupStatus[] {
  return StartupStatus.options.filter(
    (from) => canTransition(from, to) && (holdsResources(from) ? holdsResources(to) : !isActiveStatus(to)),
  );
}

export interface StatusMove {
  id: string;
  ownerId: string;
  patch: StartupPatch & { status: StartupStatus };
  now: Date;
  /** The lease a move to `running` takes; every other move drops the owner and the lease. */
  leaseUntil: Date;
  reason?: string | undefined;
}

/**
 * A status change as one statement (for `modifyWithEvents`, with `fromRow: { from: 'from_status' }`): it
 * locks the row, moves it only from a status in `statusesMovingFreely` and only when no other
 * manager owns it running, and reports the status it moved from. No row: take the full path.
 */
export function statusMoveStatement(move: StatusMove): {
  statement: string;
  params: unknown[];
  event: FactoryEvent;
} {
  const { id, ownerId, patch, now } = move;
  const running = patch.status === 'running';
  return {
    statement: `UPDATE sf_startups s SET status = $2, current_phase = CASE WHEN $8 THEN $3 ELSE s.current_phase END,
         state = coalesce($4, s.state), owner_id = $5, lease_until = $6, updated_at = $7
       FROM (SELECT id, status FROM sf_startups WHERE id = $1 FOR UPDATE) old
       WHERE s.id = old.id AND old.status = ANY($9)
         AND (old.status <> 'running' OR s.owner_id IS NULL OR s.owner_id = $10)
       RETURNING ${withAllocation('s', '$7')}, old.status AS from_status`,
    params: [
      id,
      patch.status,
      patch.currentPhase ?? null,
      patch.state ? JSON.stringify(patch.state) : null,
      running ? ownerId : null,
      running ? move.leaseUntil : null,
      now,
      patch.currentPhase !== undefined,
      statusesMovingFreely(patch.status),
      ownerId,
    ],
    // `from` is a placeholder the statement replaces with the status the row had.
    event: {
      type: 'startup.status_changed',
      startupId: id,
      at: now,
      from: patch.status,
      to: patch.status,
      ...(move.reason !== undefined ? { reason: move.reason } : {}),
    },
  };
}
