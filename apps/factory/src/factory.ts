import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AppEnvironment,
  FactoryError,
  type IAICoordinator,
  type IEventBus,
  InvalidTransitionError,
  type IProjectValidator,
  type IResourceAllocator,
  type IStartupManager,
  type IStateStore,
  type ITaskQueue,
  type ITemplateManager,
  parseInput,
  RESUMABLE_STATUSES,
  StartupConfig,
  type StartupInstance,
  type StartupStatus,
  slugify,
  type TemplateInfo,
  type ValidationResult,
} from '@startup-factory/contracts';
import type { DependencyMonitor, Pipeline } from '@startup-factory/core';
import type { ConcurrencyController, DeployService, IResultCache } from '@startup-factory/production';
import { type WarmUpReport, warmUp } from '@startup-factory/production';
import type { FactoryConfig } from './config/factory-config';
import type { DataDirLock } from './data-dir-lock';
import { parseEditedSpec } from './edited-spec';
import { packageStoreDir } from './package-install';
import { checkReadiness, type Readiness } from './readiness';
import { type RunFailure, RunFailureFeed, recordedFailure } from './run-failures';
import { RunLeases } from './run-leases';
import { type ProjectRenderer, StartupEvolution } from './startup-evolution';
import {
  assertFoldersUnused,
  evolveLeftovers,
  foldersUnused,
  removeFolders,
  startupFolders,
} from './startup-files';
import type { StartupSummary } from './startup-summary';
import { readNewSummary, readSummary } from './startup-summary-reader';
import type { ValidationProgress, ValidationProgressFeed } from './validation-progress';

export interface FactoryParts {
  config: FactoryConfig;
  store: IStateStore;
  manager: IStartupManager;
  allocator: IResourceAllocator;
  queue: ITaskQueue;
  coordinator: IAICoordinator;
  templates: ITemplateManager;
  /** Renders a template for a spec and names its version: what evolve and upgrade re-render with. */
  renderer: ProjectRenderer;
  pipeline: Pipeline;
  bus: IEventBus;
  /** Outages of PostgreSQL and Redis as the connections report them (one change per outage). */
  monitor: DependencyMonitor;
  /** The content-addressed cache every provider answers repeated requests from. */
  resultCache?: IResultCache;
  /** Adapts the queue's concurrency to host pressure and provider latency; absent when turned off. */
  concurrency?: ConcurrencyController;
  /**
   * The environment of a generated app's processes (validation and `factory deploy`): an
   * allow-list of this machine's, the app's APP_* settings, never the factory's secrets.
   */
  appEnvironment: AppEnvironment;
  /** Runs, redeploys and stops generated apps: the CLI's deploy commands and the HTTP deploy routes. */
  deploys: DeployService;
  /** What the validation phase runs on a generated project; absent when `validateProjects` is off. */
  validator?: IProjectValidator;
  /** Validation steps of this process's pipelines as they start and end. */
  validationProgress: ValidationProgressFeed;
  /** The embedded data folder's one-writer lock this process holds; absent on PostgreSQL. */
  writerLock?: DataDirLock;
  /** Renews the leases of these running startups (the runs this process knows to progress). */
  renewLeases(startupIds: readonly string[]): Promise<void>;
  /** Closes every back end, in the reverse order they were opened. */
  shutdown(): Promise<void>;
}

/**
 * The composed system: what the CLI, the HTTP API and embedding services call. Pipelines run in
 * the background of this process; `waitFor` awaits one.
 */
export class Factory {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly runFailures = new RunFailureFeed();
  private readonly leases: RunLeases;
  /** Evolve, history and rollback of a startup's generated project. */
  readonly evolution: StartupEvolution;

  constructor(readonly parts: FactoryParts) {
    this.evolution = new StartupEvolution(parts);
    this.leases = new RunLeases({
      leaseMs: parts.config.leaseMs,
      stallMs: parts.config.runStallMs,
      renew: parts.renewLeases,
      bus: parts.bus,
      onStall: ({ startupId, idleMs }) =>
        this.runFailures.report({
          startupId,
          code: 'RUN_STALLED',
          message: `No progress for ${Math.round(idleMs / 1000)} s: its lease is no longer renewed, so another process may resume it once the lease lapses.`,
          recorded: false,
        }),
    });
    parts.validationProgress.subscribe((progress) => this.leases.progressed(progress.startupId));
  }

  get config(): FactoryConfig {
    return this.parts.config;
  }

  /** Whether the store and the queue answer now, each within `timeoutMs`. */
  readiness(timeoutMs?: number): Promise<Readiness> {
    return checkReadiness(this.parts, timeoutMs);
  }

  /** Validates and admits a startup, then starts its pipeline in the background. */
  async create(input: unknown): Promise<StartupSummary> {
    const config = parseInput(StartupConfig, input, 'startup config');
    const slug = slugify(config.name);
    // A startup that exists gets the manager's name conflict; otherwise no leftover folder may be
    // reused. Only folders in use need the read that tells the two apart.
    const folders = startupFolders(factoryPaths(this.config), slug);
    if (!foldersUnused(folders) && !(await this.parts.manager.getStartup(slug).catch(() => null))) {
      assertFoldersUnused(folders, config.name);
    }
    const id = await this.parts.manager.createStartup(config);
    this.start(id);
    // Just created: no phase has left an output or booked a call that the summary could show yet.
    return readNewSummary(this.parts, await this.parts.manager.getStartup(id));
  }

  /** Resolves when the startup's pipeline stops: done, waiting for approval, paused or failed. */
  async waitFor(idOrSlug: string): Promise<StartupSummary> {
    // A run of this process is known by its id, so only a slug or another process's startup needs a read.
    const id = this.running.has(idOrSlug) ? idOrSlug : (await this.parts.manager.getStartup(idOrSlug)).id;
    await this.running.get(id);
    return this.show(id);
  }

  async list(status?: StartupStatus[]): Promise<StartupSummary[]> {
    const startups = await this.parts.manager.listStartups(status ? { status } : {});
    return Promise.all(startups.map((s) => this.summaryOf(s)));
  }

  async show(idOrSlug: string): Promise<StartupSummary> {
    return this.summaryOf(await this.parts.manager.getStartup(idOrSlug));
  }

  async pause(idOrSlug: string): Promise<StartupSummary> {
    const startup = await this.parts.manager.getStartup(idOrSlug);
    return this.summaryOf(await this.parts.manager.pauseStartup(startup.id));
  }

  /** Continues a paused, failed or crashed startup from its first unfinished phase. */
  async resume(idOrSlug: string): Promise<StartupSummary> {
    const startup = await this.parts.manager.getStartup(idOrSlug);
    if (startup.status === 'awaiting_approval') {
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} waits for approval; run \`factory approve ${startup.slug}\`.`,
      });
    }
    if (startup.status === 'paused') await this.parts.manager.resumeStartup(startup.id);
    else if (startup.status === 'running') {
      // An empty patch claims the run: refused (STARTUP_LEASED) while another live process holds its lease.
      if (!this.running.has(startup.id)) await this.parts.manager.updateStartup(startup.id, {});
    } else if (RESUMABLE_STATUSES.includes(startup.status)) {
      // Taken here, not in the background run, so a second resume at once is refused to its caller.
      await this.parts.manager.updateStartup(startup.id, { status: 'running' });
    } else {
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} is ${startup.status} and cannot be resumed.`,
      });
    }
    this.start(startup.id);
    return this.show(startup.id);
  }

  async cancel(idOrSlug: string): Promise<StartupSummary> {
    const startup = await this.parts.manager.getStartup(idOrSlug);
    return this.summaryOf(await this.parts.manager.cancelStartup(startup.id));
  }

  /**
   * Deletes a startup, releases its resources and removes its documents and project folder; with
   * `keepFiles` the folders stay (and no new startup may reuse them). Says which folders went or stayed.
   */
  async delete(idOrSlug: string, options: { keepFiles?: boolean } = {}): Promise<DeletedFiles> {
    let startup = await this.parts.manager.getStartup(idOrSlug);
    const run = this.running.get(startup.id);
    if (run) {
      // Its pipeline runs here: stop it first, so nothing writes the folders after they are removed.
      if (startup.status === 'running' || startup.status === 'created')
        await this.parts.manager.cancelStartup(startup.id);
      await run;
      startup = await this.parts.manager.getStartup(startup.id);
    }
    const generated = await this.parts.pipeline.outputOf<{ projectDir: string }>(
      startup.id,
      'code_generation',
    );
    const folders = [
      ...Object.values(startupFolders(factoryPaths(this.config), startup.slug)),
      ...(generated ? [generated.projectDir, ...evolveLeftovers(generated.projectDir)] : []),
    ];
    await this.parts.manager.deleteStartup(startup.id);
    if (options.keepFiles) return { removed: [], kept: [...new Set(folders)].filter((f) => existsSync(f)) };
    return { removed: removeFolders(this.config.dataDir, folders), kept: [] };
  }

  /** Approves (optionally with an edited spec) and continues, or rejects and cancels. */
  async approve(
    idOrSlug: string,
    decision: { reject?: boolean; spec?: unknown } = {},
  ): Promise<StartupSummary> {
    // An edited spec is checked strictly (unknown keys refused) before anything is read or written.
    const spec = decision.spec === undefined ? undefined : parseEditedSpec(decision.spec, 'MVP spec');
    const startup = await this.parts.manager.getStartup(idOrSlug);
    if (decision.reject) return this.summaryOf(await this.parts.pipeline.reject(startup.id));
    await this.parts.pipeline.approve(startup.id, spec === undefined ? {} : { spec });
    this.start(startup.id);
    return this.show(startup.id);
  }

  /**
   * Pays up front what the first startup would otherwise pay: the database's first queries, template
   * discovery and a dry-run render of each template, so the first startup is not slower than the next.
   */
  async warmUp(): Promise<WarmUpReport> {
    const { manager, queue, store, templates } = this.parts;
    const config = StartupConfig.parse({ name: 'Warm Up', industry: 'Software', category: 'B2B SaaS' });
    const allocation = {
      startupId: 'warm-up',
      memoryMb: 500,
      cpuCores: 0.5,
      storageGb: 2,
      ports: [this.config.portRange.start],
      databaseNamespace: 'startup_warm_up',
      apiQuota: { callsPerHour: 1, costPerDayUsd: 0 },
      allocatedAt: new Date(),
      expiresAt: null,
    };
    return warmUp([
      {
        name: 'state store',
        run: () =>
          Promise.all([
            manager.warmUp?.(),
            manager.listStartups(),
            store.listEvents({ limit: 1 }),
            queue.list({ state: 'running' }),
          ]),
      },
      { name: 'AI schemas and catalogue', run: async () => this.parts.coordinator.warmUp?.() },
      {
        name: 'templates',
        run: async () => {
          for (const t of await templates.getAvailableTemplates()) {
            await templates.previewFromTemplate(t.name, config, allocation, { projectSlug: 'warm-up' });
          }
        },
      },
    ]);
  }

  /** Records where this process serves HTTP, so a second process refused the data folder is pointed there. */
  advertiseApi(url: string): void {
    this.parts.writerLock?.advertiseApi(url);
  }

  /**
   * Follows the runs of this process that fail (the reason as recorded in the startup's `error`),
   * whose failure could not be recorded, or that stopped progressing; one call per occurrence.
   */
  onRunFailure(listener: (failure: RunFailure) => void): () => void {
    return this.runFailures.subscribe(listener);
  }

  /** Follows the validation steps (install, build, test, start, health) this process runs. */
  onValidationStep(listener: (progress: ValidationProgress) => void): () => void {
    return this.parts.validationProgress.subscribe(listener);
  }

  templates(): Promise<TemplateInfo[]> {
    return this.parts.templates.getAvailableTemplates();
  }

  /** Every problem of one template (shipped or the user's own); never throws for a bad template. */
  validateTemplate(name: string): Promise<ValidationResult> {
    return this.parts.templates.validateTemplate(name);
  }

  /** Waits for pipelines of this process to stop, then closes every back end. */
  async close(): Promise<void> {
    await Promise.allSettled(this.running.values());
    this.leases.close();
    await this.parts.shutdown();
  }

  /**
   * Runs a startup's pipeline in the background, its lease renewed while it progresses. A failure
   * is reported once; the pipeline records it in the startup, and when even that fails (the store
   * is gone) the run ends unrenewed, so the lease lapses and the startup becomes resumable.
   */
  private start(id: string): void {
    if (this.running.has(id)) return;
    const untrack = this.leases.track(id);
    const run = this.parts.pipeline
      .run(id)
      .then((startup) => {
        const failure = startup.status === 'failed' ? recordedFailure(startup.state.lastError) : null;
        if (failure) this.runFailures.report({ startupId: id, ...failure, recorded: true });
      })
      .catch((error: unknown) =>
        this.runFailures.report({
          startupId: id,
          code: FactoryError.isInstance(error) ? error.code : 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
          recorded: false,
        }),
      )
      .finally(() => {
        untrack();
        this.running.delete(id);
      });
    this.running.set(id, run);
  }

  private summaryOf(startup: StartupInstance): Promise<StartupSummary> {
    return readSummary(this.parts, startup);
  }
}

/** What `delete` did with a startup's folders. */
export interface DeletedFiles {
  removed: string[];
  kept: string[];
}

/** Where the factory keeps each startup's documents and generated projects. */
export function factoryPaths(config: FactoryConfig): {
  workspaceDir: string;
  projectsDir: string;
  dbDir: string;
  packageStoreDir: string;
} {
  return {
    workspaceDir: join(config.dataDir, 'startups'),
    projectsDir: join(config.dataDir, 'projects'),
    dbDir: join(config.dataDir, 'db'),
    packageStoreDir: packageStoreDir(config),
  };
}
