import type { z } from 'zod';
import { FactoryError } from './factory-error';

export interface FieldIssue {
  /** Dotted path of the offending field, such as `resourceRequirements.memoryMb`. */
  path: string;
  message: string;
}

/** Input failed its schema. The message names each field's path and what is wrong with it. */
export class InvalidConfigError extends FactoryError {
  static override readonly code = 'INVALID_CONFIG';
  readonly issues: FieldIssue[];

  constructor({ message, cause, issues = [] }: { message: string; cause?: unknown; issues?: FieldIssue[] }) {
    super({ code: InvalidConfigError.code, message, cause });
    this.name = 'InvalidConfigError';
    this.issues = issues;
  }

  static fromZod(error: z.ZodError, subject: string): InvalidConfigError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
      message: issue.message,
    }));
    const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return new InvalidConfigError({
      message: `Invalid ${subject}: ${detail}. Fix these fields and try again.`,
      issues,
    });
  }
}

/** Parse `input` with `schema`, turning a failure into an InvalidConfigError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidConfigError.fromZod(result.error, subject);
  return result.data;
}
