import { QueueUnavailableError } from '@startup-factory/contracts';
import { Redis } from 'ioredis';
import type { DependencyMonitor } from '../outage/dependency-monitor';
import { redactUrl } from '../store/redact-url';

let connections = 0;

/** The short reason of a Redis client error (`ECONNREFUSED`, …), never a stack. */
export function redisErrorReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** The error every Redis outage becomes: the URL without its password, the reason, what to do. */
export function redisUnavailableError(redisUrl: string, error: unknown): QueueUnavailableError {
  return new QueueUnavailableError({
    message: `redis: unreachable at ${redactUrl(redisUrl)} (${redisErrorReason(error)}) — start it or unset REDIS_URL.`,
    cause: error,
  });
}

/**
 * Reports a Redis client's failures and recoveries to `monitor`. ioredis emits 'error' on every
 * reconnect attempt and prints a stack for each one nobody listens to; this listener turns them
 * into one down change (and one up change on 'ready') for the whole process.
 */
export function watchRedis(redis: Redis, redisUrl: string, monitor: DependencyMonitor | undefined): Redis {
  const source = `redis#${++connections}`;
  const safeUrl = redactUrl(redisUrl);
  redis.on('error', (error: unknown) =>
    monitor?.report('redis', source, false, `Redis at ${safeUrl}: ${redisErrorReason(error)}`),
  );
  redis.on('ready', () => monitor?.report('redis', source, true));
  return redis;
}

/** A Redis connection as BullMQ workers need it (no per-request retry limit, so blocking reads survive). */
export function bullMqConnection(redisUrl: string, monitor?: DependencyMonitor): Redis {
  return watchRedis(
    new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true }),
    redisUrl,
    monitor,
  );
}

export const DEFAULT_QUEUE_NAME = 'startup-factory-tasks';
