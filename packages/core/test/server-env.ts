import { describe } from 'vitest';
import { type ServerVariable, serverMissing } from '../../../tooling/testing/require-server';

/**
 * Whether the server URL is set, for `describe.skipIf(!hasServer(...))`: integration tests skip
 * locally without it. On CI a missing URL throws, so they are never skipped silently there.
 */
export function hasServer(variable: ServerVariable): boolean {
  return !serverMissing(variable);
}

/** `describe` when the server URL is set, skipped locally without it, an error on CI without it. */
export function describeWithServer(variable: ServerVariable): ReturnType<typeof describe.skipIf> {
  return describe.skipIf(!hasServer(variable));
}
