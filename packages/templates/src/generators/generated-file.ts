import type { CodeSlots, MvpSpec } from '@startup-factory/contracts';

/** A file a spec-driven generator writes; its content is final and never rendered again. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface GeneratorInput {
  spec: MvpSpec;
  slots: CodeSlots;
  /** The allocated PostgreSQL schema. */
  namespace: string;
  port: number;
}

export type SpecGenerator = (input: GeneratorInput) => GeneratedFile[];
