import { FactoryError } from './factory-error';

/** One change between two spec versions that would lose data, and what to write to carry it. */
export interface RefusedSpecChange {
  /** `Entity` or `Entity.field`. */
  path: string;
  message: string;
}

/**
 * A new spec version removes or retypes data the running app holds (a removed entity or field, a
 * changed type, a field made required without a backfill). Nothing was written.
 */
export class SpecChangeRefusedError extends FactoryError {
  static override readonly code = 'SPEC_CHANGE_REFUSED';
  readonly changes: RefusedSpecChange[];

  constructor({ changes, cause }: { changes: RefusedSpecChange[]; cause?: unknown }) {
    super({
      code: SpecChangeRefusedError.code,
      message: `The new spec would lose data, so nothing was changed: ${changes
        .map((c) => `${c.path}: ${c.message}`)
        .join('; ')}.`,
      cause,
    });
    this.name = 'SpecChangeRefusedError';
    this.changes = changes;
  }
}
