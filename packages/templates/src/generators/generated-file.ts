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
  /** The template's rendered cookiecutter values (`project_slug`, `dart_package`, ...). */
  variables: Readonly<Record<string, unknown>>;
}

export type SpecGenerator = (input: GeneratorInput) => GeneratedFile[];
