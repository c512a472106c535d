import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type IAICoordinator,
  type MvpSpec,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  type Task,
  type TaskResult,
} from '@startup-factory/contracts';
import { SAMPLE_PHASE_OUTPUTS } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../../tooling/testing/time-scale';
import { LEGAL_REVIEW_PHASES } from '../../test/fixtures/phases/legal-review-phase';
import { pipelineWithQueue, roomyStartupManager, succeeded } from '../../test/pipeline-fixture';
import type { InProcessTaskQueue } from '../queue/in-process-task-queue';
import type { StartupManager } from '../startup/startup-manager';
import { runMigrations } from '../store/migrations';
import { PGliteAdapter } from '../store/pglite-adapter';
import { SqlStateStore } from '../store/sql-state-store';
import type { Pipeline } from './pipeline';

/** Answers each task in its schema; the legal review reads the MVP spec it was given as context. */
function contextReadingCoordinator(seen: Array<{ type: string; earlier: string[] }>): IAICoordinator {
  return {
    availableProviders: () => ['scripted'],
    shareContextBetweenProviders: async (_id, _from, _to, context) => context,
    async executeTaskWithContext(task: Task, context): Promise<TaskResult> {
      seen.push({ type: task.type, earlier: Object.keys(context.phaseOutputs) });
      const output =
        task.outputSchema === 'legal_review'
          ? {
              specName: (context.phaseOutputs.mvp_spec as MvpSpec).name,
              risks: [{ area: 'privacy', risk: 'Stores customer addresses', mitigation: 'A GDPR data map' }],
            }
          : OUTPUT_SCHEMAS[task.outputSchema as OutputSchemaName].parse(
              SAMPLE_PHASE_OUTPUTS[task.outputSchema as OutputSchemaName],
            );
      return succeeded(task, output);
    },
  };
}

describe('a phase added with only its registry entry and its own code', () => {
  let dir: string;
  let db: PGliteAdapter;
  let store: SqlStateStore;
  let manager: StartupManager;
  let queue: InProcessTaskQueue;
  let pipeline: Pipeline;
  const seen: Array<{ type: string; earlier: string[] }> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-added-phase-'));
    db = await PGliteAdapter.open('memory://');
    await runMigrations(db);
    store = new SqlStateStore(db, false);
    manager = roomyStartupManager(store);
    ({ pipeline, queue } = pipelineWithQueue({
      manager,
      coordinator: contextReadingCoordinator(seen),
      store,
      dir,
      phases: LEGAL_REVIEW_PHASES,
    }));
  });
  afterAll(async () => {
    await queue?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in its place, writes its document, feeds later phases and is stored by name', {
    timeout: scaled(120_000),
  }, async () => {
    const id = await manager.createStartup({
      name: 'Legal Mate',
      industry: 'Logistics',
      category: 'B2B SaaS',
      template: 'fake',
      approvalRequired: true,
    });
    // The MVP spec is a gate: the startup waits with the added phase stored as its current one.
    let startup = await pipeline.run(id);
    expect(startup.status).toBe('awaiting_approval');
    expect(startup.currentPhase).toBe('legal_review');
    expect((await manager.getStartup(id)).currentPhase).toBe('legal_review');

    await pipeline.approve(id);
    startup = await pipeline.run(id);
    expect(startup.status).toBe('awaiting_approval');
    expect(startup.currentPhase).toBe('code_generation');
    await pipeline.approve(id);
    startup = await pipeline.run(id);
    expect(startup.status).toBe('completed');
    expect(startup.currentPhase).toBeNull();

    const finished = (await store.listEvents({ startupId: id, types: ['phase.finished'] })).map(
      (e) => e.type === 'phase.finished' && `${e.phase}:${e.outcome}`,
    );
    expect(finished).toEqual([
      'founder_analysis:succeeded',
      'market_research:succeeded',
      'mvp_spec:succeeded',
      'legal_review:succeeded',
      'architecture:succeeded',
      'code_generation:succeeded',
      'validation:skipped',
      'deploy:skipped',
    ]);
    const document = readFileSync(join(dir, 'startups', 'legal-mate', 'docs/legal-review.md'), 'utf8');
    const specName = (SAMPLE_PHASE_OUTPUTS.mvp_spec as MvpSpec).name;
    expect(document).toContain(`# Legal review: ${specName}`);
    expect(document).toContain('| privacy | Stores customer addresses | A GDPR data map |');
    const artifact = (await store.listArtifacts(id)).find((a) => a.path === 'docs/legal-review.md');
    expect(artifact?.phase).toBe('legal_review');
    expect(await pipeline.outputOf(id, 'legal_review')).toMatchObject({ specName });

    // Its task saw the phases before it; the architecture tasks after it saw its output.
    expect(seen.find((s) => s.type === 'legal_review')?.earlier).toEqual([
      'founder_analysis',
      'market_research',
      'mvp_spec',
    ]);
    expect(seen.find((s) => s.type === 'architecture')?.earlier).toContain('legal_review');
  });
});
