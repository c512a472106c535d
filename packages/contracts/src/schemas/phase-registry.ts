import type { OutputSchemaName } from './phase-outputs';

/** `ai`: a DAG of AI tasks whose merged output the pipeline stores; `step`: code of its own. */
export type PhaseKind = 'ai' | 'step';

/** A file a phase writes into the startup's folder, relative to it. */
export interface PhaseDocumentDeclaration {
  readonly path: string;
  readonly kind: 'document' | 'spec';
}

/**
 * Everything every package may know about a phase, declared once. Implementations (an AI phase's
 * tasks and document renderers, a step's code) live in their track package, in maps keyed by
 * `name` that the compiler checks against the registry.
 */
export interface PhaseDeclaration<Name extends string = string, Schema extends string = string> {
  readonly name: Name;
  /** What people read: progress lines, the dashboard, documents. */
  readonly title: string;
  readonly kind: PhaseKind;
  /** A startup created with `approvalRequired` waits for a person after this phase. */
  readonly approvalGate: boolean;
  /** The OUTPUT_SCHEMAS its AI tasks answer in (each has an offline draft); empty for a step. */
  readonly outputSchemas: readonly Schema[];
  /** What an AI phase writes from its merged output; a step lists the files it writes itself. */
  readonly documents: readonly PhaseDocumentDeclaration[];
}

export type PhaseRegistry = readonly PhaseDeclaration[];

/** The default pipeline, in order. Adding a phase is adding an entry here plus its implementation. */
export const PHASE_REGISTRY = [
  {
    name: 'founder_analysis',
    title: 'Founder analysis',
    kind: 'ai',
    approvalGate: false,
    outputSchemas: ['founder_analysis'],
    documents: [{ path: 'docs/founder-analysis.md', kind: 'document' }],
  },
  {
    name: 'market_research',
    title: 'Market research',
    kind: 'ai',
    approvalGate: false,
    outputSchemas: ['market_landscape', 'market_size', 'market_personas', 'market_pricing'],
    documents: [{ path: 'docs/market-research.md', kind: 'document' }],
  },
  {
    name: 'mvp_spec',
    title: 'MVP spec',
    kind: 'ai',
    approvalGate: true,
    outputSchemas: ['mvp_spec'],
    documents: [
      { path: 'mvp-spec.json', kind: 'spec' },
      { path: 'docs/mvp-spec.md', kind: 'document' },
    ],
  },
  {
    name: 'architecture',
    title: 'Architecture',
    kind: 'ai',
    approvalGate: true,
    outputSchemas: ['architecture', 'code_slots'],
    documents: [{ path: 'architecture.md', kind: 'document' }],
  },
  {
    name: 'code_generation',
    title: 'Code generation',
    kind: 'step',
    approvalGate: false,
    outputSchemas: [],
    documents: [],
  },
  {
    name: 'validation',
    title: 'Validation',
    kind: 'step',
    approvalGate: false,
    outputSchemas: [],
    documents: [{ path: 'docs/validation-report.json', kind: 'document' }],
  },
  {
    name: 'deploy',
    title: 'Deploy',
    kind: 'step',
    approvalGate: false,
    outputSchemas: [],
    documents: [],
  },
] as const satisfies readonly PhaseDeclaration<string, OutputSchemaName>[];

/** Where a startup stands: the phase it is at (`done` when none is left), how many are behind it, of how many. */
export interface PhaseProgress {
  phase: string;
  done: number;
  count: number;
}

/** `currentPhase` is the name of the first unfinished phase, or null when every phase finished. */
export function phaseProgress(
  currentPhase: string | null,
  registry: PhaseRegistry = PHASE_REGISTRY,
): PhaseProgress {
  const count = registry.length;
  if (currentPhase === null) return { phase: 'done', done: count, count };
  // A name the registry does not know (a phase removed since) counts as not started.
  return {
    phase: currentPhase,
    done: Math.max(
      0,
      registry.findIndex((p) => p.name === currentPhase),
    ),
    count,
  };
}

/** The phase after `name`, or null when it is the last (or unknown). */
export function phaseAfter(name: string, registry: PhaseRegistry = PHASE_REGISTRY): string | null {
  const index = registry.findIndex((p) => p.name === name);
  return index < 0 ? null : (registry[index + 1]?.name ?? null);
}
