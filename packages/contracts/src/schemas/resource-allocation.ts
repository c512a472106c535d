import { z } from 'zod';
import { APIQuota } from './api-quota';
import { Timestamp } from './common';

/** A schema name that is safe to interpolate as an SQL identifier. */
export const DatabaseNamespace = z
  .string()
  .regex(
    /^startup_[a-z0-9_]{1,54}$/,
    'must be startup_ followed by lowercase letters, digits or underscores',
  );

export const Port = z.number().int().min(1).max(65_535);

export const ResourceAllocation = z.object({
  startupId: z.string().min(1),
  memoryMb: z.number().int().positive(),
  cpuCores: z.number().positive(),
  storageGb: z.number().int().positive(),
  ports: z.array(Port).min(1),
  databaseNamespace: DatabaseNamespace,
  apiQuota: APIQuota,
  allocatedAt: Timestamp,
  expiresAt: Timestamp.nullable().default(null),
});
export type ResourceAllocation = z.infer<typeof ResourceAllocation>;

/** The namespace for a startup id: `startup_` plus the id's letters and digits. */
export function namespaceFor(startupId: string): string {
  const cleaned = startupId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 54);
  return DatabaseNamespace.parse(`startup_${cleaned}`);
}
