import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AICoordinator, createProviders, LearningEngine } from '@startup-factory/ai-coordination';
import {
  type AppEnvironment,
  DEFAULTS,
  type HandlerErrorReporter,
  type IDeployer,
  type IEventBus,
  InMemoryEventBus,
  type IProvider,
  type ITaskQueue,
  reportHandlerErrorToStderr,
  type Task,
} from '@startup-factory/contracts';
import {
  createStateStore,
  createTaskQueue,
  DependencyMonitor,
  detectCpuCores,
  NpmProjectValidator,
  Pipeline,
  probeRedis,
  RedisEventBus,
  ResourceAllocator,
  type SqlStateStore,
  StartupManager,
} from '@startup-factory/core';
import {
  CachingProvider,
  ConcurrencyController,
  type ConcurrencyControllerOptions,
  createResultCache,
  DeployService,
  prepareDeployment,
} from '@startup-factory/production';
import { TemplateManager } from '@startup-factory/templates';
import { appEnvironment } from './app-environment';
import {
  type FactoryConfig,
  type FactoryConfigInput,
  FactoryConfig as FactoryConfigSchema,
  loadConfig,
} from './config/factory-config';
import { DataDirLock } from './data-dir-lock';
import { deployTarget } from './deploy-target';
import { Factory, factoryPaths } from './factory';
import { LatencyProbe } from './latency-probe';
import { installSettings } from './package-install';
import { isOwnerProcessAlive, processOwnerId } from './process-identity';
import { FlutterProjectValidator } from './validation/flutter-project-validator';
import { ProjectValidatorByKind } from './validation/project-validator-by-kind';
import { ValidationProgressFeed } from './validation-progress';

export interface CreateFactoryOptions {
  /** Environment for provider keys; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * The environment generated apps inherit from, through an allow-list (PATH, HOME, locale,
   * proxies, npm settings; never keys, tokens or the factory's database); defaults to process.env.
   */
  appParentEnv?: NodeJS.ProcessEnv;
  /** Run queued tasks in this process (distributed mode); defaults to the config's `runTasks`. */
  workers?: boolean;
  /** An already open store to compose around (tests, embedding services); closed with the factory. */
  store?: SqlStateStore;
  /** AI providers to use instead of those `createProviders(env)` finds. */
  providers?: IProvider[];
  /**
   * Adaptive queue concurrency: false turns it off; otherwise overrides for the controller
   * (sampler, thresholds, ...) and how often it samples (default every 5 s).
   */
  adaptiveConcurrency?: false | (Partial<ConcurrencyControllerOptions> & { intervalMs?: number });
  /**
   * Receives the AI coordinator's warnings (retries, re-asks, fallbacks), already redacted, and
   * errors thrown by event-bus subscribers (default for those: standard error).
   */
  log?: (entry: { level: 'info' | 'warn'; message: string }) => void;
  /**
   * The pipeline's deploy phase. Default: write the Dockerfile and Kubernetes manifests of a
   * server app (one with an npm start script) for `factory deploy` to run; mobile apps skip it.
   */
  deployer?: IDeployer;
  /**
   * What this process is called in the embedded data folder's writer lock (`serve`, `create`, ...),
   * so a second process's refusal names it. Default `process`.
   */
  holder?: string;
}

/** Prepares server apps for deployment; leaves projects `npm start` cannot run alone. */
export const manifestDeployer: IDeployer = {
  async deploy(startup, projectDir) {
    const manifest = join(projectDir, 'package.json');
    if (!existsSync(manifest)) return null;
    const scripts = (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> })
      .scripts;
    return scripts?.start ? prepareDeployment(startup, projectDir) : null;
  },
};

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
  const closers: Array<() => Promise<void>> = [];
  // The embedded store has one writer: a second process on the folder is refused before it opens it.
  const writerLock =
    settings.databaseUrl || options.store
      ? undefined
      : DataDirLock.acquire(settings.dataDir, options.holder ?? 'process');
  if (writerLock) closers.push(async () => writerLock.release());
  try {
    return await compose(settings, options, closers, writerLock);
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}

async function compose(
  settings: FactoryConfig,
  options: CreateFactoryOptions,
  closers: Array<() => Promise<void>>,
  writerLock: DataDirLock | undefined,
): Promise<Factory> {
  const env = options.env ?? process.env;
  const paths = factoryPaths(settings);
  mkdirSync(settings.dataDir, { recursive: true });

  const monitor = new DependencyMonitor();
  // Redis down at start fails here with QUEUE_UNAVAILABLE, before any client that would retry forever exists.
  if (settings.redisUrl) await probeRedis(settings.redisUrl);
  const store =
    options.store ??
    (await createStateStore(
      settings.databaseUrl ? { url: settings.databaseUrl, monitor } : { dataDir: paths.dbDir },
    ));
  closers.push(() => store.close());
  // A subscriber that throws (dashboard, progress display, log) is isolated by the bus and told here.
  const log = options.log;
  const reportHandlerError: HandlerErrorReporter = log
    ? (error, event) =>
        log({
          level: 'warn',
          message: `A subscriber to ${event.type} (startup ${event.startupId}) threw: ${error instanceof Error ? error.message : String(error)}`,
        })
    : reportHandlerErrorToStderr;
  const bus: IEventBus = settings.redisUrl
    ? await RedisEventBus.connect({
        redisUrl: settings.redisUrl,
        channel: `${settings.namespace}:events`,
        monitor,
        onHandlerError: reportHandlerError,
      })
    : new InMemoryEventBus({ onHandlerError: reportHandlerError });
  closers.push(() => bus.close());
  // Every event the store makes durable (manager, allocator, queue, pipeline) goes out live from here.
  store.publishTo(bus);

  const templates = new TemplateManager({
    outputDir: paths.projectsDir,
    ...(settings.templatesDir ? { userTemplatesDir: settings.templatesDir } : {}),
  });
  // A template's declared resources are each startup's floor, so the CPU budget counts the largest.
  const cpuPerStartup = Math.max(
    DEFAULTS.cpuCores,
    ...(await templates.getAvailableTemplates()).map((t) => t.resourceRequirements.cpuCores),
  );
  const allocator = new ResourceAllocator({
    store,
    portRange: settings.portRange,
    totalCpuCores:
      settings.resources.totalCpuCores ??
      Math.max(detectCpuCores(), settings.maxConcurrentStartups * cpuPerStartup),
    ...(settings.resources.totalMemoryMb ? { totalMemoryMb: settings.resources.totalMemoryMb } : {}),
    ...(settings.resources.totalStorageGb ? { totalStorageGb: settings.resources.totalStorageGb } : {}),
  });
  const manager = new StartupManager({
    store,
    allocator,
    maxConcurrent: settings.maxConcurrentStartups,
    leaseMs: settings.leaseMs,
    // Named by host, pid and start time, so another process here sees when this one is gone.
    ownerId: processOwnerId(),
    isOwnerAlive: isOwnerProcessAlive,
    templates,
  });
  // Reconcile what a crashed process left behind; the Factory renews the leases of the runs it executes.
  await manager.reconcile();

  // Adaptive concurrency: bounded by [1, taskConcurrency], fed host pressure and provider latency.
  const adaptive = options.adaptiveConcurrency === false ? undefined : (options.adaptiveConcurrency ?? {});
  let queueRef: ITaskQueue | undefined;
  const concurrency = adaptive
    ? new ConcurrencyController({
        min: 1,
        max: settings.taskConcurrency,
        emit: (event) => store.appendEvent(event),
        ...adaptive,
        onChange: (to, from, reason) => {
          queueRef?.setConcurrency?.(to);
          adaptive.onChange?.(to, from, reason);
        },
      })
    : undefined;
  // Identical AI requests answer from a content-addressed cache (shared through Redis when set).
  const resultCache = createResultCache(
    settings.redisUrl ? { redisUrl: settings.redisUrl, prefix: `${settings.namespace}:ai-cache:` } : {},
  );
  closers.push(() => resultCache.close());
  const ai = settings.ai;
  const providers = (
    options.providers ?? createProviders(env, { timeoutMs: ai.timeoutMs, stream: ai.stream, ...ai.providers })
  ).map(
    (p) =>
      new CachingProvider(
        concurrency ? new LatencyProbe(p, (ms) => concurrency.recordLatency(ms)) : p,
        resultCache,
      ),
  );
  // What the router learns adds up per origin: one for the embedded store (one process at a time),
  // one per process when a shared PostgreSQL lets several learn at once.
  const learning = new LearningEngine({
    store,
    origin: settings.databaseUrl ? `${hostname()}-${process.pid}` : 'embedded',
  });
  // The coordinator is the one retry layer: the queue does not retry a task it failed.
  const coordinator = new AICoordinator({
    providers,
    store,
    learning,
    retry: { maxAttempts: ai.attempts },
    attemptsByProvider: Object.fromEntries(
      Object.entries(ai.providers).flatMap(([name, p]) => (p?.attempts ? [[name, p.attempts]] : [])),
    ),
    offlineFallback: ai.offlineFallback,
    ...(ai.judge ? { judge: ai.judge } : {}),
    ...(options.log ? { logger: options.log } : {}),
  });
  let pipeline: Pipeline | undefined;
  const handler = (task: Task) => {
    if (!pipeline) throw new Error('the pipeline is not wired yet');
    return pipeline.handleTask(task);
  };
  const queue = createTaskQueue({
    store,
    handler,
    concurrency: settings.taskConcurrency,
    monitor,
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
  queueRef = queue;
  if (concurrency) {
    concurrency.start(adaptive?.intervalMs ?? 5000);
    closers.push(async () => concurrency.stop());
  }

  // Generated apps get their own settings: in distributed mode the running app lives in its
  // allocated schema of the factory's PostgreSQL, otherwise in its own PGlite under `.data/`.
  const parentEnv = options.appParentEnv ?? process.env;
  const environment: AppEnvironment = (allocation, port, purpose) =>
    appEnvironment({ parent: parentEnv, allocation, port, purpose, databaseUrl: settings.databaseUrl });
  const validationProgress = new ValidationProgressFeed();
  // Flutter projects are checked with the Dart validator (built only where a Flutter SDK is on PATH).
  const validator = settings.validateProjects
    ? new ProjectValidatorByKind({
        flutter: new FlutterProjectValidator({ observer: validationProgress }),
        npm: new NpmProjectValidator({
          environment,
          install: installSettings(settings),
          observer: validationProgress,
        }),
      })
    : undefined;
  pipeline = new Pipeline({
    manager,
    queue,
    coordinator,
    templates,
    store,
    workspaceDir: paths.workspaceDir,
    ...(validator ? { validator } : {}),
    deployer: options.deployer ?? manifestDeployer,
  });
  // Apps deployed by this process (`factory deploy`, `serve`'s API) live as long as it does.
  const phases = pipeline;
  const deploys = new DeployService({
    dataDir: settings.dataDir,
    deployer: { store, environment },
    resolve: (ref) => deployTarget(manager, phases, ref),
  });
  closers.push(() => deploys.close());

  return new Factory({
    config: settings,
    store,
    manager,
    allocator,
    queue,
    coordinator,
    templates,
    renderer: templates,
    pipeline,
    bus,
    monitor,
    resultCache,
    ...(concurrency ? { concurrency } : {}),
    appEnvironment: environment,
    deploys,
    ...(validator ? { validator } : {}),
    validationProgress,
    renewLeases: (ids) => manager.heartbeat(ids),
    ...(writerLock ? { writerLock } : {}),
    shutdown: async () => {
      for (const close of closers.reverse()) await close();
    },
  });
}
