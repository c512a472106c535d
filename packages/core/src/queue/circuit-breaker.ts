export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit skips the provider before one trial call is let through. */
  coolDownMs?: number;
}

/** Per-provider circuit breaker: after N consecutive failures the provider is skipped for a cool-down. */
export class CircuitBreaker {
  private readonly failures = new Map<string, number>();
  private readonly openUntil = new Map<string, number>();
  private readonly threshold: number;
  private readonly coolDownMs: number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 30_000;
  }

  /** True while the provider is cooling down. */
  isOpen(provider: string, now: number): boolean {
    return (this.openUntil.get(provider) ?? 0) > now;
  }

  /** When the provider can be tried again (0 when it can now). */
  reopensAt(provider: string): number {
    return this.openUntil.get(provider) ?? 0;
  }

  recordSuccess(provider: string): void {
    this.failures.set(provider, 0);
    this.openUntil.delete(provider);
  }

  recordFailure(provider: string, now: number): void {
    const count = (this.failures.get(provider) ?? 0) + 1;
    this.failures.set(provider, count);
    if (count >= this.threshold) {
      this.openUntil.set(provider, now + this.coolDownMs);
      // After the cool-down one failure is enough to open it again (half-open).
      this.failures.set(provider, this.threshold - 1);
    }
  }
}
