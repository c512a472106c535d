import { expect } from 'vitest';
import { FactoryError } from '../errors/factory-error';
import type { IStartupManager } from '../interfaces/startup-manager';
import { PHASES } from '../schemas/phase';
import type { StartupConfigInput } from '../schemas/startup-config';
import { type ContractCase, registerContract } from './contract-case';
import { expectFactoryError } from './expect-error';

export interface StartupManagerHarness {
  manager: IStartupManager;
  /** A new manager over the same data, as after a process restart. */
  reopen(): Promise<IStartupManager>;
  cleanup?(): Promise<void>;
}

export interface StartupManagerSetupOptions {
  maxConcurrent: number;
}

export type StartupManagerSetup = (options: StartupManagerSetupOptions) => Promise<StartupManagerHarness>;

/** The concurrency limit every case runs with. */
export const STARTUP_CONTRACT_LIMIT = 3;

/** Wraps an implementation's setup into the harness the cases run on (for runContractCases). */
export function startupManagerCaseSetup(setup: StartupManagerSetup): () => Promise<StartupManagerHarness> {
  return () => setup({ maxConcurrent: STARTUP_CONTRACT_LIMIT });
}

const config = (name: string, over: Partial<StartupConfigInput> = {}): StartupConfigInput => ({
  name,
  industry: 'Logistics',
  category: 'B2B SaaS',
  resourceRequirements: { memoryMb: 128, cpuCores: 0.1, storageGb: 1, portCount: 2 },
  ...over,
});

export const startupManagerCases: ContractCase<StartupManagerHarness>[] = [
  {
    name: 'create returns unique ids; a startup is found by id and by slug with an allocation',
    async run({ manager }) {
      const a = await manager.createStartup(config('Acme Robotics'));
      const b = await manager.createStartup(config('Über Maps'));
      expect(a).not.toBe(b);
      const byId = await manager.getStartup(a);
      expect(byId.slug).toBe('acme-robotics');
      expect(byId.status).toBe('created');
      expect(byId.currentPhase).toBe(PHASES[0]);
      expect(byId.config.name).toBe('Acme Robotics');
      expect(byId.resourceAllocation?.ports).toHaveLength(2);
      expect((await manager.getStartup('acme-robotics')).id).toBe(a);
      expect((await manager.getStartup('uber-maps')).id).toBe(b);
    },
  },
  {
    name: 'hostile or out-of-range configs are INVALID_CONFIG naming the field, and create nothing',
    async run({ manager }) {
      const bad: Array<[StartupConfigInput, string]> = [
        [config('../x'), 'name'],
        [config('a/b'), 'name'],
        [config("Robert'); DROP TABLE startups;--"), 'name'],
        [config('x'.repeat(10_000)), 'name'],
        [config('Fine', { description: 'y'.repeat(10_000) }), 'description'],
        [config('Fine', { template: '../../etc' }), 'template'],
        [config('Fine', { resourceRequirements: { memoryMb: -1 } }), 'resourceRequirements.memoryMb'],
        [config('Fine', { resourceRequirements: { cpuCores: 1e9 } }), 'resourceRequirements.cpuCores'],
        [config('Fine', { resourceRequirements: { portCount: 1000 } }), 'resourceRequirements.portCount'],
      ];
      for (const [input, path] of bad) {
        const error = await expectFactoryError(manager.createStartup(input), 'INVALID_CONFIG');
        expect(error.message).toContain(path);
      }
      expect(await manager.listStartups()).toEqual([]);
    },
  },
  {
    name: 'a duplicate name (or one with the same slug) is CONFLICT',
    async run({ manager }) {
      await manager.createStartup(config('Acme Labs'));
      await expectFactoryError(manager.createStartup(config('Acme Labs')), 'CONFLICT');
      await expectFactoryError(manager.createStartup(config('acme labs')), 'CONFLICT');
      expect(await manager.listStartups()).toHaveLength(1);
    },
  },
  {
    name: 'the limit refuses with CONCURRENCY_LIMIT; cancel and delete free a slot',
    async run({ manager }) {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await manager.createStartup(config(`Limit ${i}`)));
      await expectFactoryError(manager.createStartup(config('Limit 3')), 'CONCURRENCY_LIMIT');
      const cancelled = await manager.cancelStartup(ids[0]!);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.resourceAllocation).toBeNull();
      await manager.createStartup(config('Limit 4'));
      await expectFactoryError(manager.createStartup(config('Limit 5')), 'CONCURRENCY_LIMIT');
      await manager.deleteStartup(ids[1]!);
      await manager.createStartup(config('Limit 6'));
      expect(await manager.getActiveStartups()).toHaveLength(3);
    },
  },
  {
    name: '10 concurrent creates under a limit of 3 admit exactly 3',
    async run({ manager }) {
      const settled = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => manager.createStartup(config(`Rush ${i}`))),
      );
      const admitted = settled.filter((s) => s.status === 'fulfilled');
      const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
      expect(admitted).toHaveLength(3);
      expect(refused.every((e) => FactoryError.isInstance(e) && e.code === 'CONCURRENCY_LIMIT')).toBe(true);
      expect(await manager.getActiveStartups()).toHaveLength(3);
      expect(await manager.listStartups()).toHaveLength(3);
    },
  },
  {
    name: 'a startup past its last phase keeps currentPhase null, also in a new instance',
    async run({ manager, reopen }) {
      const id = await manager.createStartup(config('Finished Co'));
      await manager.updateStartup(id, { status: 'running', currentPhase: 'deploy' });
      expect((await manager.updateStartup(id, { currentPhase: null })).currentPhase).toBeNull();
      // A patch without currentPhase leaves it as it is, null included.
      await manager.updateStartup(id, { state: { runs: 1 } });
      expect((await (await reopen()).getStartup(id)).currentPhase).toBeNull();
    },
  },
  {
    name: 'status, config, phase and state survive a new instance',
    async run({ manager, reopen }) {
      const id = await manager.createStartup(config('Durable Co', { description: 'kept' }));
      await manager.updateStartup(id, { status: 'running' });
      const updated = await manager.updateStartup(id, {
        currentPhase: 'mvp_spec',
        state: { notes: ['a'], n: 1 },
      });
      expect(updated.currentPhase).toBe('mvp_spec');
      const again = await reopen();
      const found = await again.getStartup(id);
      expect(found.status).toBe('running');
      expect(found.currentPhase).toBe('mvp_spec');
      expect(found.state).toEqual({ notes: ['a'], n: 1 });
      expect(found.config).toEqual(updated.config);
      expect(found.config.description).toBe('kept');
      expect(found.resourceAllocation).toEqual(updated.resourceAllocation);
      expect(found.slug).toBe('durable-co');
    },
  },
  {
    name: 'status moves follow the transition table; illegal ones are INVALID_TRANSITION',
    async run({ manager }) {
      const id = await manager.createStartup(config('Moves Inc'));
      await expectFactoryError(manager.updateStartup(id, { status: 'completed' }), 'INVALID_TRANSITION');
      expect((await manager.getStartup(id)).status).toBe('created');
      expect((await manager.updateStartup(id, { status: 'running' })).status).toBe('running');
      expect((await manager.pauseStartup(id)).status).toBe('paused');
      await expectFactoryError(manager.pauseStartup(id), 'INVALID_TRANSITION');
      expect((await manager.resumeStartup(id)).status).toBe('running');
      expect((await manager.updateStartup(id, { status: 'completed' })).status).toBe('completed');
      await expectFactoryError(manager.resumeStartup(id), 'INVALID_TRANSITION');
      await expectFactoryError(manager.cancelStartup(id), 'INVALID_TRANSITION');
      expect((await manager.getStartup(id)).status).toBe('completed');
    },
  },
  {
    name: 'an unknown id or slug is NOT_FOUND everywhere',
    async run({ manager }) {
      const missing = '00000000-0000-4000-8000-000000000000';
      await expectFactoryError(manager.getStartup(missing), 'NOT_FOUND');
      await expectFactoryError(manager.getStartup('no-such-slug'), 'NOT_FOUND');
      await expectFactoryError(
        manager.updateStartup(missing, { currentPhase: 'market_research' }),
        'NOT_FOUND',
      );
      await expectFactoryError(manager.pauseStartup(missing), 'NOT_FOUND');
      await expectFactoryError(manager.resumeStartup(missing), 'NOT_FOUND');
      await expectFactoryError(manager.cancelStartup(missing), 'NOT_FOUND');
      await expectFactoryError(manager.deleteStartup(missing), 'NOT_FOUND');
    },
  },
  {
    name: 'active startups exclude cancelled and completed ones; list filters by status',
    async run({ manager }) {
      const a = await manager.createStartup(config('Alpha'));
      const b = await manager.createStartup(config('Beta'));
      const c = await manager.createStartup(config('Gamma'));
      await manager.cancelStartup(a);
      await manager.updateStartup(b, { status: 'running' });
      await manager.updateStartup(b, { status: 'completed' });
      expect((await manager.getActiveStartups()).map((s) => s.id)).toEqual([c]);
      expect((await manager.listStartups({ status: 'cancelled' })).map((s) => s.id)).toEqual([a]);
      expect(
        (await manager.listStartups({ status: ['completed', 'created'] })).map((s) => s.id).sort(),
      ).toEqual([b, c].sort());
      expect(await manager.listStartups()).toHaveLength(3);
    },
  },
  {
    name: 'a completed startup keeps its allocation until deleted; a cancelled one releases it',
    async run({ manager }) {
      const done = await manager.createStartup(config('Kept Ports'));
      const dropped = await manager.createStartup(config('Dropped Ports'));
      const ports = (await manager.getStartup(done)).resourceAllocation?.ports;
      await manager.updateStartup(done, { status: 'running' });
      await manager.updateStartup(done, { status: 'completed' });
      await manager.cancelStartup(dropped);
      expect((await manager.getStartup(done)).resourceAllocation?.ports).toEqual(ports);
      expect((await manager.getStartup(dropped)).resourceAllocation).toBeNull();
      const others = await Promise.all([1, 2].map((i) => manager.createStartup(config(`After ${i}`))));
      for (const id of others) {
        const theirs = (await manager.getStartup(id)).resourceAllocation?.ports ?? [];
        expect(theirs.filter((p) => ports?.includes(p))).toEqual([]);
      }
    },
  },
  {
    name: 'delete removes the startup, frees its ports and makes its name reusable',
    async run({ manager }) {
      const id = await manager.createStartup(config('Gone Soon'));
      await manager.deleteStartup(id);
      await expectFactoryError(manager.getStartup(id), 'NOT_FOUND');
      await expectFactoryError(manager.getStartup('gone-soon'), 'NOT_FOUND');
      expect(await manager.listStartups()).toEqual([]);
      const again = await manager.createStartup(config('Gone Soon'));
      expect(again).not.toBe(id);
      expect((await manager.getStartup('gone-soon')).id).toBe(again);
    },
  },
  {
    name: "active startups' ports never overlap",
    async run({ manager }) {
      const ids = await Promise.all([
        manager.createStartup(config('Port One')),
        manager.createStartup(config('Port Two')),
        manager.createStartup(config('Port Three')),
      ]);
      const active = await manager.getActiveStartups();
      expect(active.map((s) => s.id).sort()).toEqual([...ids].sort());
      const ports = active.flatMap((s) => s.resourceAllocation?.ports ?? []);
      expect(ports).toHaveLength(6);
      expect(new Set(ports).size).toBe(6);
    },
  },
];

/** Registers the IStartupManager contract for an implementation. */
export function startupManagerContract(name: string, setup: StartupManagerSetup): void {
  registerContract(`IStartupManager contract: ${name}`, startupManagerCases, startupManagerCaseSetup(setup));
}
