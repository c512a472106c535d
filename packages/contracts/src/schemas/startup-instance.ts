import { z } from 'zod';
import { JsonRecord, Timestamp } from './common';
import { PhaseKey } from './phase';
import { ResourceAllocation } from './resource-allocation';
import { StartupConfig } from './startup-config';
import { StartupStatus } from './startup-status';

export const StartupInstance = z.object({
  id: z.string().uuid(),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  config: StartupConfig,
  status: StartupStatus,
  resourceAllocation: ResourceAllocation.nullable(),
  /** Name of the first phase not yet finished (a PHASE_REGISTRY entry); null when every phase finished. */
  currentPhase: PhaseKey.nullable(),
  state: JsonRecord,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type StartupInstance = z.infer<typeof StartupInstance>;

/**
 * How a user names a startup (CLI argument, URL segment): its UUID or its slug. Anything else (a
 * NUL byte, a quote, a slash, `..`) is refused before any store is asked.
 */
export const StartupRef = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'must be a startup id (UUID) or slug (letters, digits and -)');
export type StartupRef = z.infer<typeof StartupRef>;

/** What a caller may change on an instance; status moves are checked against the transition table. */
export const StartupPatch = z
  .object({
    status: StartupStatus.optional(),
    currentPhase: PhaseKey.nullable().optional(),
    state: JsonRecord.optional(),
  })
  .strict();
export type StartupPatch = z.infer<typeof StartupPatch>;
