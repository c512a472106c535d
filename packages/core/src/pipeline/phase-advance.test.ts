import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresForFile, type SharedDatabase, sharedPGlite } from '../../test/harness';
import { hasServer } from '../../test/server-env';
import { ResourceAllocator } from '../resources/resource-allocator';
import { StartupManager } from '../startup/startup-manager';
import type { SqlStateStore } from '../store/sql-state-store';
import { StatementCounter } from '../store/statement-counter';
import { EventRecorder } from './event-recorder';
import { advancePhase } from './phase-advance';

const at = new Date('2026-01-01T00:00:00Z');
const finished = (startupId: string, phase: string) =>
  ({ type: 'phase.finished', startupId, at, phase, outcome: 'succeeded', durationMs: 5 }) as const;
const started = (startupId: string, phase: string) =>
  ({ type: 'phase.started', startupId, at, phase }) as const;
const move = (id: string, next: string | null) => ({
  id,
  next,
  finished: finished(id, 'founder_analysis'),
  ahead: next ? [started(id, next)] : [],
});
const phaseEvents = async (store: { listEvents: SqlStateStore['listEvents'] }, startupId: string) =>
  (await store.listEvents({ startupId, types: ['phase.started', 'phase.finished'] })).map((e) => [
    e.type,
    (e as { phase: string }).phase,
  ]);

function advanceCases(db: SharedDatabase): void {
  const make = async (ownerId: string) => {
    const store = await db.open();
    const allocator = new ResourceAllocator({
      store,
      portRange: { start: 41_000, end: 41_099 },
      totalMemoryMb: 100_000,
      totalCpuCores: 100,
      isPortFree: async () => true,
    });
    return { store, manager: new StartupManager({ store, allocator, ownerId }) };
  };
  const config = { name: 'Advance Test', industry: 'Retail', category: 'Marketplace' };

  it('moves a run this manager owns to the next phase with its events in one statement', async () => {
    const { store, manager } = await make('process-a');
    const id = await manager.createStartup(config);
    await manager.updateStartup(id, { status: 'running' });
    const counter = new StatementCounter(store.db).start();
    const moved = await advancePhase(manager, new EventRecorder({ store }), move(id, 'market_research'));
    expect(counter.finish().total).toBe(1);
    expect(moved.announced).toBe(true);
    expect(moved.startup.currentPhase).toBe('market_research');
    expect((await manager.getStartup(id)).currentPhase).toBe('market_research');
    // Persisted in order, with sequence numbers, as a dashboard replays them.
    expect(await phaseEvents(store, id)).toEqual([
      ['phase.finished', 'founder_analysis'],
      ['phase.started', 'market_research'],
    ]);
    const last = await advancePhase(manager, new EventRecorder({ store }), move(id, null));
    expect(last.startup.currentPhase).toBeNull();
  });

  it('leaves a startup paused mid-phase at that phase (it resumes there, meeting its gate), still recording the finish', async () => {
    const { store, manager } = await make('process-a');
    const id = await manager.createStartup(config);
    await manager.updateStartup(id, { status: 'running' });
    await manager.pauseStartup(id);
    const after = await advancePhase(manager, new EventRecorder({ store }), move(id, 'market_research'));
    expect(after.announced).toBe(false);
    expect(after.startup.status).toBe('paused');
    expect(after.startup.currentPhase).toBe('founder_analysis');
    expect((await manager.getStartup(id)).currentPhase).toBe('founder_analysis');
    expect(await phaseEvents(store, id)).toEqual([['phase.finished', 'founder_analysis']]);
  });

  it('refuses moving a run another live process owns, and changes nothing', async () => {
    const first = await make('process-a');
    const second = await make('process-b');
    const id = await first.manager.createStartup(config);
    await first.manager.updateStartup(id, { status: 'running' });
    const error = await advancePhase(
      second.manager,
      new EventRecorder({ store: second.store }),
      move(id, 'market_research'),
    ).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('STARTUP_LEASED');
    expect((await first.manager.getStartup(id)).currentPhase).toBe('founder_analysis');
  });
}

describe('advancePhase on PGlite', { timeout: 120_000 }, () => {
  const db = sharedPGlite();
  beforeAll(() => db.ready());
  afterAll(() => db.close());
  afterEach(() => db.reset());
  advanceCases(db);
});

describe.skipIf(!hasServer('DATABASE_URL'))('advancePhase on PostgreSQL', { timeout: 120_000 }, () => {
  const db = postgresForFile();
  afterEach(() => db.reset());
  advanceCases(db);
});
