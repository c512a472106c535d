import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, headless in a fresh profile folder, with nothing that reaches the network on its own. */
export function launchHeadlessChromium(
  executablePath: string,
  profileDir: string,
  extraArgs: string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
