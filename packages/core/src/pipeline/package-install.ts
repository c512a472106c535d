import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How dependencies are installed. pnpm links every project from one content-addressed store, so a
 * package is downloaded and unpacked once per store, not once per project; npm is the fallback.
 */
export type InstallSettings =
  | {
      packageManager: 'pnpm';
      /** How to run pnpm, e.g. `[process.execPath, '<pnpm>/bin/pnpm.cjs']`. */
      command: readonly string[];
      /** The store every project of this factory shares. */
      storeDir: string;
      /** pnpm's package metadata cache; shared too, so `--prefer-offline` resolves without the network. */
      cacheDir?: string;
      /**
       * Lockfiles of earlier installs, by the manifest's dependencies: a project with the same ones
       * starts from that lockfile, so pnpm resolves nothing and only links from the store.
       */
      lockfileDir?: string;
    }
  | { packageManager: 'npm' };

export interface PlannedInstall {
  command: string[];
  label: string;
  /** Runs after a successful install (keeps the lockfile for the next project). */
  after(): void;
}

const LOCKFILE = 'pnpm-lock.yaml';

/** The install command for `projectDir`; with pnpm, seeds the project's lockfile when one is kept. */
export function planInstall(projectDir: string, settings: InstallSettings, npm: string): PlannedInstall {
  if (settings.packageManager === 'npm') {
    return {
      command: [npm, 'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      label: 'npm install',
      after: () => {},
    };
  }
  const kept = settings.lockfileDir ? join(settings.lockfileDir, `${dependencyKey(projectDir)}.yaml`) : null;
  const own = join(projectDir, LOCKFILE);
  const seeded = kept !== null && !existsSync(own) && existsSync(kept);
  if (seeded) copyFileSync(kept, own);
  const args = [
    'install',
    '--prefer-offline',
    // The project has no lockfile yet (or one an evolved spec outgrew); CI would default to frozen.
    '--no-frozen-lockfile',
    // Generated projects may live inside another pnpm workspace (this one): they are their own root.
    '--ignore-workspace',
    '--store-dir',
    settings.storeDir,
    ...(settings.cacheDir ? ['--cache-dir', settings.cacheDir] : []),
    // A flat node_modules (files still hard-linked from the store): the founder's `npm install`
    // fails on pnpm's symlinked layout, and Next and Nuxt build from either.
    '--config.node-linker=hoisted',
    // A node_modules from another package manager or store is replaced, never asked about.
    '--config.confirm-modules-purge=false',
    '--reporter=append-only',
  ];
  const from = seeded ? '; lockfile of an earlier project with the same dependencies' : '';
  return {
    command: [...settings.command, ...args],
    label: `pnpm install --prefer-offline (store ${settings.storeDir}${from})`,
    after: () => {
      if (kept === null || existsSync(kept) || !existsSync(own)) return;
      mkdirSync(settings.lockfileDir!, { recursive: true });
      // Concurrent startups may keep the same lockfile: write aside, then rename into place.
      const temporary = `${kept}.${randomUUID()}.tmp`;
      copyFileSync(own, temporary);
      renameSync(temporary, kept);
    },
  };
}

/** Same dependencies (and overrides), same key. */
function dependencyKey(projectDir: string): string {
  const text = readFileSync(join(projectDir, 'package.json'), 'utf8');
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const fields = [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
    'peerDependencies',
    'overrides',
    'resolutions',
    'pnpm',
  ];
  const relevant = fields.map((field) => [field, manifest[field] ?? null]);
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 32);
}
