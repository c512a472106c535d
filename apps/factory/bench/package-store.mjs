// The shared package store: the second startup's install (the same template rendered into another
// folder, warm store) against the first (empty store and metadata cache), each run as the
// validation phase runs it: the bundled pnpm, --prefer-offline, the factory's package store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceAllocation, StartupConfig } from '@startup-factory/contracts';
import { NpmProjectValidator } from '@startup-factory/core';
import { TemplateManager } from '@startup-factory/templates';
import { benchResult } from '../../../tooling/bench/bench-result.mjs';
import { appEnvironment, installSettings, packageStoreDir } from '../dist/index.js';

export async function run() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-bench-store-'));
  try {
    const settings = { dataDir, packageManager: 'pnpm' };
    const templates = new TemplateManager({ outputDir: join(dataDir, 'projects') });
    const validator = new NpmProjectValidator({
      environment: (allocation, port, purpose) =>
        appEnvironment({ parent: process.env, allocation, port, purpose }),
      install: installSettings(settings),
    });
    const installs = [];
    for (const [i, name] of ['First Store', 'Second Store'].entries()) {
      const config = StartupConfig.parse({ name, industry: 'Logistics', category: 'B2B SaaS' });
      const allocation = ResourceAllocation.parse({
        startupId: `bench-store-${i}`,
        memoryMb: 512,
        cpuCores: 1,
        storageGb: 1,
        ports: [25_600 + i],
        databaseNamespace: `startup_bench_store_${i}`,
        apiQuota: {},
        allocatedAt: new Date(0),
      });
      const projectDir = await templates.createFromTemplate('reactnext', config, allocation, {
        projectSlug: `store-${i + 1}`,
      });
      const step = await validator.install(projectDir, allocation);
      if (!step.ok) throw new Error(`install of ${projectDir} failed: ${step.detail}`);
      installs.push(step.durationMs);
    }
    const [first, second] = installs;
    return [
      benchResult({
        name: "package store: second startup's install vs the first",
        metric: 'install of a freshly rendered reactnext project, warm shared store against an empty one',
        unit: 'ms',
        value: second,
        baseline: first,
        // The second startup downloads and unpacks nothing: it links from the store.
        goal: { maxRatio: 0.2 },
        note: `first (empty store) ${(first / 1000).toFixed(1)} s, second (warm store) ${(second / 1000).toFixed(1)} s; store ${packageStoreDir(settings)}`,
      }),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
