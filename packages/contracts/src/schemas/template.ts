import { z } from 'zod';
import { ResourceRequirements } from './resource-requirements';

/** A semantic version, `major.minor.patch` (a pre-release or build suffix allowed). */
export const SemVer = z
  .string()
  .regex(
    /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/,
    'must be a semantic version such as 1.2.0',
  );

export const TemplateInfo = z.object({
  name: z.string(),
  /** The template's version (`_factory.version` in its cookiecutter.json); 0.0.0 when it declares none. */
  version: SemVer.default('0.0.0'),
  description: z.string(),
  framework: z.string(),
  requiredPorts: z.number().int().min(1),
  resourceRequirements: ResourceRequirements,
  variables: z.array(z.string()).default([]),
});
export type TemplateInfo = z.infer<typeof TemplateInfo>;

export const ValidationIssueCode = z.enum([
  'TEMPLATE_NOT_FOUND',
  'BAD_JSON',
  'MISSING_FILE',
  'UNDEFINED_VARIABLE',
  'RENDER_ERROR',
  'UNSAFE_PATH',
  'SYNTAX_ERROR',
  /** A construct the renderer would not reproduce exactly as cookiecutter does. */
  'UNSUPPORTED',
  'OTHER',
]);
export type ValidationIssueCode = z.infer<typeof ValidationIssueCode>;

export const ValidationIssue = z.object({
  code: ValidationIssueCode,
  message: z.string(),
  file: z.string().optional(),
  /** 1-based line (and column) in `file`, when the problem has a place. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  /** The cookiecutter.json key, for a default that does not render. */
  key: z.string().optional(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

export const ValidationResult = z.object({
  valid: z.boolean(),
  errors: z.array(ValidationIssue),
  warnings: z.array(ValidationIssue).default([]),
});
export type ValidationResult = z.infer<typeof ValidationResult>;

/**
 * What a project was rendered from, kept in the project as `.factory/generation.json`: the
 * template and its version, and the spec version (1 for the first render, one more per evolve).
 */
export const GenerationRecord = z.object({
  template: z.string().min(1),
  templateVersion: SemVer,
  specVersion: z.number().int().min(1),
});
export type GenerationRecord = z.infer<typeof GenerationRecord>;

/** Where a generated project keeps its GenerationRecord, relative to the project folder. */
export const GENERATION_RECORD_PATH = '.factory/generation.json';

export const GenerationPreview = z.object({
  projectDir: z.string(),
  files: z.array(z.string()),
});
export type GenerationPreview = z.infer<typeof GenerationPreview>;
