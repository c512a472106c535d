import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { type FactoryEvent, InvalidConfigError } from '@startup-factory/contracts';

/** Host pressure, each as a share of capacity in [0, 1]. */
export interface ResourceSample {
  memory: number;
  cpu: number;
}

export type ResourceSampler = () => ResourceSample | Promise<ResourceSample>;

/** Memory in use from the OS and the 1-minute load average over the core count. */
export const systemSampler: ResourceSampler = () => ({
  memory: 1 - freemem() / totalmem(),
  cpu: Math.min(1, loadavg()[0]! / Math.max(1, cpus().length)),
});

export interface Thresholds {
  /** Lower at or above the high mark; raise only when every signal is below its low mark. */
  memoryHigh: number;
  memoryLow: number;
  cpuHigh: number;
  cpuLow: number;
  latencyHighMs: number;
  latencyLowMs: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  memoryHigh: 0.9,
  memoryLow: 0.75,
  cpuHigh: 0.9,
  cpuLow: 0.7,
  latencyHighMs: 20_000,
  latencyLowMs: 8_000,
};

export interface ConcurrencyControllerOptions {
  min: number;
  max: number;
  initial?: number;
  sampler?: ResourceSampler;
  thresholds?: Partial<Thresholds>;
  /** Multiplicative decrease (default 0.5); increases go up by one. */
  decreaseFactor?: number;
  /** Consecutive calm samples before a raise (default 3). */
  calmSamples?: number;
  /** Least time between two raises, and between a lowering and the next raise (default 30 s). */
  raiseCooldownMs?: number;
  /** Least time between two lowerings (default 5 s). */
  lowerCooldownMs?: number;
  /** Weight of the newest latency in the moving average (default 0.3). */
  latencyAlpha?: number;
  /** Where queue.concurrency_changed events go (store.appendEvent or bus.publish). */
  emit?: (event: FactoryEvent) => unknown;
  /** Applies the new target (e.g. to a queue). */
  onChange?: (to: number, from: number, reason: string) => void;
  clock?: () => number;
}

/**
 * Adaptive concurrency with hysteresis: lowers the target quickly when memory, CPU or provider
 * latency crosses its high mark, raises it one step at a time after a calm spell below the low
 * marks, and holds in between.
 */
export class ConcurrencyController {
  private current: number;
  private latencyEwma: number | undefined;
  private calm = 0;
  private lastChange = Number.NEGATIVE_INFINITY;
  private lastLowering = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private readonly limits: Thresholds;
  private readonly clock: () => number;

  constructor(private readonly options: ConcurrencyControllerOptions) {
    checkBounds(options);
    this.current = Math.min(options.max, Math.max(options.min, options.initial ?? options.max));
    this.limits = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    this.clock = options.clock ?? Date.now;
  }

  get target(): number {
    return this.current;
  }

  get latencyMs(): number | undefined {
    return this.latencyEwma;
  }

  /** Feeds one provider call's latency into the moving average. */
  recordLatency(ms: number): void {
    const alpha = this.options.latencyAlpha ?? 0.3;
    this.latencyEwma = this.latencyEwma === undefined ? ms : alpha * ms + (1 - alpha) * this.latencyEwma;
  }

  /** Samples once and adjusts the target if warranted; returns the target. */
  async tick(): Promise<number> {
    const sample = await (this.options.sampler ?? systemSampler)();
    const now = this.clock();
    const t = this.limits;
    const latency = this.latencyEwma;
    const pressure: string[] = [];
    if (sample.memory >= t.memoryHigh) pressure.push(`memory ${pct(sample.memory)} >= ${pct(t.memoryHigh)}`);
    if (sample.cpu >= t.cpuHigh) pressure.push(`cpu ${pct(sample.cpu)} >= ${pct(t.cpuHigh)}`);
    if (latency !== undefined && latency >= t.latencyHighMs)
      pressure.push(`provider latency ${Math.round(latency)} ms >= ${t.latencyHighMs} ms`);

    if (pressure.length > 0) {
      this.calm = 0;
      const lowerCooldown = this.options.lowerCooldownMs ?? 5000;
      if (this.current > this.options.min && now - this.lastLowering >= lowerCooldown) {
        const to = Math.max(
          this.options.min,
          Math.min(this.current - 1, Math.floor(this.current * (this.options.decreaseFactor ?? 0.5))),
        );
        this.change(to, pressure.join('; '), now);
        this.lastLowering = now;
      }
      return this.current;
    }
    const calmNow =
      sample.memory < t.memoryLow &&
      sample.cpu < t.cpuLow &&
      (latency === undefined || latency < t.latencyLowMs);
    if (!calmNow) {
      this.calm = 0;
      return this.current;
    }
    this.calm += 1;
    const raiseCooldown = this.options.raiseCooldownMs ?? 30_000;
    if (
      this.current < this.options.max &&
      this.calm >= (this.options.calmSamples ?? 3) &&
      now - this.lastChange >= raiseCooldown
    ) {
      this.calm = 0;
      this.change(
        this.current + 1,
        `recovered: memory ${pct(sample.memory)}, cpu ${pct(sample.cpu)}${latency === undefined ? '' : `, latency ${Math.round(latency)} ms`}`,
        now,
      );
    }
    return this.current;
  }

  /** Ticks every `intervalMs` until `stop()`. */
  start(intervalMs = 5000): void {
    this.stop();
    this.timer = setInterval(() => {
      this.tick().catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private change(to: number, reason: string, now: number): void {
    const from = this.current;
    if (to === from) return;
    this.current = to;
    this.lastChange = now;
    this.options.onChange?.(to, from, reason);
    void Promise.resolve(
      this.options.emit?.({
        type: 'queue.concurrency_changed',
        startupId: 'system',
        at: new Date(now),
        from,
        to,
        reason,
      }),
    ).catch(() => undefined);
  }
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Refuses bounds no target can honour, naming each field, before the controller starts. */
function checkBounds({ min, max }: Pick<ConcurrencyControllerOptions, 'min' | 'max'>): void {
  const issues = [];
  if (!(Number.isInteger(min) && min >= 1))
    issues.push({ path: 'min', message: `must be a whole number of at least 1 (got ${min})` });
  if (!(Number.isInteger(max) && max >= min))
    issues.push({ path: 'max', message: `must be a whole number of at least min, ${min} (got ${max})` });
  if (issues.length === 0) return;
  throw new InvalidConfigError({
    message: `Invalid adaptive concurrency bounds: ${issues
      .map((i) => `${i.path} ${i.message}`)
      .join('; ')}. Set taskConcurrency (the max) to a whole number of at least 1.`,
    issues,
  });
}
