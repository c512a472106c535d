import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InstallSettings } from '@startup-factory/core';
import type { FactoryConfig } from './config/factory-config';

/**
 * pnpm as the factory ships it (a dependency, run by this Node): the validation phase needs no
 * pnpm on PATH, only Node and npm (which runs the project's scripts).
 */
export function bundledPnpm(): string[] {
  const require = createRequire(import.meta.url);
  // The package exports only its package.json; the CLI sits beside it.
  return [process.execPath, join(dirname(require.resolve('pnpm')), 'bin', 'pnpm.cjs')];
}

/** The shared package store of a factory: pnpm's content-addressed store, metadata cache and kept lockfiles. */
export function packageStoreDir(config: Pick<FactoryConfig, 'dataDir' | 'packageStoreDir'>): string {
  return config.packageStoreDir ?? join(config.dataDir, 'package-store');
}

/** How the validation phase installs a generated project's dependencies. */
export function installSettings(
  config: Pick<FactoryConfig, 'dataDir' | 'packageStoreDir' | 'packageManager'>,
): InstallSettings {
  if (config.packageManager === 'npm') return { packageManager: 'npm' };
  const dir = packageStoreDir(config);
  return {
    packageManager: 'pnpm',
    command: bundledPnpm(),
    storeDir: join(dir, 'store'),
    cacheDir: join(dir, 'cache'),
    lockfileDir: join(dir, 'lockfiles'),
  };
}
