import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreateFromTemplateOptions,
  type IAICoordinator,
  type IDeployer,
  type IProjectValidator,
  MvpSpec,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  ProviderError,
  StoreUnavailableError,
  type Task,
  type TaskResult,
} from '@startup-factory/contracts';
import {
  createInMemoryStartupState,
  FakeTemplateManager,
  InMemoryResourceAllocator,
  InMemoryStartupManager,
  InMemoryStateStore,
  SAMPLE_PHASE_OUTPUTS,
} from '@startup-factory/contracts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pipelineWithQueue, succeeded } from '../../test/pipeline-fixture';

/** A coordinator answering each task with a valid sample; `failOnce` makes the named task types fail once, permanently. */
function scriptedCoordinator(failOnce: string[] = []) {
  const calls: Task[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const failed = new Set<string>();
  const coordinator: IAICoordinator = {
    availableProviders: () => ['scripted'],
    shareContextBetweenProviders: async (_id, _from, _to, context) => context,
    async executeTaskWithContext(task, context): Promise<TaskResult> {
      calls.push(task);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      if (failOnce.includes(task.type) && !failed.has(task.type)) {
        failed.add(task.type);
        throw new ProviderError({
          message: 'model refused',
          provider: 'scripted',
          status: 400,
          permanent: true,
        });
      }
      expect(context.startupId).toBe(task.startupId);
      const schema = task.outputSchema as OutputSchemaName;
      const output = OUTPUT_SCHEMAS[schema].parse({ ...SAMPLE_PHASE_OUTPUTS[schema], draftedOffline: true });
      return succeeded(task, output, 20);
    },
  };
  return { coordinator, calls, maxInFlight: () => maxInFlight };
}

describe('Pipeline', () => {
  let dir: string;
  let store: InMemoryStateStore;
  let manager: InMemoryStartupManager;
  const closers: Array<() => Promise<void>> = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sf-pipeline-'));
    store = new InMemoryStateStore();
    manager = new InMemoryStartupManager({
      state: createInMemoryStartupState(new InMemoryResourceAllocator()),
    });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  function build(
    options: {
      failOnce?: string[];
      validator?: IProjectValidator;
      deployer?: IDeployer;
      templates?: FakeTemplateManager;
    } = {},
  ) {
    const scripted = scriptedCoordinator(options.failOnce);
    const { pipeline, queue } = pipelineWithQueue({
      manager,
      coordinator: scripted.coordinator,
      store,
      dir,
      retry: { attempts: 2, baseMs: 1, maxMs: 5 },
      ...(options.templates ? { templates: options.templates } : {}),
      ...(options.validator ? { validator: options.validator } : {}),
      ...(options.deployer ? { deployer: options.deployer } : {}),
    });
    closers.push(() => queue.close());
    return { pipeline, ...scripted };
  }

  const config = { name: 'Route Mate', industry: 'Logistics', category: 'B2B SaaS', template: 'fake' };

  it('runs every phase, writes the documents and a valid spec, and generates the project', async () => {
    const { pipeline, calls, maxInFlight } = build();
    const id = await manager.createStartup(config);
    const done = await pipeline.run(id);
    expect(done.status).toBe('completed');
    expect(done.currentPhase).toBeNull();
    const folder = join(dir, 'startups', 'route-mate');
    for (const file of [
      'docs/founder-analysis.md',
      'docs/market-research.md',
      'docs/mvp-spec.md',
      'architecture.md',
    ]) {
      expect(existsSync(join(folder, file)), file).toBe(true);
    }
    expect(readFileSync(join(folder, 'docs/market-research.md'), 'utf8')).toContain('Drafted offline');
    expect(MvpSpec.safeParse(JSON.parse(readFileSync(join(folder, 'mvp-spec.json'), 'utf8'))).success).toBe(
      true,
    );
    const generated = await pipeline.outputOf<{ projectDir: string }>(id, 'code_generation');
    expect(generated && existsSync(generated.projectDir)).toBe(true);
    expect(calls.filter((t) => t.type.startsWith('market_research.'))).toHaveLength(4);
    expect(maxInFlight()).toBeGreaterThanOrEqual(2);
    const phaseEvents = (await store.listEvents({ startupId: id, types: ['phase.finished'] })).map(
      (e) => e.type === 'phase.finished' && `${e.phase}:${e.outcome}`,
    );
    expect(phaseEvents).toEqual([
      'founder_analysis:succeeded',
      'market_research:succeeded',
      'mvp_spec:succeeded',
      'architecture:succeeded',
      'code_generation:succeeded',
      'validation:skipped',
      'deploy:skipped',
    ]);
    expect((await store.listArtifacts(id)).map((a) => a.path)).toEqual(
      expect.arrayContaining(['mvp-spec.json', 'docs/founder-analysis.md', 'architecture.md', 'project']),
    );
  });

  it("hands the startup's template variables to the template manager as extra context", async () => {
    const seen: CreateFromTemplateOptions[] = [];
    class Recording extends FakeTemplateManager {
      override createFromTemplate(...args: Parameters<FakeTemplateManager['createFromTemplate']>) {
        seen.push(args[3] ?? {});
        return super.createFromTemplate(...args);
      }
    }
    const { pipeline } = build({ templates: new Recording({ outputDir: join(dir, 'projects') }) });
    const id = await manager.createStartup({ ...config, templateVariables: { license: 'BSD-3' } });
    expect((await pipeline.run(id)).status).toBe('completed');
    expect(seen.map((o) => o.extraContext)).toEqual([{ license: 'BSD-3' }]);
  });

  it('stops at the approval gates, applies an edited spec, and can be rejected', async () => {
    const { pipeline } = build();
    const id = await manager.createStartup({ ...config, approvalRequired: true });
    let startup = await pipeline.run(id);
    expect(startup.status).toBe('awaiting_approval');
    expect(startup.currentPhase).toBe('architecture');
    const edited = { ...(SAMPLE_PHASE_OUTPUTS.mvp_spec as MvpSpec), tagline: 'Edited by a person' };
    await pipeline.approve(id, { spec: edited });
    startup = await pipeline.run(id);
    expect(startup.status).toBe('awaiting_approval');
    expect(startup.currentPhase).toBe('code_generation');
    const spec = JSON.parse(readFileSync(join(dir, 'startups', 'route-mate', 'mvp-spec.json'), 'utf8'));
    expect(spec.tagline).toBe('Edited by a person');
    expect((await pipeline.reject(id)).status).toBe('cancelled');
  });

  it('rejects an edited spec that breaks the schema, naming the field', async () => {
    const { pipeline } = build();
    const id = await manager.createStartup({ ...config, approvalRequired: true });
    await pipeline.run(id);
    await expect(
      pipeline.approve(id, { spec: { ...(SAMPLE_PHASE_OUTPUTS.mvp_spec as MvpSpec), entities: [] } }),
    ).rejects.toThrow(/entities/);
    expect((await manager.getStartup(id)).status).toBe('awaiting_approval');
  });

  it('fails at a broken phase and resumes there without redoing finished phases', async () => {
    const { pipeline, calls } = build({ failOnce: ['architecture'] });
    const id = await manager.createStartup(config);
    const failed = await pipeline.run(id);
    expect(failed.status).toBe('failed');
    expect(failed.currentPhase).toBe('architecture');
    expect(failed.state.lastError).toMatchObject({ phase: 'architecture' });
    const done = await pipeline.run(id);
    expect(done.status).toBe('completed');
    expect(calls.filter((t) => t.type === 'founder_analysis')).toHaveLength(1);
    expect(calls.filter((t) => t.type === 'code_slots')).toHaveLength(1);
    expect(calls.filter((t) => t.type === 'architecture')).toHaveLength(2);
  });

  it('rides out a store outage in a phase: the run restarts at that phase and reuses finished tasks', async () => {
    let outages = 2;
    const validator: IProjectValidator = {
      async validate() {
        if (outages-- > 0)
          throw new StoreUnavailableError({ message: 'PostgreSQL at … is unreachable (ECONNREFUSED)' });
        return { ok: true, skipped: false, steps: [] };
      },
    };
    const { pipeline, calls } = build({ validator });
    const id = await manager.createStartup(config);
    const done = await pipeline.run(id);
    expect(done.status).toBe('completed');
    expect(calls.filter((t) => t.type === 'founder_analysis')).toHaveLength(1);
  });

  it('fails the startup as resumable, with the reason, when a store outage outlasts the restarts', async () => {
    let tries = 0;
    const validator: IProjectValidator = {
      async validate() {
        tries += 1;
        throw new StoreUnavailableError({ message: 'PostgreSQL at … is unreachable (ECONNREFUSED)' });
      },
    };
    const { pipeline } = build({ validator });
    const id = await manager.createStartup(config);
    const failed = await pipeline.run(id);
    expect(failed.status).toBe('failed');
    expect(failed.state.lastError).toEqual({
      phase: 'validation',
      code: 'STORE_UNAVAILABLE',
      message: 'PostgreSQL at … is unreachable (ECONNREFUSED)',
      resumable: true,
    });
    expect(tries).toBe(4);
  });

  it('fails the startup when the generated project does not validate', async () => {
    const validator: IProjectValidator = {
      validate: async () => ({
        ok: false,
        skipped: false,
        steps: [{ name: 'build', ok: false, durationMs: 1, detail: 'tsc: 1 error' }],
      }),
    };
    const { pipeline } = build({ validator });
    const id = await manager.createStartup(config);
    const failed = await pipeline.run(id);
    expect(failed.status).toBe('failed');
    expect(failed.state.lastError).toMatchObject({
      phase: 'validation',
      message: expect.stringContaining('build step: tsc: 1 error'),
    });
  });

  it('hands the project to the deployer and records the files it wrote as manifests', async () => {
    const handedOver: string[] = [];
    const deployer: IDeployer = {
      async deploy(startup, projectDir) {
        handedOver.push(startup.slug);
        mkdirSync(join(projectDir, 'deploy'), { recursive: true });
        writeFileSync(join(projectDir, 'deploy', 'deployment.json'), '{"kind":"Deployment"}\n');
        return { url: 'http://127.0.0.1:3000', files: [join(projectDir, 'deploy', 'deployment.json')] };
      },
    };
    const { pipeline } = build({ deployer });
    const id = await manager.createStartup(config);
    expect((await pipeline.run(id)).status).toBe('completed');
    expect(handedOver).toEqual(['route-mate']);
    expect(await pipeline.outputOf(id, 'deploy')).toEqual({
      url: 'http://127.0.0.1:3000',
      files: [join('deploy', 'deployment.json')],
    });
    const manifest = (await store.listArtifacts(id)).find((a) => a.kind === 'manifest');
    expect(manifest).toMatchObject({
      phase: 'deploy',
      path: 'project/deploy/deployment.json',
      sizeBytes: 22,
    });
    const finished = await store.listEvents({ startupId: id, types: ['phase.finished'] });
    expect(finished.at(-1)).toMatchObject({ phase: 'deploy', outcome: 'succeeded' });
  });

  it('fails the deploy phase when the deployer writes outside the project folder', async () => {
    const deployer: IDeployer = {
      deploy: async () => ({ files: [join(dir, 'elsewhere.json')] }),
    };
    const { pipeline } = build({ deployer });
    const id = await manager.createStartup(config);
    const failed = await pipeline.run(id);
    expect(failed.status).toBe('failed');
    expect(failed.state.lastError).toMatchObject({ phase: 'deploy', code: 'UNSAFE_PATH' });
  });
});
