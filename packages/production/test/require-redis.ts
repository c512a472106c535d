/**
 * True when REDIS_URL is not set, so Redis tests can `describe.skipIf` it locally. Under CI=true a
 * missing server throws instead: CI starts Redis, so its absence is a failure, not a skip.
 */
export function redisMissing(): boolean {
  if (process.env.REDIS_URL) return false;
  if (process.env.CI === 'true')
    throw new Error('REDIS_URL must be set when CI=true: CI starts Redis and exports it.');
  return true;
}
