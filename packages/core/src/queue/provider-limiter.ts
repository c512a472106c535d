export interface ProviderLimit {
  /** Calls to this provider running at once. */
  concurrency?: number;
  /** Calls started in any 60-second window. */
  requestsPerMinute?: number;
}

const MINUTE = 60_000;

/** Per-provider concurrency and a sliding-window requests-per-minute limit. */
export class ProviderLimiter {
  private readonly active = new Map<string, number>();
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly limits: Record<string, ProviderLimit> = {}) {}

  /** 0 when a call can start now, else the earliest time (ms) it might, or Infinity when only a finish frees it. */
  availableAt(provider: string, now: number): number {
    const limit = this.limits[provider];
    if (!limit) return 0;
    if (limit.concurrency !== undefined && (this.active.get(provider) ?? 0) >= limit.concurrency) {
      return Number.POSITIVE_INFINITY;
    }
    if (limit.requestsPerMinute !== undefined) {
      const recent = this.window(provider, now);
      const oldest = recent[0];
      if (recent.length >= limit.requestsPerMinute && oldest !== undefined) return oldest + MINUTE;
    }
    return 0;
  }

  start(provider: string, now: number): void {
    this.active.set(provider, (this.active.get(provider) ?? 0) + 1);
    if (this.limits[provider]?.requestsPerMinute !== undefined) this.window(provider, now).push(now);
  }

  finish(provider: string): void {
    this.active.set(provider, Math.max(0, (this.active.get(provider) ?? 0) - 1));
  }

  private window(provider: string, now: number): number[] {
    const list = (this.starts.get(provider) ?? []).filter((t) => t > now - MINUTE);
    this.starts.set(provider, list);
    return list;
  }
}
