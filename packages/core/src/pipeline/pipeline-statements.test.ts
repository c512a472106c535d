import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type IAICoordinator,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  type Task,
  type TaskResult,
} from '@startup-factory/contracts';
import { SAMPLE_PHASE_OUTPUTS } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { pipelineWithQueue, roomyStartupManager, succeeded } from '../../test/pipeline-fixture';
import type { InProcessTaskQueue } from '../queue/in-process-task-queue';
import type { StartupManager } from '../startup/startup-manager';
import { runMigrations } from '../store/migrations';
import { PGliteAdapter } from '../store/pglite-adapter';
import { SqlStateStore } from '../store/sql-state-store';
import { StatementCounter } from '../store/statement-counter';
import type { Pipeline } from './pipeline';

const sample: IAICoordinator = {
  availableProviders: () => ['scripted'],
  shareContextBetweenProviders: async (_id, _from, _to, context) => context,
  async executeTaskWithContext(task: Task): Promise<TaskResult> {
    const schema = task.outputSchema as OutputSchemaName;
    return succeeded(task, OUTPUT_SCHEMAS[schema].parse(SAMPLE_PHASE_OUTPUTS[schema]));
  },
};

/** What a whole run costs the store on the default phases, and that the events a dashboard replays stay whole. */
describe('a pipeline run on PGlite', { timeout: scaled(180_000) }, () => {
  let dir: string;
  let db: PGliteAdapter;
  let store: SqlStateStore;
  let manager: StartupManager;
  let queue: InProcessTaskQueue;
  let pipeline: Pipeline;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-pipeline-statements-'));
    db = await PGliteAdapter.open('memory://');
    await runMigrations(db);
    store = new SqlStateStore(db, false);
    manager = roomyStartupManager(store);
    ({ pipeline, queue } = pipelineWithQueue({ manager, coordinator: sample, store, dir }));
  });
  afterAll(async () => {
    await queue?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const phaseEvents = async (id: string) =>
    (await store.listEvents({ startupId: id, types: ['phase.started', 'phase.finished'] })).map(
      (e) => `${e.type === 'phase.started' ? 'start' : 'end'} ${(e as { phase: string }).phase}`,
    );

  it('reads no phase output it holds, and announces each phase with the advance unless a gate stops there', async () => {
    const id = await manager.createStartup({
      name: 'Count Run',
      industry: 'Retail',
      category: 'Marketplace',
      template: 'fake',
    });
    let eventsAlone = 0;
    const stop = db.observe((sql) => {
      if (/^INSERT INTO sf_events/.test(sql.trim())) eventsAlone += 1;
    });
    const counter = new StatementCounter(db).start();
    const done = await pipeline.run(id);
    const counts = counter.finish();
    stop();
    expect(done.status, JSON.stringify(done.state.lastError)).toBe('completed');
    // Code generation read the spec and the architecture from this run's context, not the store.
    expect(counts.byKindAndTable['select sf_documents'] ?? 0).toBe(0);
    // Only the first phase's start is written on its own; each later one rides on the advance before it.
    expect(eventsAlone).toBe(1);
    // An AI phase records its documents, its output and their events in one statement; only steps put outputs alone.
    expect(counts.byKindAndTable['insert sf_documents']).toBe(1);
    // The whole run, with a coordinator that touches no store: a bound that stops the count creeping back.
    expect(counts.total, JSON.stringify(counts.byKindAndTable)).toBeLessThanOrEqual(33);
    const written = await store.listEvents({ startupId: id, types: ['artifact.written'] });
    expect(written.map((e) => (e as { path: string }).path).sort()).toEqual(
      (await store.listArtifacts(id)).map((a) => a.path).sort(),
    );
    expect(await pipeline.outputOf(id, 'mvp_spec')).toMatchObject({ name: expect.any(String) });
    const phases = ['founder_analysis', 'market_research', 'mvp_spec', 'architecture', 'code_generation'];
    expect((await phaseEvents(id)).slice(0, 10)).toEqual(phases.flatMap((p) => [`start ${p}`, `end ${p}`]));
  });

  it('still stops at a gate the startup asked for, announcing the next phase only once approved', async () => {
    const id = await manager.createStartup({
      name: 'Gate Run',
      industry: 'Retail',
      category: 'Marketplace',
      approvalRequired: true,
      template: 'fake',
    });
    const waiting = await pipeline.run(id);
    expect(waiting.status).toBe('awaiting_approval');
    expect((await phaseEvents(id)).at(-1)).toBe('end mvp_spec');
    await pipeline.approve(id);
    const next = await pipeline.run(id);
    expect(next.status).toBe('awaiting_approval');
    // The run after the approval announces the phase it goes on with itself, once.
    expect((await phaseEvents(id)).slice(-3)).toEqual([
      'end mvp_spec',
      'start architecture',
      'end architecture',
    ]);
  });
});
