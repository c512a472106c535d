import {
  FactoryError,
  type IDeployer,
  type IProjectValidator,
  type IStateStore,
  type ITaskQueue,
  type ITemplateManager,
  type StartupInstance,
} from '@startup-factory/contracts';
import type { ArtifactWriter } from './artifact-writer';
import type { PhaseOutcome, PhaseStepContext, PipelinePhase } from './phase-implementation';
import { runPlan } from './run-plan';

type AiPipelinePhase = Extract<PipelinePhase, { kind: 'ai' }>;

const OUTPUTS = 'phase-outputs';
const outputKey = (startupId: string, phase: string) => `${startupId}/${phase}`;

export interface PhaseRunnerOptions {
  phases: readonly PipelinePhase[];
  queue: ITaskQueue;
  store: IStateStore;
  templates: ITemplateManager;
  validator: IProjectValidator | undefined;
  deployer: IDeployer | undefined;
  artifacts: ArtifactWriter;
  folderOf(startup: StartupInstance): string;
  /** Told each output a phase stores, after it is stored. */
  onOutput?(startupId: string, phase: string, output: unknown): void;
  /** An earlier phase's output this run already holds (read at its start or stored since); undefined: read it. */
  knownOutput?(startupId: string, phase: string): unknown;
}

/**
 * Runs one phase by its kind, reading only its registry entry and implementation: an AI phase's
 * plan on the queue, then its declared documents and output; a step's own code.
 */
export class PhaseRunner {
  constructor(private readonly options: PhaseRunnerOptions) {}

  get phases(): readonly PipelinePhase[] {
    return this.options.phases;
  }

  /** Where the startup stands in these phases: null when all finished; a name they lack is refused, not skipped. */
  indexOf(startup: StartupInstance): number {
    if (startup.currentPhase === null) return this.phases.length;
    const index = this.phases.findIndex((p) => p.declaration.name === startup.currentPhase);
    if (index < 0) {
      throw new FactoryError({
        code: 'NOT_FOUND',
        message: `Startup ${startup.slug} stopped at phase ${startup.currentPhase}, which this pipeline does not have (it runs ${this.phases.map((p) => p.declaration.name).join(', ')}); run it with the phase registry it was started with.`,
      });
    }
    return index;
  }

  /** `run` is the startup's run number, which the plan's task ids carry. */
  async run(startup: StartupInstance, phase: PipelinePhase, run: number): Promise<PhaseOutcome> {
    if (phase.kind === 'ai') {
      const { plan } = phase.implementation;
      const outputs = await runPlan(this.options.queue, startup, plan, run);
      await this.saveOutput(startup, phase, plan.merge(outputs));
      return 'succeeded';
    }
    return phase.implementation.run(this.stepContext(startup, phase.declaration.name));
  }

  /** Writes an AI phase's declared documents from its merged output, then stores the output. */
  async saveOutput(startup: StartupInstance, phase: AiPipelinePhase, output: unknown): Promise<void> {
    const renderers: Record<string, (output: unknown) => string> = phase.implementation.documents;
    const name = phase.declaration.name;
    const files = phase.declaration.documents.map(({ path, kind }) => ({
      path,
      kind,
      content: renderers[path]!(output),
    }));
    const document = { collection: OUTPUTS, key: outputKey(startup.id, name), value: output };
    await this.options.artifacts.writeAll(startup.id, this.options.folderOf(startup), name, files, document);
    this.options.onOutput?.(startup.id, name, output);
  }

  private async store(startupId: string, phase: string, output: unknown): Promise<void> {
    await this.options.store.putDocument(OUTPUTS, outputKey(startupId, phase), output);
    this.options.onOutput?.(startupId, phase, output);
  }

  /** The stored output of a finished phase: the copy this run holds, else read from the store. */
  async outputOf<T = unknown>(startupId: string, phase: string): Promise<T | null> {
    const known = this.options.knownOutput?.(startupId, phase);
    if (known !== undefined) return known as T;
    return this.options.store.getDocument<T>(OUTPUTS, outputKey(startupId, phase));
  }

  /** The stored outputs of the given phases that finished, keyed by phase, in one read. */
  async outputsOf(startupId: string, phases: readonly string[]): Promise<Record<string, unknown>> {
    if (phases.length === 0) return {};
    const documents = await this.options.store.getDocuments(
      OUTPUTS,
      phases.map((phase) => outputKey(startupId, phase)),
    );
    return Object.fromEntries(documents.map((d) => [d.key.slice(startupId.length + 1), d.value]));
  }

  private stepContext(startup: StartupInstance, phase: string): PhaseStepContext {
    const { templates, validator, deployer, artifacts } = this.options;
    const folder = this.options.folderOf(startup);
    return {
      startup,
      folder,
      templates,
      validator,
      deployer,
      outputOf: (earlier) => this.outputOf(startup.id, earlier),
      saveOutput: (output) => this.store(startup.id, phase, output),
      writeDocument: async (file) => {
        await artifacts.write(startup.id, folder, phase, file);
      },
      recordArtifact: async (kind, path, content) => {
        await artifacts.record(startup.id, phase, kind, path, content);
      },
    };
  }
}
