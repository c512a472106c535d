import {
  type CodeSlots,
  diffMvpSpecs,
  type EvolveOutcome,
  type Generation,
  InvalidConfigError,
  InvalidTransitionError,
  MvpSpec,
  NotFoundError,
  type StartupInstance,
} from '@startup-factory/contracts';
import { isPortFree } from '@startup-factory/core';
import {
  type EvolveGate,
  ProjectEvolution,
  type RollbackResult,
  rollbackProject,
  TemplateManager,
} from '@startup-factory/templates';
import { reviseSpec } from './evolution/revise-spec';
import { type Rollout, rollOut } from './evolution/rollout';
import type { FactoryParts } from './factory';

/** What evolve asks for: a spec the founder edited, or a change in words (the AI's spec_revision task). */
export interface EvolveInput {
  spec?: unknown;
  change?: string;
  /** false: show the plan (spec diff, file and database changes) and change nothing. */
  approved: boolean;
}

/** An evolve's outcome, and whether a deployed app switched to the new build (checked healthy). */
export type StartupEvolveResult = EvolveOutcome & {
  redeploy: Rollout['status'] | null;
  /** The rollout's detail: the deployment generation and URL it switched to, or why it did not. */
  rollout: Rollout | null;
  /** The new spec came from the offline reviser, not a model: read it before approving. */
  specDraftedOffline: boolean;
};

/**
 * `factory evolve`, `history` and `rollback` for one startup: finds its project, spec and template,
 * gates the evolved project with the factory's project validator (install, build, its tests,
 * health) and redeploys a deployed app with the existing blue/green switch.
 */
export class StartupEvolution {
  constructor(private readonly parts: FactoryParts) {}

  async evolve(ref: string, input: EvolveInput): Promise<StartupEvolveResult> {
    if (input.change !== undefined && input.spec !== undefined) {
      throw new InvalidConfigError({
        message: 'Give either a spec file (`--spec`) or a change in words (`--change`), not both.',
        issues: [{ path: 'change', message: 'not with spec' }],
      });
    }
    if (input.change === undefined && input.spec === undefined) {
      throw new InvalidConfigError({
        message:
          'Say what to change: pass a spec file (`--spec <file>`, or `spec` in the HTTP body) or a change in words (`--change "<words>"`, or `change`).',
        issues: [{ path: 'spec', message: 'required' }],
      });
    }
    // A change in words becomes the next spec version first: the AI's spec_revision task
    // (offline, the deterministic reviser, which refuses what it cannot read).
    const proposed =
      input.change === undefined
        ? input.spec
        : await reviseSpec({ parts: this.parts }, ref, input.change, {
            spec: await this.specNow(ref),
          });
    const spec = MvpSpec.safeParse(proposed);
    if (!spec.success) throw InvalidConfigError.fromZod(spec.error, 'new MVP spec');
    const { startup, evolution, currentSpec } = await this.open(ref);
    // A change that would lose data is refused first, whatever else stands in the way.
    diffMvpSpecs((await evolution.currentSpec()) ?? currentSpec, spec.data);
    const validator = this.parts.validator;
    if (!validator && input.approved) {
      throw new InvalidConfigError({
        message:
          'Evolve replaces a project only after it installs, builds, passes its tests and its health check, and project validation is off (validateProjects: false); turn it on to evolve.',
        issues: [{ path: 'validateProjects', message: 'must be on to evolve' }],
      });
    }
    const allocation = startup.resourceAllocation;
    const gate: EvolveGate = async (dir) => {
      if (!validator || !allocation)
        return { ok: false, steps: [{ name: 'gate', ok: false, detail: 'no validator' }] };
      // A deployed app holds its proxy and active ports: the gate starts the candidate on a free one.
      const free: number[] = [];
      for (const port of allocation.ports) if (await isPortFree(port)) free.push(port);
      const ports = [...free, ...allocation.ports.filter((p) => !free.includes(p))];
      const report = await validator.validate(dir, { ...allocation, ports });
      return { ok: report.ok && !report.skipped, steps: report.steps };
    };
    const outcome = await evolution.evolve({
      spec: spec.data,
      currentSpec,
      gate,
      approved: input.approved,
    });
    const rollout = outcome.status === 'evolved' ? await rollOut(this.parts.deploys, startup.id) : null;
    return {
      ...outcome,
      redeploy: rollout?.status ?? null,
      rollout,
      specDraftedOffline: input.change !== undefined && spec.data.draftedOffline,
    };
  }

  /** The spec the project runs now: its latest generation's, else the pipeline's. */
  private async specNow(ref: string): Promise<MvpSpec> {
    const { evolution, currentSpec } = await this.open(ref);
    return (await evolution.currentSpec()) ?? currentSpec;
  }

  async history(ref: string): Promise<Generation[]> {
    return (await this.open(ref)).evolution.history();
  }

  /** Returns code and database to a generation; a deployed app is switched to it like an evolve. */
  async rollback(
    ref: string,
    generation: number,
  ): Promise<RollbackResult & { redeploy: Rollout['status']; rollout: Rollout }> {
    const { startup, evolution } = await this.open(ref);
    const result = await rollbackProject(evolution.projectDir, generation);
    const rollout = await rollOut(this.parts.deploys, startup.id);
    return { ...result, redeploy: rollout.status, rollout };
  }

  private async open(
    ref: string,
  ): Promise<{ startup: StartupInstance; evolution: ProjectEvolution; currentSpec: MvpSpec }> {
    const { manager, pipeline, templates } = this.parts;
    const startup = await manager.getStartup(ref);
    if (startup.status === 'running' || startup.status === 'created') {
      // Its pipeline may still write the project; an evolve would race it.
      throw new InvalidTransitionError({
        message: `Startup ${startup.slug} is ${startup.status}: wait for its pipeline to stop (\`factory show ${startup.slug}\`), then evolve.`,
      });
    }
    const generated = await pipeline.outputOf<{ projectDir: string }>(startup.id, 'code_generation');
    const stored = await pipeline.outputOf<unknown>(startup.id, 'mvp_spec');
    if (!generated || !stored) {
      throw new NotFoundError({
        message: `Startup ${startup.slug} has no generated project yet; finish its pipeline (\`factory resume ${startup.slug}\`) before evolving it.`,
      });
    }
    const allocation = startup.resourceAllocation;
    if (!allocation) {
      throw new NotFoundError({
        message: `Startup ${startup.slug} holds no resources; resume it to allocate them again, then evolve.`,
      });
    }
    if (!(templates instanceof TemplateManager)) {
      throw new InvalidConfigError({
        message: `Startup ${startup.slug} cannot be evolved by this process: evolve renders with the factory's own template manager.`,
      });
    }
    const design = await pipeline.outputOf<{ slots: CodeSlots }>(startup.id, 'architecture');
    const template = startup.config.template;
    const evolution = new ProjectEvolution({
      projectDir: generated.projectDir,
      template: { name: template, version: await templates.templateVersion(template) },
      render: (next) =>
        templates.renderFiles(template, startup.config, allocation, {
          spec: next,
          ...(design ? { slots: design.slots } : {}),
          projectSlug: startup.slug,
          ...(startup.config.templateVariables ? { extraContext: startup.config.templateVariables } : {}),
        }),
    });
    return { startup, evolution, currentSpec: MvpSpec.parse(stored) };
  }
}
