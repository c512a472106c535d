import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresForFile, type SharedDatabase, sharedPGlite } from '../../test/harness';
import { hasServer } from '../../test/server-env';
import { ResourceAllocator } from '../resources/resource-allocator';
import { StartupManager } from '../startup/startup-manager';
import { StatementCounter } from '../store/statement-counter';
import { advancePhase } from './phase-advance';

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

  it('moves a run this manager owns to the next phase in one statement', async () => {
    const { store, manager } = await make('process-a');
    const id = await manager.createStartup(config);
    await manager.updateStartup(id, { status: 'running' });
    const counter = new StatementCounter(store.db).start();
    const moved = await advancePhase(manager, id, 'market_research');
    expect(counter.finish().total).toBe(1);
    expect(moved.currentPhase).toBe('market_research');
    expect((await manager.getStartup(id)).currentPhase).toBe('market_research');
    expect((await advancePhase(manager, id, null)).currentPhase).toBeNull();
  });

  it('leaves a startup paused mid-phase at that phase, so it resumes there (and meets its gate)', async () => {
    const { manager } = await make('process-a');
    const id = await manager.createStartup(config);
    await manager.updateStartup(id, { status: 'running' });
    await manager.pauseStartup(id);
    const after = await advancePhase(manager, id, 'market_research');
    expect(after.status).toBe('paused');
    expect(after.currentPhase).toBe('founder_analysis');
    expect((await manager.getStartup(id)).currentPhase).toBe('founder_analysis');
  });

  it('refuses moving a run another live process owns, and changes nothing', async () => {
    const first = await make('process-a');
    const second = await make('process-b');
    const id = await first.manager.createStartup(config);
    await first.manager.updateStartup(id, { status: 'running' });
    const error = await advancePhase(second.manager, id, 'market_research').catch((e: unknown) => e);
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
