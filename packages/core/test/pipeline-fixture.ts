import { join } from 'node:path';
import type { Task, TaskResult } from '@startup-factory/contracts';
import { FakeTemplateManager, randomTestPortBase } from '@startup-factory/contracts/testing';
import { Pipeline, type PipelineOptions } from '../src/pipeline/pipeline';
import { InProcessTaskQueue } from '../src/queue/in-process-task-queue';
import type { TaskQueueOptions } from '../src/queue/task-queue-options';
import { ResourceAllocator, type ResourceAllocatorOptions } from '../src/resources/resource-allocator';
import { StartupManager } from '../src/startup/startup-manager';

/**
 * A StartupManager on `store` whose allocator never runs out of memory, CPU or storage, with
 * `ports` ports from a range random to this test process (so parallel files do not collide).
 */
export function roomyStartupManager(
  store: ResourceAllocatorOptions['store'],
  { ports = 20, maxConcurrent }: { ports?: number; maxConcurrent?: number } = {},
): StartupManager {
  const base = randomTestPortBase(ports);
  const allocator = new ResourceAllocator({
    store,
    portRange: { start: base, end: base + ports - 1 },
    totalMemoryMb: 1_000_000,
    totalCpuCores: 1_000,
    totalStorageGb: 100_000,
  });
  return new StartupManager({ store, allocator, ...(maxConcurrent === undefined ? {} : { maxConcurrent }) });
}

/**
 * A Pipeline behind an in-process queue that hands each task back to it, writing under `dir`
 * (`startups/` for documents, `projects/` for the fake template's output unless `templates` is
 * given). The caller closes the queue.
 */
export function pipelineWithQueue(
  options: Omit<PipelineOptions, 'queue' | 'templates' | 'workspaceDir'> & {
    dir: string;
    templates?: PipelineOptions['templates'];
    retry?: TaskQueueOptions['retry'];
  },
): { pipeline: Pipeline; queue: InProcessTaskQueue } {
  const { dir, retry, templates, store, ...rest } = options;
  let pipeline: Pipeline | undefined;
  const queue = new InProcessTaskQueue({
    store,
    handler: (task) => (pipeline as Pipeline).handleTask(task),
    ...(retry ? { retry } : {}),
  });
  pipeline = new Pipeline({
    ...rest,
    store,
    queue,
    templates: templates ?? new FakeTemplateManager({ outputDir: join(dir, 'projects') }),
    workspaceDir: join(dir, 'startups'),
  });
  return { pipeline, queue };
}

/** What a scripted coordinator returns for `task`: it succeeded at the first attempt with `output`. */
export function succeeded(task: Task, output: unknown, durationMs = 1): TaskResult {
  return {
    taskId: task.id,
    startupId: task.startupId,
    status: 'succeeded',
    output,
    attempts: 1,
    finishedAt: new Date(),
    durationMs,
  };
}
