import { createHash } from 'node:crypto';
import type { CachedResult, IResultCache } from '@startup-factory/contracts';

export interface CacheKeyInput {
  provider: string;
  model: string;
  /** The whole prompt: system text and messages, in order. */
  prompt: unknown;
  /** The JSON Schema the answer must satisfy, if any. */
  schema?: unknown;
  /** Sampling settings that change the answer (temperature, max tokens). */
  settings?: unknown;
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 of provider, model, prompt, schema and settings. */
export function cacheKey(input: CacheKeyInput): string {
  return createHash('sha256')
    .update(
      canonical({
        provider: input.provider,
        model: input.model,
        prompt: input.prompt,
        schema: input.schema ?? null,
        settings: input.settings ?? null,
      }),
    )
    .digest('hex');
}

export interface MemoryCacheOptions {
  defaultTtlMs?: number;
  /** Oldest entries go first beyond this many. */
  maxEntries?: number;
  clock?: () => number;
}

/** The in-process cache (the default): a Map in insertion order with lazy expiry. */
export class MemoryResultCache implements IResultCache {
  private readonly entries = new Map<string, { value: CachedResult; expiresAt: number }>();
  private readonly clock: () => number;

  constructor(private readonly options: MemoryCacheOptions = {}) {
    this.clock = options.clock ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<CachedResult | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(
    key: string,
    value: CachedResult,
    ttlMs = this.options.defaultTtlMs ?? 86_400_000,
  ): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.clock() + ttlMs });
    const max = this.options.maxEntries ?? 10_000;
    while (this.entries.size > max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
