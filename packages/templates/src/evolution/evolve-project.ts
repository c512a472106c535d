import { mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  ConflictError,
  diffMvpSpecs,
  EvolveFailedError,
  type EvolveOutcome,
  type EvolvePlan,
  type Generation,
  MvpSpec,
  parseInput,
} from '@startup-factory/contracts';
import { type PlanInput, planEvolve } from './evolve-plan';
import { handOverBuild, prepareGateWorkspace } from './gate-workspace';
import { listGenerations, MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import {
  assertRenderable,
  hasRepository,
  initializeRepository,
  type TemplateVersion,
  writeExcludes,
} from './initialize-repository';
import { type RenderSpec, SPEC_FILE, specSha256 } from './pristine-render';
import { copyDatabase, snapshotDatabase, snapshotDir } from './project-database';
import { withProjectLock } from './project-lock';
import { copyServerSchema, type ServerDatabase } from './server-database-copy';

export interface EvolveGateStep {
  name: string;
  ok: boolean;
  /** What ran; on a failure, why, with the tail of its output. */
  detail: string;
}

/**
 * Checks an evolved project in its own folder (a worktree holding a copy of the app's embedded
 * database). With `database`, the app's database is on a PostgreSQL server: the gate's app must
 * keep its tables in `database.schema`, a copy of the live schema, never in the live one.
 */
export type EvolveGate = (
  dir: string,
  database?: { schema: string },
) => Promise<{ ok: boolean; steps: EvolveGateStep[] }>;

export interface ProjectEvolutionOptions {
  projectDir: string;
  render: RenderSpec;
  template: TemplateVersion;
  /** The running app's database when it is on a PostgreSQL server (unset: PGlite in `.data/`). */
  database?: ServerDatabase | undefined;
  clock?: () => Date;
}

export interface EvolveRequest {
  spec: unknown;
  /** The spec the project was generated from: generation 1 of a project that has no repository yet. */
  currentSpec: MvpSpec;
  gate: EvolveGate;
  /** false: render and plan only (nothing in the founder's tree changes). */
  approved: boolean;
  /** `upgrade`: the same spec re-rendered on a newer template version (default `evolve`). */
  kind?: 'evolve' | 'upgrade';
  /**
   * The generation `spec` was made against (read before a change in words was revised or a plan
   * was shown): when another evolve, rollback or upgrade landed since, this one is refused with
   * CONFLICT instead of merging a spec that never saw it. Checked under the project's lock.
   */
  basedOn?: { generation: number; pristineCommit: string | null };
}

/**
 * Evolves one generated project: the new spec's pristine render merged three ways into the founder's
 * tree, numbered migrations from the spec diff, and a gate (install, build, test, health) run in a
 * worktree with a copy of the database before anything of the project changes.
 */
export class ProjectEvolution {
  readonly projectDir: string;
  private readonly git: GitRepository;

  constructor(private readonly options: ProjectEvolutionOptions) {
    this.projectDir = options.projectDir;
    this.git = new GitRepository(options.projectDir);
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  /** Every generation, oldest first; none for a project never evolved. */
  async history(): Promise<Generation[]> {
    return (await hasRepository(this.projectDir)) ? listGenerations(this.git) : [];
  }

  /** The spec of the pristine render the next evolve merges against, or null without a repository. */
  async currentSpec(): Promise<MvpSpec | null> {
    if (!(await hasRepository(this.projectDir))) return null;
    const text = await this.git.show(PRISTINE_BRANCH, SPEC_FILE);
    return text === null ? null : MvpSpec.parse(JSON.parse(text));
  }

  async evolve(request: EvolveRequest): Promise<EvolveOutcome> {
    const next = parseInput(MvpSpec, request.spec, 'new MVP spec');
    return withProjectLock(this.projectDir, async () => {
      // Read under the lock: an evolve that landed while this one waited is its base, or refuses it.
      await this.assertBase(request.basedOn);
      const previousSpec = (await this.currentSpec()) ?? request.currentSpec;
      // A change that would lose data is refused before anything is written.
      const diff = diffMvpSpecs(previousSpec, next);
      // So is one whose generation 1 cannot be rendered again (a project created before it was recorded).
      await assertRenderable(this.projectDir, this.options.template);
      const work = await mkdtemp(join(dirname(this.projectDir), `.${basename(this.projectDir)}.evolve-`));
      try {
        if (!request.approved) {
          const { plan } = await planEvolve(this.planInput(work), { previousSpec, next, diff });
          return { status: 'planned', plan };
        }
        return await this.evolveIn(work, request, previousSpec, next, diff);
      } finally {
        await this.git.tryRun(['worktree', 'remove', '--force', join(work, 'merge')]);
        await this.git.tryRun(['worktree', 'prune']);
        await rm(work, { recursive: true, force: true });
      }
    });
  }

  /** Refuses an evolve made against a generation that is no longer the project's latest. */
  private async assertBase(basedOn: EvolveRequest['basedOn']): Promise<void> {
    if (!basedOn) return;
    const last = (await this.history()).at(-1);
    const generation = last?.generation ?? 0;
    if (generation === basedOn.generation && (last?.pristineCommit ?? null) === basedOn.pristineCommit)
      return;
    throw new ConflictError({
      message: `${this.projectDir} moved to generation ${generation} while this change was prepared against generation ${basedOn.generation}; nothing was changed. Evolve again, so the change is made on what the project is now.`,
    });
  }

  private planInput(work: string): PlanInput {
    return {
      projectDir: this.projectDir,
      work,
      render: this.options.render,
      template: this.options.template,
    };
  }

  private async evolveIn(
    work: string,
    request: EvolveRequest,
    previousSpec: MvpSpec,
    next: MvpSpec,
    diff: EvolvePlan['diff'],
  ): Promise<EvolveOutcome> {
    const { git } = this;
    if (!(await hasRepository(this.projectDir))) {
      await initializeRepository({
        projectDir: this.projectDir,
        render: { spec: this.options.render, workDir: join(work, 'initial') },
        spec: previousSpec,
        template: this.options.template,
        now: this.now(),
      });
    } else {
      // A repository made by an older factory gets today's list of tool-written files.
      await writeExcludes(join(this.projectDir, '.git'));
    }
    const { plan, pristine, previousPristine, specVersion } = await planEvolve(this.planInput(work), {
      previousSpec,
      next,
      diff,
      into: git,
    });
    const number = plan.toGeneration;
    if ((await git.uncommitted()).length > 0) {
      await git.run(['add', '--all', '.']);
      await git.run(['commit', '--quiet', '-m', `The founder's work before generation ${number}`]);
    }
    const base = (await git.revParse(MAIN_BRANCH)) as string;
    const { template } = this.options;

    const mergeDir = join(work, 'merge');
    await git.run(['worktree', 'add', '--quiet', '--detach', mergeDir, base]);
    const merging = new GitRepository(mergeDir);
    const merged = await merging.tryRun([
      'merge',
      '--no-ff',
      '-m',
      `Generation ${number}: spec version ${specVersion} merged into the founder's tree`,
      pristine.commit,
    ]);
    if (merged.code !== 0) {
      const conflicts = (await merging.run(['diff', '--name-only', '--diff-filter=U', '-z']))
        .split('\0')
        .filter(Boolean);
      if (conflicts.length === 0) {
        throw new EvolveFailedError({
          step: 'merge',
          log: `${merged.stdout}\n${merged.stderr}`.trim(),
          message: `Merging generation ${number} failed; the project is unchanged. Git said: ${merged.stderr.trim()}`,
        });
      }
      return this.keepConflicts(merging, mergeDir, number, plan, conflicts);
    }
    const result = (await merging.revParse('HEAD')) as string;
    const keptEdits = (await git.run(['diff', '--name-only', '-z', pristine.commit, result]))
      .split('\0')
      .filter(Boolean);

    await copyDatabase(this.projectDir, mergeDir);
    await prepareGateWorkspace(this.projectDir, mergeDir);
    const gate = await this.runGate(request.gate, mergeDir, work);
    const failed = gate.steps.find((s) => !s.ok);
    if (!gate.ok || failed) {
      throw new EvolveFailedError({
        step: failed?.name ?? 'gate',
        log: failed?.detail ?? '',
        message:
          `Generation ${number} did not pass its ${failed?.name ?? 'gate'} step, so nothing was replaced: the project's files, its database and the running app are as they were. ${failed?.detail ?? ''}`.trim(),
      });
    }

    if ((await git.revParse(MAIN_BRANCH)) !== base || (await git.uncommitted()).length > 0) {
      throw new ConflictError({
        message: `${this.projectDir} changed while generation ${number} was checked; nothing was replaced. Run evolve again.`,
      });
    }
    // The database as generation `plan.fromGeneration` left it, for a rollback; the app migrates its own on its next start.
    await snapshotDatabase(
      this.projectDir,
      snapshotDir(this.projectDir, `generation-${plan.fromGeneration}`),
      this.options.database,
    );
    await git.run(['merge', '--quiet', '--ff-only', result]);
    // The app started next (a blue/green redeploy) runs the build the gate verified.
    await handOverBuild(mergeDir, this.projectDir, work);
    await git.run(['update-ref', `refs/heads/${PRISTINE_BRANCH}`, pristine.commit, previousPristine]);
    const generation: Generation = {
      generation: number,
      kind: request.kind ?? 'evolve',
      specVersion,
      specSha256: specSha256(next),
      template: template.name,
      templateVersion: template.version,
      pristineCommit: pristine.commit,
      userCommit: result,
      migrations: pristine.migration ? [pristine.migration.file] : [],
      createdAt: this.now().toISOString(),
    };
    await recordGeneration(git, generation);
    return {
      status: 'evolved',
      plan,
      generation,
      keptEdits: keptEdits.filter((path) => path !== SPEC_FILE),
      gate: gate.steps,
    };
  }

  /** The gate, on a copy of the app's server schema when it has one (dropped afterwards). */
  private async runGate(gate: EvolveGate, dir: string, work: string) {
    if (!this.options.database) return gate(dir);
    const copy = await copyServerSchema(this.options.database, work);
    try {
      return await gate(dir, { schema: copy.schema });
    } finally {
      await copy.drop();
    }
  }

  /** Commits the conflicted merge, markers and all, on its own branch in a worktree beside the project. */
  private async keepConflicts(
    merging: GitRepository,
    mergeDir: string,
    number: number,
    plan: EvolvePlan,
    conflicts: string[],
  ): Promise<EvolveOutcome> {
    const branch = `factory/conflicts-${number}`;
    await merging.run(['add', '--all', '.']);
    await merging.run([
      'commit',
      '--quiet',
      '-m',
      `Generation ${number} with conflict markers in ${conflicts.join(', ')}: resolve them here`,
    ]);
    await merging.run(['switch', '--quiet', '--force-create', branch]);
    const worktree = `${this.projectDir}.conflicts-${number}`;
    await this.git.tryRun(['worktree', 'remove', '--force', worktree]);
    await rm(worktree, { recursive: true, force: true });
    await this.git.run(['worktree', 'move', mergeDir, worktree]);
    return { status: 'conflicts', plan, conflicts, branch, worktree };
  }
}
