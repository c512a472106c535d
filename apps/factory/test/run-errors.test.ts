import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartupPatch } from '@startup-factory/contracts';
import type { SqlStateStore, StartupManager } from '@startup-factory/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../tooling/testing/eventually';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import type { RunFailure } from '../src/run-failures';
import { countingOfflineProvider, pgliteStores } from './composed-harness';

/** Run errors that escape a phase (a store call between phases throwing a plain Error). */
describe('a run error that is not an outage', { timeout: scaled(180_000) }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-run-errors-'));
  let factory: Factory;
  let store: SqlStateStore;
  const failures: RunFailure[] = [];
  beforeAll(async () => {
    ({ store } = await pgliteStores());
    factory = await createFactory(
      { dataDir, validateProjects: false, leaseMs: 1_000, portRange: { start: 23_700, end: 23_799 } },
      { env: {}, store, providers: [countingOfflineProvider().provider] },
    );
    factory.onRunFailure((failure) => failures.push(failure));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Makes the manager throw a plain Error for the patches `when` picks, as a broken dependency would. */
  const breakUpdates = (when: (patch: StartupPatch) => boolean) => {
    // createFactory composes a StartupManager.
    const manager = factory.parts.manager as StartupManager;
    const update = manager.updateStartup.bind(manager);
    const advance = manager.advanceRun.bind(manager);
    const broken = () => new Error('disk quota exceeded while saving the startup');
    // A phase advance is its own one-statement write (advanceRun); break it as the patch would be.
    const spies = [
      vi.spyOn(manager, 'updateStartup').mockImplementation(async (id, patch) => {
        if (when(patch)) throw broken();
        return update(id, patch);
      }),
      vi.spyOn(manager, 'advanceRun').mockImplementation(async (id, currentPhase, events) => {
        if (when({ currentPhase })) throw broken();
        return advance(id, currentPhase, events);
      }),
    ];
    return {
      mockRestore: () => {
        for (const spy of spies) spy.mockRestore();
      },
    };
  };

  it('fails the startup with the reason, visible in show, and reports it once', async () => {
    failures.length = 0;
    // Moving past the second phase throws: before, the run rejected into `.catch(() => {})` and
    // the startup stayed `running` with no error for good.
    const spy = breakUpdates((patch) => patch.currentPhase === 'mvp_spec');
    const created = await factory.create({ name: 'Plain Error', industry: 'Retail', category: 'Shop' });
    const shown = await factory.waitFor(created.id);
    spy.mockRestore();
    expect(shown.status).toBe('failed');
    expect(shown.error).toMatchObject({
      code: 'INTERNAL',
      message: 'disk quota exceeded while saving the startup',
    });
    expect(failures).toEqual([
      expect.objectContaining({ startupId: created.id, code: 'INTERNAL', recorded: true }),
    ]);
    // Failed is resumable by `factory resume`, which finishes it once the dependency works again.
    await factory.resume(created.id);
    expect((await factory.waitFor(created.id)).status).toBe('completed');
  });

  it('when even the failure cannot be recorded, reports it unrecorded and stops renewing its lease', async () => {
    failures.length = 0;
    const spy = breakUpdates((patch) => patch.currentPhase === 'mvp_spec' || patch.status === 'failed');
    const created = await factory.create({ name: 'Lost Record', industry: 'Retail', category: 'Shop' });
    await factory.waitFor(created.id);
    expect(failures).toEqual([
      expect.objectContaining({ startupId: created.id, code: 'INTERNAL', recorded: false }),
    ]);
    spy.mockRestore();
    // Its run is over, so nothing renews its 1 s lease (before, a process-wide timer renewed every
    // running startup this process owned): the lease lapses and another process may take it over.
    const leaseUntil = async () => {
      const { rows } = await store.query<{ lease_until: Date | null }>(
        'SELECT lease_until FROM sf_startups WHERE id = $1',
        [created.id],
      );
      return new Date(rows[0]!.lease_until!).getTime();
    };
    const lapsed = await eventually(async () => {
      const until = await leaseUntil();
      expect(until).toBeLessThan(Date.now());
      return until;
    }, 60_000);
    // Past a few renewal periods it is still the lapsed lease: nobody renews it.
    await eventually(async () => expect(Date.now() - lapsed).toBeGreaterThan(2_000), 60_000);
    expect(await leaseUntil()).toBe(lapsed);
  });
});
