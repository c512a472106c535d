// The ports the pipeline takes (IProjectValidator, IDeployer) run their contracts suites against
// every implementation the factory wires: npm, Flutter and the by-kind validator, and the manifest deployer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceAllocation, StartupInstance } from '@startup-factory/contracts';
import {
  deployerContract,
  passingReport,
  projectValidatorContract,
  validatorAnswering,
} from '@startup-factory/contracts/testing';
import { NpmProjectValidator } from '@startup-factory/core';
import { afterAll } from 'vitest';
import { appEnvironment } from '../src/app-environment';
import { manifestDeployer } from '../src/create-factory';
import { FlutterProjectValidator } from '../src/validation/flutter-project-validator';
import { ProjectValidatorByKind } from '../src/validation/project-validator-by-kind';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-port-contracts-'));
  folders.push(dir);
  return dir;
};

const now = new Date('2026-01-01T00:00:00Z');
const allocation: ResourceAllocation = {
  startupId: '11111111-2222-4333-8444-555555555555',
  memoryMb: 512,
  cpuCores: 0.5,
  storageGb: 2,
  ports: [28_310, 28_311, 28_312],
  databaseNamespace: 'startup_contract',
  apiQuota: { callsPerHour: 100, costPerDayUsd: 1 },
  allocatedAt: now,
  expiresAt: null,
};
const startup = {
  id: allocation.startupId,
  slug: 'port-contract',
  config: {},
  status: 'running',
  resourceAllocation: allocation,
  currentPhase: 'deploy',
  state: {},
  createdAt: now,
  updatedAt: now,
} as unknown as StartupInstance;

/** A package with no dependencies whose build exits 3: install passes offline, build fails. */
function brokenNpmProject(): Promise<string> {
  const dir = folder();
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'broken',
      version: '1.0.0',
      private: true,
      scripts: { build: 'node -e "process.exit(3)"' },
    }),
  );
  return Promise.resolve(dir);
}

const npm = () =>
  new NpmProjectValidator({
    environment: (alloc, port, purpose) =>
      appEnvironment({ parent: process.env, allocation: alloc, port, purpose }),
  });

projectValidatorContract('NpmProjectValidator', async () => ({
  validator: npm(),
  allocation,
  brokenProject: brokenNpmProject,
}));
projectValidatorContract('FlutterProjectValidator', async () => ({
  validator: new FlutterProjectValidator(),
  allocation,
}));
projectValidatorContract('ProjectValidatorByKind', async () => ({
  validator: new ProjectValidatorByKind({ flutter: new FlutterProjectValidator(), npm: npm() }),
  allocation,
  brokenProject: brokenNpmProject,
}));
// The fake gate the evolve and upgrade tests use keeps the contract too.
projectValidatorContract('validatorAnswering', async () => ({
  validator: validatorAnswering(passingReport),
  allocation,
}));

deployerContract('manifestDeployer', async () => ({
  deployer: manifestDeployer,
  startup,
  async shippedProject() {
    const dir = folder();
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'served',
        version: '1.0.0',
        private: true,
        scripts: { start: 'node server.js' },
      }),
    );
    writeFileSync(
      join(dir, 'server.js'),
      'require("node:http").createServer((q, s) => s.end("ok")).listen(process.env.PORT);\n',
    );
    return dir;
  },
  async foreignProject() {
    const dir = folder();
    writeFileSync(join(dir, 'pubspec.yaml'), 'name: mobile_app\n');
    return dir;
  },
}));
