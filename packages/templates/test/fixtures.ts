import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResourceAllocation, StartupConfig, type StartupConfigInput } from '@startup-factory/contracts';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's shipped templates and the package's test-only fixture templates. */
export const SHIPPED_TEMPLATES = join(here, '..', '..', '..', 'templates');
export const FIXTURE_TEMPLATES = join(here, '..', 'src', '__fixtures__', 'templates');

export interface Workspace {
  root: string;
  outputDir: string;
  templatesDir: string;
  cleanup(): Promise<void>;
}

/** A private temp folder with `out/` for projects and `templates/` holding copies of the given templates. */
export async function workspace(templates: { from: string; names: string[] }[] = []): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'sf-templates-'));
  const outputDir = join(root, 'out');
  const templatesDir = join(root, 'templates');
  await mkdir(outputDir);
  await mkdir(templatesDir);
  for (const { from, names } of templates) {
    for (const name of names) await cp(join(from, name), join(templatesDir, name), { recursive: true });
  }
  return { root, outputDir, templatesDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export const config = (over: Partial<StartupConfigInput> = {}) =>
  StartupConfig.parse({ name: 'Acme Tools', industry: 'Software', category: 'Tools', ...over });

export const allocation = (port = 3917) =>
  ResourceAllocation.parse({
    startupId: 'acme-1',
    memoryMb: 512,
    cpuCores: 1,
    storageGb: 1,
    ports: [port],
    databaseNamespace: 'startup_acme_1',
    apiQuota: {},
    allocatedAt: new Date('2026-01-01T00:00:00Z'),
  });
