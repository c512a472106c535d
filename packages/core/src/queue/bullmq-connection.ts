import { Redis } from 'ioredis';

/** A Redis connection as BullMQ workers need it (no per-request retry limit, so blocking reads survive). */
export function bullMqConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export const DEFAULT_QUEUE_NAME = 'startup-factory-tasks';
