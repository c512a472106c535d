/** Nearest-rank percentile of `values` (0 < p <= 100); null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const BUCKETS_MS = [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000];

/** The smallest of minute, 5 min, 15 min, hour, 6 h, day, week that splits the span into at most `max` buckets. */
export function pickBucketMs(spanMs: number, max = 24): number {
  return BUCKETS_MS.find((b) => spanMs / b <= max) ?? BUCKETS_MS[BUCKETS_MS.length - 1]!;
}

export const bucketStart = (time: number, bucketMs: number): number => Math.floor(time / bucketMs) * bucketMs;

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
