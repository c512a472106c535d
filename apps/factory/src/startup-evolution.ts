import {
  type CodeSlots,
  diffMvpSpecs,
  type EvolveBase,
  type EvolveOutcome,
  type Generation,
  InvalidConfigError,
  InvalidTransitionError,
  MvpSpec,
  NotFoundError,
  type PendingEvolution,
  type StartupInstance,
} from '@startup-factory/contracts';
import { isPortFree } from '@startup-factory/core';
import {
  type EvolveGate,
  ProjectEvolution,
  type RollbackResult,
  rollbackProject,
  type ServerDatabase,
  type TemplateManager,
} from '@startup-factory/templates';
import { evolveBase, PendingEvolutions } from './evolution/pending-evolutions';
import { reviseSpec } from './evolution/revise-spec';
import { type Rollout, rollOut } from './evolution/rollout';
import type { FactoryParts } from './factory';

/** What evolve re-renders a project with: the template manager's render for a spec and its version. */
export type ProjectRenderer = Pick<TemplateManager, 'renderFiles' | 'templateVersion'>;

/** What evolve asks for: a spec the founder edited, or a change in words (the AI's spec_revision task). */
export interface EvolveInput {
  spec?: unknown;
  change?: string;
  /**
   * false: show the plan (spec diff, file and database changes), change nothing in the project and
   * record the plan as waiting for approval (`approve` applies exactly it, `reject` discards it).
   */
  approved: boolean;
  /** `upgrade`: the same spec on a newer template version, recorded as such (`factory upgrade`). */
  kind?: 'evolve' | 'upgrade';
}

/** An evolve's outcome, and whether a deployed app switched to the new build (checked healthy). */
export type StartupEvolveResult = EvolveOutcome & {
  redeploy: Rollout['status'] | null;
  /** The rollout's detail: the deployment generation and URL it switched to, or why it did not. */
  rollout: Rollout | null;
  /** The new spec came from the offline reviser, not a model: read it before approving. */
  specDraftedOffline: boolean;
};

/** One startup's project opened for evolving. */
interface OpenedProject {
  startup: StartupInstance;
  evolution: ProjectEvolution;
  /** The spec the pipeline stored (generation 1 of a project never evolved). */
  storedSpec: MvpSpec;
  templateVersion: string;
}

/**
 * `factory evolve`, `approve`/`reject` of a planned evolve, `history` and `rollback` for one
 * startup: finds its project, spec and template, gates the evolved project with the factory's
 * project validator (install, build, its tests, health), keeps the stored spec the one the project
 * runs, and redeploys a deployed app with the existing blue/green switch.
 */
export class StartupEvolution {
  private readonly pendings: PendingEvolutions;

  constructor(private readonly parts: FactoryParts) {
    this.pendings = new PendingEvolutions(parts.store);
  }

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
    const opened = await this.open(ref);
    // What the new spec is made against: an evolve landing before this one applies refuses it.
    const basedOn = await baseOf(opened);
    // A change in words becomes the next spec version first: the AI's spec_revision task
    // (offline, the deterministic reviser, which refuses what it cannot read).
    const proposed =
      input.change === undefined
        ? input.spec
        : await reviseSpec({ parts: this.parts }, opened.startup.id, input.change, {
            spec: await specNow(opened),
          });
    const spec = MvpSpec.safeParse(proposed);
    if (!spec.success) throw InvalidConfigError.fromZod(spec.error, 'new MVP spec');
    const specDraftedOffline = input.change !== undefined && spec.data.draftedOffline;
    const result = await this.apply(opened, spec.data, { ...input, specDraftedOffline, basedOn });
    if (result.status === 'planned') {
      // The base is read after planning: the plan itself may record generation 1.
      await this.pendings.put({
        startupId: opened.startup.id,
        spec: spec.data,
        plan: result.plan,
        base: await baseOf(opened),
        change: input.change ?? null,
        specDraftedOffline,
        createdAt: new Date().toISOString(),
      });
    }
    // An evolve with --yes leaves an older plan waiting: approving it is refused as out of date.
    return result;
  }

  /** The evolve plan waiting for approval, or null. */
  async pending(ref: string): Promise<PendingEvolution | null> {
    const startup = await this.parts.manager.getStartup(ref);
    return this.pendings.get(startup.id);
  }

  /**
   * Applies the plan waiting for approval: exactly the spec that was shown (a change in words is
   * not revised again), refused with CONFLICT when the project moved since it was planned or
   * another approval or rejection of it is running.
   */
  async approve(ref: string): Promise<StartupEvolveResult> {
    return this.deciding(ref, async () => {
      const pending = await this.requirePending(ref);
      const opened = await this.open(ref);
      PendingEvolutions.assertCurrent(pending, await baseOf(opened), opened.startup.slug);
      const result = await this.apply(opened, pending.spec, {
        approved: true,
        specDraftedOffline: pending.specDraftedOffline,
        // Checked again under the project's lock: an evolve --yes may land between here and there.
        basedOn: pending.base,
      });
      if (result.status === 'evolved') await this.pendings.discard(opened.startup.id);
      return result;
    });
  }

  /** Discards the plan waiting for approval; the project was never changed by it. */
  async reject(ref: string): Promise<PendingEvolution> {
    return this.deciding(ref, async () => {
      const pending = await this.requirePending(ref);
      await this.pendings.discard(pending.startupId);
      return pending;
    });
  }

  async history(ref: string): Promise<Generation[]> {
    return (await this.open(ref)).evolution.history();
  }

  /** Returns code and database to a generation; a deployed app is switched to it like an evolve. */
  async rollback(
    ref: string,
    generation: number,
  ): Promise<RollbackResult & { redeploy: Rollout['status']; rollout: Rollout }> {
    const { evolution, startup } = await this.open(ref);
    const result = await rollbackProject(evolution.projectDir, generation, {
      database: this.serverDatabase(startup),
    });
    const spec = await evolution.currentSpec();
    if (spec) await this.parts.pipeline.replaceSpec(startup.id, spec);
    const rollout = await rollOut(this.parts.deploys, startup.id);
    return { ...result, redeploy: rollout.status, rollout };
  }

  /** Distributed mode: the running app keeps its tables in its schema of the factory's PostgreSQL. */
  private serverDatabase(startup: StartupInstance): ServerDatabase | undefined {
    const { databaseUrl } = this.parts.config;
    const schema = startup.resourceAllocation?.databaseNamespace;
    return databaseUrl && schema ? { url: databaseUrl, schema } : undefined;
  }

  /** Runs an approval or a rejection as the one decision on the startup's plan (CONFLICT while another runs). */
  private async deciding<T>(ref: string, decide: () => Promise<T>): Promise<T> {
    const startup = await this.parts.manager.getStartup(ref);
    const release = await this.pendings.claimDecision(startup.id, startup.slug);
    try {
      return await decide();
    } finally {
      await release();
    }
  }

  private async requirePending(ref: string): Promise<PendingEvolution> {
    const startup = await this.parts.manager.getStartup(ref);
    const pending = await this.pendings.get(startup.id);
    if (pending) return pending;
    throw new InvalidTransitionError({
      message: `Startup ${startup.slug} has no evolve plan waiting for approval; plan one with \`factory evolve ${startup.slug} --change "<what to change>"\` (or --spec <file>), then approve it.`,
    });
  }

  /** Plans (approved false) or merges, migrates, gates and replaces the project with `spec`. */
  private async apply(
    opened: OpenedProject,
    spec: MvpSpec,
    options: Pick<EvolveInput, 'approved' | 'kind'> & { specDraftedOffline: boolean; basedOn: EvolveBase },
  ): Promise<StartupEvolveResult> {
    const { approved, specDraftedOffline } = options;
    const { startup, evolution, storedSpec } = opened;
    // A change that would lose data is refused first, whatever else stands in the way.
    diffMvpSpecs(await specNow(opened), spec);
    const validator = this.parts.validator;
    if (!validator && approved) {
      throw new InvalidConfigError({
        message:
          'Evolve replaces a project only after it installs, builds, passes its tests and its health check, and project validation is off (validateProjects: false); turn it on to evolve.',
        issues: [{ path: 'validateProjects', message: 'must be on to evolve' }],
      });
    }
    const allocation = startup.resourceAllocation;
    const gate: EvolveGate = async (dir, database) => {
      if (!validator || !allocation)
        return { ok: false, steps: [{ name: 'gate', ok: false, detail: 'no validator' }] };
      // A deployed app holds its proxy and active ports: the gate starts the candidate on a free one.
      const free: number[] = [];
      for (const port of allocation.ports) if (await isPortFree(port)) free.push(port);
      const ports = [...free, ...allocation.ports.filter((p) => !free.includes(p))];
      // On PostgreSQL the candidate runs on the engine's copy of its schema, never the live one.
      const databaseNamespace = database?.schema ?? allocation.databaseNamespace;
      const report = await validator.validate(dir, { ...allocation, ports, databaseNamespace });
      return { ok: report.ok && !report.skipped, steps: report.steps };
    };
    const outcome = await evolution.evolve({
      spec,
      currentSpec: storedSpec,
      gate,
      approved,
      basedOn: { generation: options.basedOn.generation, pristineCommit: options.basedOn.pristineCommit },
      ...(options.kind ? { kind: options.kind } : {}),
    });
    // One source of truth: the stored spec (show, the API, later phases) is the one the project runs.
    if (outcome.status === 'evolved') await this.parts.pipeline.replaceSpec(startup.id, spec);
    const rollout = outcome.status === 'evolved' ? await rollOut(this.parts.deploys, startup.id) : null;
    return { ...outcome, redeploy: rollout?.status ?? null, rollout, specDraftedOffline };
  }

  private async open(ref: string): Promise<OpenedProject> {
    const { manager, pipeline, renderer } = this.parts;
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
    const design = await pipeline.outputOf<{ slots: CodeSlots }>(startup.id, 'architecture');
    const template = startup.config.template;
    const templateVersion = await renderer.templateVersion(template);
    const evolution = new ProjectEvolution({
      projectDir: generated.projectDir,
      template: { name: template, version: templateVersion },
      database: this.serverDatabase(startup),
      render: (next) =>
        renderer.renderFiles(template, startup.config, allocation, {
          spec: next,
          ...(design ? { slots: design.slots } : {}),
          projectSlug: startup.slug,
          ...(startup.config.templateVariables ? { extraContext: startup.config.templateVariables } : {}),
        }),
    });
    return { startup, evolution, storedSpec: MvpSpec.parse(stored), templateVersion };
  }
}

/** The spec the project runs now: its latest generation's, else the pipeline's. */
async function specNow(opened: OpenedProject): Promise<MvpSpec> {
  return (await opened.evolution.currentSpec()) ?? opened.storedSpec;
}

async function baseOf(opened: OpenedProject) {
  return evolveBase(await opened.evolution.history(), await specNow(opened), opened.templateVersion);
}
