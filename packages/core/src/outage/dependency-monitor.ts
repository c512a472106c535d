/** The back ends whose outages the factory reports. */
export type DependencyName = 'postgres' | 'redis';

/** One transition of a dependency: it went down (first failing connection) or came back (all recovered). */
export interface DependencyChange {
  dependency: DependencyName;
  state: 'down' | 'up';
  /** What the failing connection said (down), with secrets already removed by the reporter. */
  detail?: string;
  at: Date;
}

/**
 * Tracks whether each back end answers, from what its connections report. Many connections (a
 * pool, three Redis clients) failing many times make one `down` change; the dependency is `up`
 * again only when every connection that failed has recovered. Listeners see each change once.
 */
export class DependencyMonitor {
  private readonly failing = new Map<DependencyName, Map<string, string>>();
  private readonly listeners = new Set<(change: DependencyChange) => void>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** A connection `source` of `dependency` answered (`ok`) or failed with `detail`. */
  report(dependency: DependencyName, source: string, ok: boolean, detail = 'unreachable'): void {
    const sources = this.failing.get(dependency) ?? new Map<string, string>();
    const wasDown = sources.size > 0;
    if (ok) sources.delete(source);
    else if (!sources.has(source)) sources.set(source, detail);
    this.failing.set(dependency, sources);
    const isDown = sources.size > 0;
    if (wasDown === isDown) return;
    const change: DependencyChange = isDown
      ? { dependency, state: 'down', detail, at: this.clock() }
      : { dependency, state: 'up', at: this.clock() };
    for (const listener of this.listeners) listener(change);
  }

  /** Why `dependency` is down (the first failure's detail), or null while it answers. */
  downDetail(dependency: DependencyName): string | null {
    const sources = this.failing.get(dependency);
    return sources && sources.size > 0 ? [...sources.values()][0]! : null;
  }

  /** Calls `listener` on every down/up change from now on; returns the unsubscribe function. */
  onChange(listener: (change: DependencyChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
