import { describe } from 'vitest';

/**
 * `describe` when the server URL is set, `describe.skip` locally without it. On CI a missing URL
 * is an error: integration tests must never be skipped silently there.
 */
export function describeWithServer(variable: 'DATABASE_URL' | 'REDIS_URL'): typeof describe {
  const url = process.env[variable];
  if (url) return describe;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set; CI must start the server and export ${variable}.`);
  }
  return describe.skip;
}
