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
  type PlannedFileChange,
  parseInput,
} from '@startup-factory/contracts';
import { sqlEvolution } from '../generators/sql-evolution';
import { handOverBuild, prepareGateWorkspace } from './gate-workspace';
import { listGenerations, MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import { hasRepository, initializeRepository, type TemplateVersion } from './initialize-repository';
import { commitPristineRender, type RenderSpec, SPEC_FILE, specSha256 } from './pristine-render';
import { copyDatabase } from './project-database';
import { withProjectLock } from './project-lock';

export interface EvolveGateStep {
  name: string;
  ok: boolean;
  /** What ran; on a failure, why, with the tail of its output. */
  detail: string;
}

/** Checks an evolved project in its own folder (a worktree holding a copy of the app's database). */
export type EvolveGate = (dir: string) => Promise<{ ok: boolean; steps: EvolveGateStep[] }>;

export interface ProjectEvolutionOptions {
  projectDir: string;
  render: RenderSpec;
  template: TemplateVersion;
  clock?: () => Date;
}

export interface EvolveRequest {
  spec: unknown;
  /** The spec the project was generated from: generation 1 of a project that has no repository yet. */
  currentSpec: MvpSpec;
  gate: EvolveGate;
  /** false: render and plan only (nothing in the founder's tree changes). */
  approved: boolean;
}

function fileChanges(nameStatus: string): PlannedFileChange[] {
  const parts = nameStatus.split('\0').filter(Boolean);
  const out: PlannedFileChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i] as string;
    const path = parts[i + 1] as string;
    if (status === 'A') out.push({ path, change: 'added' });
    else if (status === 'D')
      out.push({ path, change: 'deleted', reason: 'the new spec no longer renders it' });
    else out.push({ path, change: 'modified' });
  }
  return out;
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
    const previousSpec = (await this.currentSpec()) ?? request.currentSpec;
    // A change that would lose data is refused before anything is written.
    const diff = diffMvpSpecs(previousSpec, next);
    return withProjectLock(this.projectDir, async () => {
      const work = await mkdtemp(join(dirname(this.projectDir), `.${basename(this.projectDir)}.evolve-`));
      try {
        return await this.evolveIn(work, request, previousSpec, next, diff);
      } finally {
        await this.git.tryRun(['worktree', 'remove', '--force', join(work, 'merge')]);
        await this.git.tryRun(['worktree', 'prune']);
        await rm(work, { recursive: true, force: true });
      }
    });
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
        workDir: join(work, 'initial'),
        render: this.options.render,
        spec: previousSpec,
        template: this.options.template,
        now: this.now(),
      });
    }
    const history = await listGenerations(git);
    const last = history.at(-1) as Generation;
    const number = last.generation + 1;
    const specVersion = Math.max(...history.map((g) => g.specVersion)) + 1;
    if ((await git.uncommitted()).length > 0) {
      await git.run(['add', '--all', '.']);
      await git.run(['commit', '--quiet', '-m', `The founder's work before generation ${number}`]);
    }
    const base = (await git.revParse(MAIN_BRANCH)) as string;
    const previousPristine = (await git.revParse(PRISTINE_BRANCH)) as string;
    const { template } = this.options;
    const pristine = await commitPristineRender(git, {
      dir: join(work, 'pristine'),
      indexFile: join(work, 'pristine.index'),
      render: this.options.render,
      spec: next,
      previous: previousPristine,
      migrationSql: sqlEvolution(next, previousSpec, diff, number),
      generation: number,
      message: `Generation ${number}: pristine render of spec version ${specVersion} on ${template.name} (${template.version})`,
    });
    const plan: EvolvePlan = {
      fromGeneration: last.generation,
      toGeneration: number,
      diff,
      migration: pristine.migration,
      files: fileChanges(await git.run(['diff', '--name-status', '-z', previousPristine, pristine.commit])),
    };
    if (!request.approved) return { status: 'planned', plan };

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
    const gate = await request.gate(mergeDir);
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
    // The database as generation `last` left it, for a rollback; the app migrates its own on its next start.
    await copyDatabase(
      this.projectDir,
      join(this.projectDir, '.git', 'factory', 'snapshots', `generation-${last.generation}`),
    );
    await git.run(['merge', '--quiet', '--ff-only', result]);
    // The app started next (a blue/green redeploy) runs the build the gate verified.
    await handOverBuild(mergeDir, this.projectDir, work);
    await git.run(['update-ref', `refs/heads/${PRISTINE_BRANCH}`, pristine.commit, previousPristine]);
    const generation: Generation = {
      generation: number,
      kind: 'evolve',
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
