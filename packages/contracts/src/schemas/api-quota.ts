import { z } from 'zod';
import { DEFAULTS } from './defaults';

/** Per-startup AI budget, stored with the allocation and enforced before each call. */
export const APIQuota = z.object({
  callsPerHour: z.number().int().min(1).default(DEFAULTS.apiCallsPerHour),
  costPerDayUsd: z.number().min(0).default(DEFAULTS.costPerDayUsd),
});
export type APIQuota = z.infer<typeof APIQuota>;
