import { FactoryError, hasMarker } from './factory-error';

const MARKER: unique symbol = Symbol.for('startup-factory.error.SpecChangeRefusedError');

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
  /** Marks this class across duplicate copies of this package; see isInstance. */
  readonly [MARKER] = true;
  readonly changes: RefusedSpecChange[];

  constructor({ changes, cause }: { changes: RefusedSpecChange[]; cause?: unknown }) {
    super({
      code: 'SPEC_CHANGE_REFUSED',
      message: `The new spec would lose data, so nothing was changed: ${changes
        .map((c) => `${c.path}: ${c.message}`)
        .join('; ')}.`,
      cause,
    });
    this.name = 'SpecChangeRefusedError';
    this.changes = changes;
  }

  /** True for a SpecChangeRefusedError from any copy of this package (instanceof holds only within one copy). */
  static override isInstance(error: unknown): error is SpecChangeRefusedError {
    return hasMarker(error, MARKER);
  }
}
