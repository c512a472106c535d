/** The plan's defaults, in one place so every package agrees on them. */
export const DEFAULTS = {
  memoryMb: 500,
  cpuCores: 0.5,
  storageGb: 2,
  portCount: 3,
  apiCallsPerHour: 1000,
  costPerDayUsd: 15.0,
  maxConcurrentStartups: 5,
  portRangeStart: 3000,
  portRangeEnd: 3099,
  taskConcurrency: 15,
  taskMaxAttempts: 3,
  taskPriority: 5,
} as const;
