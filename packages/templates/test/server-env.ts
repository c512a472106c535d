/**
 * Whether tests that need the server may run: true when its URL is set, false locally without it.
 * On CI a missing URL is an error: integration tests must never be skipped silently there.
 */
export function hasServer(variable: 'DATABASE_URL'): boolean {
  if (process.env[variable]) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set; CI must start the server and export ${variable}.`);
  }
  return false;
}
