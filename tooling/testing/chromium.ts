import { existsSync } from 'node:fs';

/**
 * The Chromium browser tests drive (CHROMIUM_PATH, else Debian's /usr/bin/chromium), or null when
 * it is missing, so they can `describe.skipIf` (and say why once). Under CI=true a missing browser
 * throws instead: .ci/run installs Debian's chromium.
 */
export function chromiumPath(testName: string): string | null {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') {
    throw new Error(`${path} is missing: CI installs Debian's chromium for the ${testName}.`);
  }
  console.warn(`${testName} skipped: no Chromium at ${path} (set CHROMIUM_PATH)`);
  return null;
}
