import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomTestPortBase } from '@startup-factory/contracts/testing';
import { eventually as pollUntil } from '../../../tooling/testing/eventually';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import type { StartupSummary } from '../src/startup-summary';

/**
 * The generated Next.js app is too slow to build here; projects are swapped for this tiny app with
 * the same contract (`npm start`, PORT, /api/health answering db up).
 */
export const TINY_SERVER = `import { createServer } from 'node:http';
const port = Number(process.env.PORT);
const server = createServer((req, res) => {
  if (req.url === '/api/health') return res.end('{"status":"ok","db":"up"}');
  setTimeout(() => res.end('hello from ' + port), 5);
});
server.listen(port, '127.0.0.1', () => console.log('tiny-app listening on ' + port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * A composed factory (embedded store, offline provider) holding one startup whose pipeline ran to
 * the end, its generated project swapped for the tiny app so a deploy takes seconds.
 */
export async function deployableStartup(
  name: string,
): Promise<{ factory: Factory; summary: StartupSummary; close(): Promise<void>; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-deployable-'));
  const start = randomTestPortBase(100);
  const factory = await createFactory(
    { dataDir, validateProjects: false, portRange: { start, end: start + 99 } },
    { env: {} },
  );
  const created = await factory.create({ name, industry: 'Retail', category: 'B2B SaaS' });
  const summary = await factory.waitFor(created.id);
  if (!summary.projectDir) throw new Error(`${name} has no project: ${JSON.stringify(summary)}`);
  writeFileSync(
    join(summary.projectDir, 'package.json'),
    JSON.stringify({ name: 'tiny', private: true, scripts: { start: 'node server.mjs' } }),
  );
  writeFileSync(join(summary.projectDir, 'server.mjs'), TINY_SERVER);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= factory.close();
    return closing;
  };
  return {
    factory,
    summary,
    /** Closes the factory once (a test may close it itself to see what shutdown does). */
    close,
    async cleanup() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { httpAnswer as answer } from '@startup-factory/contracts/testing';

/** True while any process of the group `pgid` runs. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `check` holds within `timeoutMs` (sized for a quiet machine; the shared `eventually`
 * polls and scales it); false when it never did.
 */
export async function eventually(check: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  return pollUntil(async () => {
    if (!check()) throw new Error('not yet');
    return true;
  }, timeoutMs).catch(() => false);
}
