import type { CachedResult, IResultCache } from '@startup-factory/contracts';
import { Redis } from 'ioredis';
import { MemoryResultCache } from './result-cache';

export interface RedisCacheOptions {
  redisUrl: string;
  /** Key prefix, e.g. the factory namespace (default `sf:ai-cache:`). */
  prefix?: string;
  defaultTtlMs?: number;
}

/** The shared cache for several factory processes: one Redis string per key, expiring by PX. */
export class RedisResultCache implements IResultCache {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly options: RedisCacheOptions) {
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
    // ioredis prints a stack per reconnect attempt unless someone listens; an outage already
    // reaches callers as rejected get/set calls, and the queue's connections report it once.
    this.redis.on('error', () => {});
    this.prefix = options.prefix ?? 'sf:ai-cache:';
  }

  async get(key: string): Promise<CachedResult | null> {
    const raw = await this.redis.get(this.prefix + key);
    return raw ? (JSON.parse(raw) as CachedResult) : null;
  }

  async set(
    key: string,
    value: CachedResult,
    ttlMs = this.options.defaultTtlMs ?? 86_400_000,
  ): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when a URL is given, otherwise the in-process cache. */
export function createResultCache(
  options: { redisUrl?: string; prefix?: string; defaultTtlMs?: number } = {},
): IResultCache {
  if (options.redisUrl) {
    return new RedisResultCache({
      redisUrl: options.redisUrl,
      ...(options.prefix ? { prefix: options.prefix } : {}),
      ...(options.defaultTtlMs ? { defaultTtlMs: options.defaultTtlMs } : {}),
    });
  }
  return new MemoryResultCache(options.defaultTtlMs ? { defaultTtlMs: options.defaultTtlMs } : {});
}
