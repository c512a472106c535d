import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { expect } from 'vitest';
import type { IDeployer } from '../interfaces/deployer';
import type { StartupInstance } from '../schemas/startup-instance';
import { type ContractCase, registerContract } from './contract-case';

export interface DeployerHarness {
  deployer: IDeployer;
  startup: StartupInstance;
  /** A built project this deployer ships. */
  shippedProject(): Promise<string>;
  /** A project it does not ship (a mobile app, a folder with nothing to run). */
  foreignProject(): Promise<string>;
  cleanup?(): Promise<void>;
}

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map(String).sort();

export const deployerCases: ContractCase<DeployerHarness>[] = [
  {
    name: 'a project it does not ship is null, and nothing is written into it',
    async run({ deployer, startup, foreignProject }) {
      const dir = await foreignProject();
      const before = await listing(dir);
      expect(await deployer.deploy(startup, dir)).toBeNull();
      expect(await listing(dir)).toEqual(before);
    },
  },
  {
    name: 'a project it ships hands back files that exist inside the project, as absolute paths',
    async run({ deployer, startup, shippedProject }) {
      const dir = await shippedProject();
      const handoff = await deployer.deploy(startup, dir);
      expect(handoff).not.toBeNull();
      for (const file of handoff!.files) {
        expect(isAbsolute(file), `${file} is not absolute`).toBe(true);
        const inside = relative(dir, file);
        expect(inside.startsWith('..') || isAbsolute(inside), `${file} is outside the project`).toBe(false);
        expect(existsSync(file), `${file} was handed back but not written`).toBe(true);
      }
      if (handoff!.url !== undefined) expect(['http:', 'https:']).toContain(new URL(handoff!.url).protocol);
    },
  },
];

/** Registers the IDeployer suite for one implementation. */
export function deployerContract(name: string, setup: () => Promise<DeployerHarness>): void {
  registerContract(`IDeployer contract: ${name}`, deployerCases, setup);
}
