import type { ITaskQueue } from '@startup-factory/contracts';
import { type BullMqQueueOptions, BullMqTaskQueue } from './bullmq-task-queue';
import { InProcessTaskQueue } from './in-process-task-queue';
import type { TaskQueueOptions } from './task-queue-options';

export interface CreateTaskQueueOptions extends TaskQueueOptions, Partial<BullMqQueueOptions> {
  /** Run on BullMQ over this Redis; the in-process engine when absent. */
  redisUrl?: string;
}

/** The task queue: in-process by default, BullMQ on Redis when `redisUrl` is given. */
export function createTaskQueue(options: CreateTaskQueueOptions): ITaskQueue {
  const { redisUrl, ...rest } = options;
  return redisUrl ? new BullMqTaskQueue({ ...rest, redisUrl }) : new InProcessTaskQueue(rest);
}
