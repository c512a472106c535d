import { z } from 'zod';
import { Timestamp } from './common';
import { PhaseKey } from './phase';

/** A path inside the startup's folder: relative, forward slashes, no `..` segments. */
export const RelativePath = z
  .string()
  .min(1)
  .max(500)
  .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\0]+$/, 'must be a relative path inside the startup folder');

export const Artifact = z.object({
  id: z.string(),
  startupId: z.string(),
  phase: PhaseKey,
  kind: z.enum(['document', 'spec', 'project', 'report', 'manifest']),
  path: RelativePath,
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  createdAt: Timestamp,
});
export type Artifact = z.infer<typeof Artifact>;
