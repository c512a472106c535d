import { describe } from 'vitest';

/**
 * `describe` for tests that need a real server from the environment: skipped locally when the
 * variable is unset, but under CI=true a missing server fails the run instead of hiding it.
 */
export function describeWithServer(
  variable: 'DATABASE_URL' | 'REDIS_URL' | Array<'DATABASE_URL' | 'REDIS_URL'>,
) {
  const names = Array.isArray(variable) ? variable : [variable];
  const missing = names.filter((n) => !process.env[n]);
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(
      `${missing.join(' and ')} must be set when CI=true: .ci/run starts PostgreSQL and Redis and exports them.`,
    );
  }
  return missing.length > 0 ? describe.skip : describe;
}
