/** The servers integration tests use, named by the variable that points at them. */
export type ServerVariable = 'DATABASE_URL' | 'REDIS_URL';

/**
 * True when a server the tests need is not configured, so they can `describe.skipIf` it locally
 * (skipped tests count as skipped). Under CI=true a missing server throws instead: .ci/run starts
 * the servers, so their absence is a failure to report, not a reason to skip. Call it before any
 * suite-body code that reads the variable (vitest collects a skipped suite's body too).
 */
export function serverMissing(...variables: ServerVariable[]): boolean {
  const missing = variables.filter((n) => !process.env[n]);
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(
      `${missing.join(' and ')} must be set when CI=true: .ci/run starts PostgreSQL and Redis and exports them.`,
    );
  }
  return missing.length > 0;
}
