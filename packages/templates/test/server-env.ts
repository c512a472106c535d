import { serverMissing } from '../../../tooling/testing/require-server';

/**
 * Whether tests that need the server may run: true when its URL is set, false locally without it.
 * On CI a missing URL is an error: integration tests must never be skipped silently there.
 */
export function hasServer(variable: 'DATABASE_URL'): boolean {
  return !serverMissing(variable);
}
