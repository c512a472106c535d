import type { IEventBus } from '@startup-factory/contracts';

export interface RunLeasesOptions {
  /** How long a lease lasts; live, progressing runs are renewed every third of it. */
  leaseMs: number;
  /** How long a run may go without progress and still be renewed. */
  stallMs: number;
  /** Renews the leases of these startups (the store call); its errors are the store's to report. */
  renew: (startupIds: readonly string[]) => Promise<void>;
  /** Every event of the system: one naming a tracked startup counts as its run's progress. */
  bus: IEventBus;
  /** Called once when a run stops being renewed for lack of progress. */
  onStall?: (stall: { startupId: string; idleMs: number }) => void;
  clock?: () => number;
}

/**
 * Keeps the lease of each run this process executes, and only while that run is alive and
 * progressing: a run that ended is untracked, a run with no event for `stallMs` is no longer
 * renewed, so its lease lapses and another process may take the startup over.
 */
export class RunLeases {
  private readonly lastProgress = new Map<string, number>();
  private readonly stalled = new Set<string>();
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: RunLeasesOptions) {
    this.clock = options.clock ?? Date.now;
    this.unsubscribe = options.bus.subscribe((event) => {
      if ('startupId' in event && typeof event.startupId === 'string') this.progressed(event.startupId);
    });
  }

  /** Starts keeping the lease of a run that starts now; call the returned function when it ends. */
  track(startupId: string): () => void {
    this.lastProgress.set(startupId, this.clock());
    this.stalled.delete(startupId);
    this.timer ??= setInterval(() => void this.renewLive(), Math.max(100, this.options.leaseMs / 3));
    this.timer.unref();
    return () => {
      this.lastProgress.delete(startupId);
      this.stalled.delete(startupId);
      if (this.lastProgress.size === 0) this.stopTimer();
    };
  }

  /** Records progress of a tracked run (an event, a validation step); ignored for others. */
  progressed(startupId: string): void {
    if (!this.lastProgress.has(startupId)) return;
    this.lastProgress.set(startupId, this.clock());
    this.stalled.delete(startupId);
  }

  /** The runs whose lease is renewed now. */
  live(): string[] {
    const now = this.clock();
    const live: string[] = [];
    for (const [id, at] of this.lastProgress) {
      const idleMs = now - at;
      if (idleMs <= this.options.stallMs) live.push(id);
      else if (!this.stalled.has(id)) {
        this.stalled.add(id);
        this.options.onStall?.({ startupId: id, idleMs });
      }
    }
    return live;
  }

  close(): void {
    this.stopTimer();
    this.unsubscribe();
  }

  private async renewLive(): Promise<void> {
    // A store outage fails the renewal; the dependency monitor logs the outage, the next tick retries.
    await this.options.renew(this.live()).catch(() => {});
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
