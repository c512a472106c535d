import { mkdirSync } from 'node:fs';
import { AICoordinator, createProviders } from '@startup-factory/ai-coordination';
import { DEFAULTS, type IEventBus, type IProvider, type Task } from '@startup-factory/contracts';
import {
  createStateStore,
  createTaskQueue,
  detectCpuCores,
  InProcessEventBus,
  NpmProjectValidator,
  Pipeline,
  RedisEventBus,
  ResourceAllocator,
  type SqlStateStore,
  StartupManager,
} from '@startup-factory/core';
import { TemplateManager } from '@startup-factory/templates';
import {
  type FactoryConfig,
  type FactoryConfigInput,
  FactoryConfig as FactoryConfigSchema,
  loadConfig,
} from './config/factory-config';
import { Factory, factoryPaths } from './factory';

export interface CreateFactoryOptions {
  /** Environment for provider keys; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Run queued tasks in this process (distributed mode); defaults to the config's `runTasks`. */
  workers?: boolean;
  /** An already open store to compose around (tests, embedding services); closed with the factory. */
  store?: SqlStateStore;
  /** AI providers to use instead of those `createProviders(env)` finds. */
  providers?: IProvider[];
}

/**
 * Builds the composed system from a config: the embedded default (PGlite, in-process queue,
 * offline provider) when nothing is set, PostgreSQL / BullMQ / real providers when configured.
 * The returned Factory owns every connection; call `close()` when done.
 */
export async function createFactory(
  config: FactoryConfigInput | FactoryConfig = loadConfig(),
  options: CreateFactoryOptions = {},
): Promise<Factory> {
  const settings = FactoryConfigSchema.parse(config);
  const env = options.env ?? process.env;
  const paths = factoryPaths(settings);
  mkdirSync(settings.dataDir, { recursive: true });
  const closers: Array<() => Promise<void>> = [];

  const store =
    options.store ??
    (await createStateStore(settings.databaseUrl ? { url: settings.databaseUrl } : { dataDir: paths.dbDir }));
  closers.push(() => store.close());
  const bus: IEventBus = settings.redisUrl
    ? await RedisEventBus.connect({ redisUrl: settings.redisUrl, channel: `${settings.namespace}:events` })
    : new InProcessEventBus();
  closers.push(() => bus.close());
  // Every event the store makes durable (manager, allocator, queue, pipeline) goes out live from here.
  store.publishTo(bus);

  const allocator = new ResourceAllocator({
    store,
    portRange: settings.portRange,
    totalCpuCores:
      settings.resources.totalCpuCores ??
      Math.max(detectCpuCores(), settings.maxConcurrentStartups * DEFAULTS.cpuCores),
    ...(settings.resources.totalMemoryMb ? { totalMemoryMb: settings.resources.totalMemoryMb } : {}),
    ...(settings.resources.totalStorageGb ? { totalStorageGb: settings.resources.totalStorageGb } : {}),
  });
  const manager = new StartupManager({
    store,
    allocator,
    maxConcurrent: settings.maxConcurrentStartups,
  });
  // Reconcile what a crashed process left behind, then keep this process's running startups leased.
  await manager.start();
  closers.push(async () => manager.stop());

  const coordinator = new AICoordinator({ providers: options.providers ?? createProviders(env), store });
  const templates = new TemplateManager({ outputDir: paths.projectsDir });

  let pipeline: Pipeline | undefined;
  const handler = (task: Task) => {
    if (!pipeline) throw new Error('the pipeline is not wired yet');
    return pipeline.handleTask(task);
  };
  const queue = createTaskQueue({
    store,
    handler,
    concurrency: settings.taskConcurrency,
    ...(settings.redisUrl
      ? {
          redisUrl: settings.redisUrl,
          prefix: settings.namespace,
          worker: options.workers ?? settings.runTasks,
          lockDurationMs: settings.queueLockMs,
          stalledIntervalMs: Math.max(1000, Math.floor(settings.queueLockMs / 2)),
        }
      : {}),
  });
  closers.push(() => queue.close());

  pipeline = new Pipeline({
    manager,
    queue,
    coordinator,
    templates,
    store,
    workspaceDir: paths.workspaceDir,
    ...(settings.validateProjects ? { validator: new NpmProjectValidator() } : {}),
  });

  return new Factory({
    config: settings,
    store,
    manager,
    allocator,
    queue,
    coordinator,
    templates,
    pipeline,
    bus,
    shutdown: async () => {
      for (const close of closers.reverse()) await close();
    },
  });
}
