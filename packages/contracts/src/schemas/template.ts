import { z } from 'zod';
import { ResourceRequirements } from './resource-requirements';

export const TemplateInfo = z.object({
  name: z.string(),
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

export const GenerationPreview = z.object({
  projectDir: z.string(),
  files: z.array(z.string()),
});
export type GenerationPreview = z.infer<typeof GenerationPreview>;
