import { describe } from 'vitest';

/**
 * Whether the server URL is set, for `describe.skipIf(!hasServer(...))`: integration tests skip
 * locally without it. On CI a missing URL throws, so they are never skipped silently there.
 */
export function hasServer(variable: 'DATABASE_URL' | 'REDIS_URL'): boolean {
  if (process.env[variable]) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set; CI must start the server and export ${variable}.`);
  }
  return false;
}

/** `describe` when the server URL is set, skipped locally without it, an error on CI without it. */
export function describeWithServer(
  variable: 'DATABASE_URL' | 'REDIS_URL',
): ReturnType<typeof describe.skipIf> {
  return describe.skipIf(!hasServer(variable));
}
