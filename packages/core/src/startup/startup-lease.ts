import { StartupLeasedError } from '@startup-factory/contracts';
import type { StartupRow } from './startup-rows';

/** Who else holds a live lease on a running startup, or null when `ownerId` may run it. */
export function leaseHolder(
  row: StartupRow,
  ownerId: string,
  now: Date,
  isOwnerAlive: (ownerId: string) => boolean,
): { ownerId: string; leaseUntil: Date } | null {
  if (row.status !== 'running' || row.owner_id === null || row.owner_id === ownerId) return null;
  if (row.lease_until === null || !isOwnerAlive(row.owner_id)) return null;
  const until = new Date(row.lease_until);
  return until.getTime() >= now.getTime() ? { ownerId: row.owner_id, leaseUntil: until } : null;
}

/** The refusal a second process gets while the holder's lease is live. */
export function leasedError(slug: string, holder: { ownerId: string; leaseUntil: Date }): StartupLeasedError {
  return new StartupLeasedError({
    message: `Startup ${slug} is running in another process (${holder.ownerId}), whose lease holds until ${holder.leaseUntil.toISOString()}; wait for it, pause or cancel it (then resume or delete it here), or stop that process: once its lease lapses it can be resumed here.`,
  });
}
