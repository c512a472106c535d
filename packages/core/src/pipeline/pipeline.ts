import { join } from 'node:path';
import {
  type ErrorCode,
  FactoryError,
  type IAICoordinator,
  type IDeployer,
  type IEventBus,
  InvalidTransitionError,
  type IProjectValidator,
  type IStartupManager,
  type IStateStore,
  type ITaskQueue,
  type ITemplateManager,
  type JsonRecord,
  MvpSpec,
  parseInput,
  type StartupContext,
  type StartupInstance,
  type Task,
} from '@startup-factory/contracts';
import { retryOnStoreOutage } from '../store/retry-on-store-outage';
import { ArtifactWriter } from './artifact-writer';
import { DEFAULT_PIPELINE_PHASES } from './default-phases';
import { EventRecorder } from './event-recorder';
import { isOutage, OUTAGE_CODES, OUTAGE_RESTARTS, OUTAGE_RETRY } from './outage-policy';
import { advancePhase } from './phase-advance';
import type { PhaseOutcome, PipelinePhase } from './phase-implementation';
import { PhaseRunner } from './phase-runner';

export interface PipelineOptions {
  manager: IStartupManager;
  queue: ITaskQueue;
  coordinator: IAICoordinator;
  templates: ITemplateManager;
  store: IStateStore;
  /** Publishes phase and artifact events live; leave it out when the store publishes what it commits (SqlStateStore.publishTo). */
  bus?: IEventBus;
  /** Each startup gets `<workspaceDir>/<slug>/` for its documents. */
  workspaceDir: string;
  validator?: IProjectValidator;
  deployer?: IDeployer;
  clock?: () => Date;
  /** The phases to run, in order (definePipelinePhases); DEFAULT_PIPELINE_PHASES when left out. */
  phases?: readonly PipelinePhase[];
}

/**
 * Runs a startup's phases in order. Each phase's outputs and completion are persisted before the
 * next starts, so `run` after a crash or a pause continues at the first unfinished phase.
 */
export class Pipeline {
  private readonly events: EventRecorder;
  private readonly artifacts: ArtifactWriter;
  private readonly clock: () => Date;
  private readonly phases: PhaseRunner;
  /**
   * The context of each startup this process runs, read once per run and kept current as its
   * phases finish, so a task handled here reads nothing; a worker elsewhere loads it (`contextFor`).
   */
  private readonly contexts = new Map<string, StartupContext>();

  constructor(private readonly options: PipelineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.events = new EventRecorder({ store: options.store, ...(options.bus ? { bus: options.bus } : {}) });
    this.artifacts = new ArtifactWriter({ store: options.store, events: this.events, clock: this.clock });
    this.phases = new PhaseRunner({
      ...options,
      phases: options.phases ?? DEFAULT_PIPELINE_PHASES,
      validator: options.validator,
      deployer: options.deployer,
      artifacts: this.artifacts,
      folderOf: (startup) => this.folderOf(startup),
      onOutput: (startupId, phase, output) => this.remember(startupId, phase, output),
      knownOutput: (startupId, phase) => this.contexts.get(startupId)?.phaseOutputs[phase],
    });
  }

  /** The folder a startup's documents go to. */
  folderOf(startup: StartupInstance): string {
    return join(this.options.workspaceDir, startup.slug);
  }

  /**
   * Runs from the first unfinished phase until done, an approval gate, a pause or a failure. A
   * store or queue outage restarts the run from the first unfinished phase once the store answers
   * (finished tasks are reused); past OUTAGE_RESTARTS it fails the startup as resumable with the
   * reason, rather than leaving it `running` with nobody behind it. Any other error escaping the
   * phases fails it with the reason as well; `run` rejects only when even that record fails.
   */
  async run(startupId: string): Promise<StartupInstance> {
    for (let restarts = 0; ; restarts++) {
      try {
        return await this.runPhases(startupId);
      } catch (error) {
        const startup = await retryOnStoreOutage(
          () => this.options.manager.getStartup(startupId),
          OUTAGE_RETRY,
        );
        // Any other error (a store call between phases, say) fails the startup with its reason too.
        if (
          !isOutage(error) ||
          restarts >= OUTAGE_RESTARTS ||
          !['created', 'running'].includes(startup.status)
        ) {
          return this.fail(
            startupId,
            startup.currentPhase ?? this.phases.phases.at(-1)!.declaration.name,
            error,
          );
        }
      }
    }
  }

  private async runPhases(startupId: string): Promise<StartupInstance> {
    const { manager } = this.options;
    let startup = await manager.getStartup(startupId);
    if (['awaiting_approval', 'paused', 'completed', 'cancelled'].includes(startup.status)) return startup;
    startup = await manager.updateStartup(startup.id, {
      ...(startup.status === 'running' ? {} : { status: 'running' as const }),
      state: { ...startup.state, runs: runNumber(startup) + 1 },
    });
    this.contexts.set(startupId, await this.contextOf(startup));
    try {
      return await this.runFrom(startup);
    } finally {
      this.contexts.delete(startupId);
    }
  }

  private async runFrom(first: StartupInstance): Promise<StartupInstance> {
    const { manager } = this.options;
    const startupId = first.id;
    let startup = first;
    // Set when the previous phase's advance recorded this phase's phase.started with it.
    let announced = false;
    while (startup.currentPhase !== null) {
      const index = this.phases.indexOf(startup);
      const { declaration } = this.phases.phases[index]!;
      const phase = declaration.name;
      const started = Date.now();
      if (!announced) await this.events.emit({ type: 'phase.started', startupId, at: this.clock(), phase });
      let outcome: PhaseOutcome;
      try {
        outcome = await this.phases.run(startup, this.phases.phases[index]!, runNumber(startup) - 1);
      } catch (error) {
        await this.events
          .emit({
            type: 'phase.finished',
            startupId,
            at: this.clock(),
            phase,
            outcome: 'failed',
            durationMs: Date.now() - started,
          })
          // The store may be what failed; recording the failure below matters more than this event.
          .catch(() => {});
        if (isOutage(error)) throw error;
        return this.fail(startup.id, phase, error);
      }
      const next = this.phases.phases[index + 1]?.declaration.name ?? null;
      const finished = { type: 'phase.finished' as const, startupId, at: this.clock(), phase, outcome };
      // A gate that stops the run here waits for approval; past any other phase the advance announces the next.
      const ahead =
        next && !stopsAtGate(startup, declaration)
          ? [{ type: 'phase.started' as const, startupId, at: this.clock(), phase: next }]
          : [];
      const advanced = await advancePhase(manager, this.events, {
        id: startup.id,
        next,
        finished: { ...finished, durationMs: Date.now() - started },
        ahead,
      });
      startup = advanced.startup;
      announced = advanced.announced && ahead.length > 0;
      if (startup.status !== 'running') return startup;
      if (stopsAtGate(startup, declaration)) {
        return manager.updateStartup(startup.id, {
          status: 'awaiting_approval',
          state: { ...startup.state, awaiting: phase },
        });
      }
    }
    return manager.updateStartup(startup.id, { status: 'completed' });
  }

  /** Approves the gate a startup waits at, optionally replacing its MVP spec first. Call `run` next. */
  async approve(startupId: string, edits: { spec?: unknown } = {}): Promise<StartupInstance> {
    const startup = await this.options.manager.getStartup(startupId);
    const awaiting = startup.state.awaiting as string | undefined;
    if (startup.status !== 'awaiting_approval' || !awaiting) {
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} is ${startup.status}, not awaiting approval; nothing to approve.`,
      });
    }
    if (edits.spec !== undefined) {
      await this.saveSpec(startup, parseInput(MvpSpec, edits.spec, 'MVP spec'), 'approve it without a spec');
    }
    const { awaiting: _, ...state } = startup.state;
    return this.options.manager.updateStartup(startup.id, {
      status: 'running',
      state: { ...state, approvals: [...approvals(startup), awaiting] },
    });
  }

  /**
   * Replaces the stored MVP spec (the mvp_spec output and its documents) with the one the project
   * now runs, after an evolve or a rollback, so `show`, the API and later phases read one spec.
   */
  async replaceSpec(startupId: string, spec: MvpSpec): Promise<void> {
    const startup = await this.options.manager.getStartup(startupId);
    await this.saveSpec(startup, parseInput(MvpSpec, spec, 'MVP spec'), 'keep its spec in the project');
  }

  private async saveSpec(startup: StartupInstance, spec: MvpSpec, instead: string): Promise<void> {
    const specPhase = this.phases.phases.find((p) => p.declaration.name === 'mvp_spec');
    if (specPhase?.kind !== 'ai') {
      throw new InvalidTransitionError({
        message: `This pipeline has no AI mvp_spec phase; ${instead} (${startup.slug}).`,
      });
    }
    await this.phases.saveOutput(startup, specPhase, spec);
  }

  /** Rejects at a gate: the startup is cancelled and its resources released. */
  async reject(startupId: string): Promise<StartupInstance> {
    const startup = await this.options.manager.getStartup(startupId);
    if (startup.status !== 'awaiting_approval') {
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} is ${startup.status}, not awaiting approval; nothing to reject.`,
      });
    }
    return this.options.manager.cancelStartup(startup.id);
  }

  /** What the queue's handler calls: runs one AI task with the startup's context. */
  async handleTask(task: Task): Promise<unknown> {
    const context = this.contexts.get(task.startupId) ?? (await this.contextFor(task.startupId));
    const result = await this.options.coordinator.executeTaskWithContext(task, context);
    if (result.status !== 'succeeded') {
      // The coordinator's code (ALL_PROVIDERS_FAILED, INVALID_OUTPUT, …) and retryable flag, as given:
      // it already spent the task's attempts, so the queue does not retry what it failed.
      throw result.error
        ? new FactoryError({
            code: result.error.code as ErrorCode,
            message: result.error.message,
            retryable: result.error.retryable,
          })
        : new Error(`task ${task.id} ${result.status}`);
    }
    return result.output;
  }

  /** The context AI tasks see: config, allocation and the outputs of finished phases. */
  async contextFor(startupId: string): Promise<StartupContext> {
    return this.contextOf(await this.options.manager.getStartup(startupId));
  }

  private async contextOf(startup: StartupInstance): Promise<StartupContext> {
    const finished = this.phases.phases.slice(0, this.phases.indexOf(startup)).map((p) => p.declaration.name);
    const phaseOutputs = (await this.phases.outputsOf(startup.id, finished)) as JsonRecord;
    return {
      startupId: startup.id,
      config: startup.config,
      allocation: startup.resourceAllocation,
      phaseOutputs,
    };
  }

  /** Keeps a running startup's context current as its phases store their outputs. */
  private remember(startupId: string, phase: string, output: unknown): void {
    const context = this.contexts.get(startupId);
    if (!context) return;
    this.contexts.set(startupId, {
      ...context,
      phaseOutputs: { ...context.phaseOutputs, [phase]: output as JsonRecord[string] },
    });
  }

  /** The stored outputs of the given phases (default all) that finished, in one read. */
  outputsOf(startupId: string, phases?: readonly string[]): Promise<Record<string, unknown>> {
    return this.phases.outputsOf(startupId, phases ?? this.phases.phases.map((p) => p.declaration.name));
  }

  /** The stored merged output of a finished phase. */
  async outputOf<T = unknown>(startupId: string, phase: string): Promise<T | null> {
    return this.phases.outputOf<T>(startupId, phase);
  }

  /** Records the failure; waits out a store outage (bounded) so the reason reaches `show`. */
  private fail(startupId: string, phase: string, error: unknown): Promise<StartupInstance> {
    const message = error instanceof Error ? error.message : String(error);
    const code = FactoryError.isInstance(error) ? error.code : 'INTERNAL';
    // An outage is nobody's mistake in the startup: `factory resume` continues where it stopped.
    const resumable = isOutage(error) || OUTAGE_CODES.has(code);
    return retryOnStoreOutage(async () => {
      const startup = await this.options.manager.getStartup(startupId);
      // `created`: an outage hit before the run could even mark the startup running.
      if (startup.status !== 'running' && startup.status !== 'created') return startup;
      return this.options.manager.updateStartup(startupId, {
        status: 'failed',
        state: { ...startup.state, lastError: { phase, code, message, ...(resumable ? { resumable } : {}) } },
      });
    }, OUTAGE_RETRY);
  }
}

function approvals(startup: StartupInstance): string[] {
  return Array.isArray(startup.state.approvals) ? (startup.state.approvals as string[]) : [];
}

/** Whether the run stops for approval once this phase finished: a gate the startup asked for, not yet approved. */
function stopsAtGate(
  startup: StartupInstance,
  declaration: { name: string; approvalGate: boolean },
): boolean {
  return Boolean(
    startup.config.approvalRequired &&
      declaration.approvalGate &&
      !approvals(startup).includes(declaration.name),
  );
}

/** How many times `run` started for this startup; task ids carry it so a rerun never collides with old ids. */
function runNumber(startup: StartupInstance): number {
  return typeof startup.state.runs === 'number' ? startup.state.runs : 0;
}
