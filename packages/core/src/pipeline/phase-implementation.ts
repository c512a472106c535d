import {
  type IDeployer,
  InvalidConfigError,
  type IProjectValidator,
  type ITemplateManager,
  type PhaseDeclaration,
  PhaseKey,
  type PhaseRegistry,
  parseInput,
  type StartupInstance,
} from '@startup-factory/contracts';
import type { AiPhasePlan } from './phase-plan';

export type PhaseOutcome = 'succeeded' | 'skipped';

/** The paths of the documents a declaration says its phase writes. */
type DocumentPaths<D extends PhaseDeclaration> = D['documents'][number]['path'];

/** An AI phase: its task DAG and merge, and one renderer per document its declaration names. */
export interface AiPhaseImplementation<D extends PhaseDeclaration = PhaseDeclaration> {
  plan: AiPhasePlan;
  /** Keyed by the declared document path; each renders the document from the merged output. */
  documents: { readonly [P in DocumentPaths<D>]: (output: unknown) => string };
}

/** What a step phase may use: the startup, the pipeline's ports, earlier outputs, its own files. */
export interface PhaseStepContext {
  startup: StartupInstance;
  /** The startup's documents folder. */
  folder: string;
  templates: ITemplateManager;
  validator: IProjectValidator | undefined;
  deployer: IDeployer | undefined;
  /** The stored output of an earlier phase, or null. */
  outputOf<T = unknown>(phase: string): Promise<T | null>;
  /** Stores this phase's output, for later phases and `outputOf`. */
  saveOutput(output: unknown): Promise<void>;
  /** Writes a file into the startup's folder as this phase's artifact. */
  writeDocument(file: { path: string; kind: 'document' | 'spec'; content: string }): Promise<void>;
  /** Records as this phase's artifact something it wrote elsewhere (the project, deploy manifests). */
  recordArtifact(kind: 'project' | 'manifest', path: string, content: string): Promise<void>;
}

/** A step phase: code of its own. */
export interface StepPhaseImplementation {
  run(context: PhaseStepContext): Promise<PhaseOutcome>;
}

/** What a declaration's kind requires: a plan and document renderers for `ai`, a `run` for `step`. */
export type PhaseImplementation<D extends PhaseDeclaration> = D extends { kind: 'ai' }
  ? AiPhaseImplementation<D>
  : StepPhaseImplementation;

/**
 * One implementation per registry entry, keyed by phase name: leaving one out, or giving an AI
 * phase no renderer for a declared document, fails the typecheck naming the missing key.
 */
export type PhaseImplementations<R extends PhaseRegistry> = {
  readonly [D in R[number] as D['name']]: PhaseImplementation<D>;
};

/** A declaration with its implementation, as the pipeline runs it. */
export type PipelinePhase =
  | { kind: 'ai'; declaration: PhaseDeclaration; implementation: AiPhaseImplementation }
  | { kind: 'step'; declaration: PhaseDeclaration; implementation: StepPhaseImplementation };

/** Pairs each registry entry with its implementation, in registry order; names are checked first. */
export function definePipelinePhases<const R extends PhaseRegistry>(
  registry: R,
  implementations: PhaseImplementations<R>,
): readonly PipelinePhase[] {
  const seen = new Set<string>();
  return registry.map((declaration) => {
    parseInput(PhaseKey, declaration.name, 'phase name');
    if (seen.has(declaration.name)) {
      throw new InvalidConfigError({
        message: `The phase registry names ${declaration.name} twice; give each phase one entry.`,
      });
    }
    seen.add(declaration.name);
    const implementation = (implementations as Record<string, unknown>)[declaration.name];
    return { kind: declaration.kind, declaration, implementation } as PipelinePhase;
  });
}
