import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import {
  type CodeSlots,
  type ErrorCode,
  FactoryError,
  type IAICoordinator,
  type IEventBus,
  InvalidTransitionError,
  type IStartupManager,
  type IStateStore,
  type ITaskQueue,
  type ITemplateManager,
  type JsonRecord,
  MvpSpec,
  PHASES,
  type PhaseName,
  parseInput,
  type StartupContext,
  type StartupInstance,
  type Task,
  UnsafePathError,
} from '@startup-factory/contracts';
import { retryOnStoreOutage } from '../store/retry-on-store-outage';
import { ArtifactWriter } from './artifact-writer';
import { EventRecorder } from './event-recorder';
import { isOutage, OUTAGE_CODES, OUTAGE_RESTARTS, OUTAGE_RETRY } from './outage-policy';
import { documentsFor } from './phase-documents';
import { AI_PHASE_PLANS, type AiPhasePlan, GATED_PHASES } from './phase-plan';
import type { IProjectValidator } from './project-validator';
import { runPlan } from './run-plan';

/** What the production track made of a built project. */
export interface DeployHandoff {
  /** Where the app answers, when the deployer started it. */
  url?: string;
  /** Files it wrote (Dockerfile, manifests), absolute; each is recorded as an artifact. */
  files: string[];
}

/** Hands a built project to the production track; absent in a plain pipeline. */
export interface IDeployer {
  /** Null when the project is nothing this deployer ships (a mobile app, say): the phase is skipped. */
  deploy(startup: StartupInstance, projectDir: string): Promise<DeployHandoff | null>;
}

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
}

const OUTPUTS = 'phase-outputs';
const outputKey = (startupId: string, phase: PhaseName) => `${startupId}/${phase}`;

/**
 * Runs a startup's phases in order. Each phase's outputs and completion are persisted before the
 * next starts, so `run` after a crash or a pause continues at the first unfinished phase.
 */
export class Pipeline {
  private readonly events: EventRecorder;
  private readonly artifacts: ArtifactWriter;
  private readonly clock: () => Date;
  /**
   * The context of each startup this process runs, read once per run and kept current as its
   * phases finish, so a task handled here reads nothing; a worker elsewhere loads it (`contextFor`).
   */
  private readonly contexts = new Map<string, StartupContext>();

  constructor(private readonly options: PipelineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.events = new EventRecorder({ store: options.store, ...(options.bus ? { bus: options.bus } : {}) });
    this.artifacts = new ArtifactWriter({ store: options.store, events: this.events, clock: this.clock });
  }

  /** The folder a startup's documents go to. */
  folderOf(startup: StartupInstance): string {
    return join(this.options.workspaceDir, startup.slug);
  }

  /**
   * Runs from the first unfinished phase until done, an approval gate, a pause or a failure. A
   * store or queue outage restarts the run from the first unfinished phase once the store answers
   * (finished tasks are reused); past OUTAGE_RESTARTS it fails the startup as resumable with the
   * reason, rather than leaving it `running` with nobody behind it.
   */
  async run(startupId: string): Promise<StartupInstance> {
    for (let restarts = 0; ; restarts++) {
      try {
        return await this.runPhases(startupId);
      } catch (error) {
        if (!isOutage(error)) throw error;
        const startup = await retryOnStoreOutage(
          () => this.options.manager.getStartup(startupId),
          OUTAGE_RETRY,
        );
        if (restarts >= OUTAGE_RESTARTS || !['created', 'running'].includes(startup.status)) {
          return this.fail(startupId, PHASES[startup.currentPhase] ?? PHASES[PHASES.length - 1]!, error);
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
    while (startup.currentPhase < PHASES.length) {
      const phase = PHASES[startup.currentPhase]!;
      const started = Date.now();
      await this.events.emit({ type: 'phase.started', startupId, at: this.clock(), phase });
      try {
        const outcome = await this.runPhase(startup, phase);
        await this.events.emit({
          type: 'phase.finished',
          startupId,
          at: this.clock(),
          phase,
          outcome,
          durationMs: Date.now() - started,
        });
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
      startup = await manager.getStartup(startup.id);
      if (startup.status !== 'running') return startup;
      startup = await manager.updateStartup(startup.id, { currentPhase: startup.currentPhase + 1 });
      if (
        startup.config.approvalRequired &&
        GATED_PHASES.includes(phase) &&
        !approvals(startup).includes(phase)
      ) {
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
    const awaiting = startup.state.awaiting as PhaseName | undefined;
    if (startup.status !== 'awaiting_approval' || !awaiting) {
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} is ${startup.status}, not awaiting approval; nothing to approve.`,
      });
    }
    if (edits.spec !== undefined) {
      const spec = parseInput(MvpSpec, edits.spec, 'MVP spec');
      await this.saveOutput(startup, 'mvp_spec', spec);
    }
    const { awaiting: _, ...state } = startup.state;
    return this.options.manager.updateStartup(startup.id, {
      status: 'running',
      state: { ...state, approvals: [...approvals(startup), awaiting] },
    });
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
    const phaseOutputs: JsonRecord = await this.outputsOf(startup.id, PHASES.slice(0, startup.currentPhase));
    return {
      startupId: startup.id,
      config: startup.config,
      allocation: startup.resourceAllocation,
      phaseOutputs,
    };
  }

  /** The stored outputs of the given phases (default all) that finished, in one read. */
  async outputsOf(
    startupId: string,
    phases: readonly PhaseName[] = PHASES,
  ): Promise<Partial<Record<PhaseName, unknown>>> {
    if (phases.length === 0) return {};
    const documents = await this.options.store.getDocuments(
      OUTPUTS,
      phases.map((phase) => outputKey(startupId, phase)),
    );
    return Object.fromEntries(documents.map((d) => [d.key.slice(startupId.length + 1), d.value]));
  }

  /** The stored merged output of a finished phase. */
  async outputOf<T = unknown>(startupId: string, phase: PhaseName): Promise<T | null> {
    return this.options.store.getDocument<T>(OUTPUTS, outputKey(startupId, phase));
  }

  private async runPhase(startup: StartupInstance, phase: PhaseName): Promise<'succeeded' | 'skipped'> {
    if (phase in AI_PHASE_PLANS) {
      const plan = AI_PHASE_PLANS[phase as keyof typeof AI_PHASE_PLANS] as AiPhasePlan;
      const outputs = await runPlan(this.options.queue, startup, plan, runNumber(startup) - 1);
      await this.saveOutput(startup, phase, plan.merge(outputs));
      return 'succeeded';
    }
    if (phase === 'code_generation') return this.generateCode(startup);
    if (phase === 'validation') return this.validateProject(startup);
    return this.deploy(startup);
  }

  private async saveOutput(startup: StartupInstance, phase: PhaseName, output: unknown): Promise<void> {
    for (const doc of documentsFor(phase, output))
      await this.artifacts.write(startup.id, this.folderOf(startup), phase, doc);
    await this.options.store.putDocument(OUTPUTS, outputKey(startup.id, phase), output);
    const context = this.contexts.get(startup.id);
    if (context) {
      this.contexts.set(startup.id, {
        ...context,
        phaseOutputs: { ...context.phaseOutputs, [phase]: output as JsonRecord[string] },
      });
    }
  }

  private async generateCode(startup: StartupInstance): Promise<'succeeded'> {
    const spec = await this.outputOf<MvpSpec>(startup.id, 'mvp_spec');
    const design = await this.outputOf<{ slots: CodeSlots }>(startup.id, 'architecture');
    const allocation = requireAllocation(startup);
    const projectDir = await this.options.templates.createFromTemplate(
      startup.config.template,
      startup.config,
      allocation,
      {
        ...(spec ? { spec: MvpSpec.parse(spec) } : {}),
        ...(design ? { slots: design.slots } : {}),
        overwrite: true,
        projectSlug: startup.slug,
        ...(startup.config.templateVariables ? { extraContext: startup.config.templateVariables } : {}),
      },
    );
    await this.artifacts.record(startup.id, 'code_generation', 'project', 'project', projectDir);
    await this.options.store.putDocument(OUTPUTS, outputKey(startup.id, 'code_generation'), { projectDir });
    return 'succeeded';
  }

  private async validateProject(startup: StartupInstance): Promise<'succeeded' | 'skipped'> {
    const validator = this.options.validator;
    if (!validator) return 'skipped';
    const generated = await this.outputOf<{ projectDir: string }>(startup.id, 'code_generation');
    if (!generated)
      throw new FactoryError({
        code: 'NOT_FOUND',
        message: 'No generated project to validate; resume the startup to regenerate it.',
      });
    const report = await validator.validate(generated.projectDir, requireAllocation(startup));
    await this.artifacts.write(startup.id, this.folderOf(startup), 'validation', {
      path: 'docs/validation-report.json',
      kind: 'document',
      content: `${JSON.stringify(report, null, 2)}\n`,
    });
    if (!report.ok) {
      const failed = report.steps.find((s) => !s.ok);
      throw new FactoryError({
        code: 'INVALID_OUTPUT',
        message: `The generated project failed its ${failed?.name} step: ${failed?.detail}`,
      });
    }
    return report.skipped ? 'skipped' : 'succeeded';
  }

  private async deploy(startup: StartupInstance): Promise<'succeeded' | 'skipped'> {
    const deployer = this.options.deployer;
    const generated = await this.outputOf<{ projectDir: string }>(startup.id, 'code_generation');
    if (!deployer || !generated) return 'skipped';
    const handoff = await deployer.deploy(startup, generated.projectDir);
    if (!handoff) return 'skipped';
    const files = handoff.files.map((file) => relative(generated.projectDir, file));
    const outside = files.find((file) => file.startsWith('..') || isAbsolute(file));
    if (outside !== undefined) {
      throw new UnsafePathError({
        message: `The deployer wrote ${outside} outside the project folder; deploy files belong inside it.`,
      });
    }
    for (const [i, file] of handoff.files.entries()) {
      const path = `project/${files[i]!.split(sep).join('/')}`;
      await this.artifacts.record(startup.id, 'deploy', 'manifest', path, await readFile(file, 'utf8'));
    }
    const output = { ...(handoff.url ? { url: handoff.url } : {}), files };
    await this.options.store.putDocument(OUTPUTS, outputKey(startup.id, 'deploy'), output);
    return 'succeeded';
  }

  /** Records the failure; waits out a store outage (bounded) so the reason reaches `show`. */
  private fail(startupId: string, phase: PhaseName, error: unknown): Promise<StartupInstance> {
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

function approvals(startup: StartupInstance): PhaseName[] {
  return Array.isArray(startup.state.approvals) ? (startup.state.approvals as PhaseName[]) : [];
}

/** How many times `run` started for this startup; task ids carry it so a rerun never collides with old ids. */
function runNumber(startup: StartupInstance): number {
  return typeof startup.state.runs === 'number' ? startup.state.runs : 0;
}

function requireAllocation(startup: StartupInstance) {
  if (!startup.resourceAllocation) {
    throw new FactoryError({
      code: 'NOT_FOUND',
      message: `Startup ${startup.slug} holds no resources; resume it to allocate them again.`,
    });
  }
  return startup.resourceAllocation;
}
