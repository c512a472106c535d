import { z } from 'zod';
import { DEFAULTS } from './defaults';

/** What a startup asks for. Every field has the plan's default and a sane bound; other keys are refused. */
export const ResourceRequirements = z
  .object({
    memoryMb: z.number().int().min(64).max(65_536).default(DEFAULTS.memoryMb),
    cpuCores: z.number().min(0.1).max(64).default(DEFAULTS.cpuCores),
    storageGb: z.number().int().min(1).max(1024).default(DEFAULTS.storageGb),
    portCount: z.number().int().min(1).max(10).default(DEFAULTS.portCount),
    apiCallsPerHour: z.number().int().min(1).max(1_000_000).default(DEFAULTS.apiCallsPerHour),
    costPerDayUsd: z.number().min(0).max(100_000).default(DEFAULTS.costPerDayUsd),
  })
  .strict();
export type ResourceRequirements = z.infer<typeof ResourceRequirements>;
export type ResourceRequirementsInput = z.input<typeof ResourceRequirements>;
