import { Redis } from 'ioredis';
import { redisUnavailableError } from './bullmq-connection';

/**
 * Connects once (no reconnects) and PINGs within `timeoutMs`. Throws QueueUnavailableError that
 * names the URL (password removed) and the reason, so nothing that would wait on Redis forever
 * is built while it is down.
 */
export async function probeRedis(redisUrl: string, timeoutMs = 5_000): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error: unknown) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), deadline]);
  } catch (error) {
    throw redisUnavailableError(redisUrl, lastError ?? error);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
