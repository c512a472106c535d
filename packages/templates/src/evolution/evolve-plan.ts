import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvolvePlan, MvpSpec, PlannedFileChange } from '@startup-factory/contracts';
import { sqlEvolution } from '../generators/sql-evolution';
import { listGenerations, PRISTINE_BRANCH } from './generation-log';
import { GitRepository } from './git-repository';
import { hasRepository, type TemplateVersion } from './initialize-repository';
import { commitPristineRender, type PristineRender, type RenderSpec, specSha256 } from './pristine-render';

export interface PlanInput {
  projectDir: string;
  /** The evolve's private temp folder (beside the project, removed after). */
  work: string;
  render: RenderSpec;
  template: TemplateVersion;
}

export interface PlannedEvolve {
  plan: EvolvePlan;
  pristine: PristineRender;
  previousPristine: string;
  specVersion: number;
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
 * Renders `next` as the next pristine commit and plans the change. Without `into`, in a scratch
 * repository under `work` that reads the project's objects but writes only its own, so a plan
 * changes nothing in the project folder (a project never evolved gets no repository).
 */
export async function planEvolve(
  { projectDir, work, render, template }: PlanInput,
  {
    previousSpec,
    next,
    diff,
    into,
  }: { previousSpec: MvpSpec; next: MvpSpec; diff: EvolvePlan['diff']; into?: GitRepository },
): Promise<PlannedEvolve> {
  const project = new GitRepository(projectDir);
  let git = into;
  if (!git) {
    git = new GitRepository(join(work, 'scratch'));
    await mkdir(git.dir, { recursive: true });
    await git.run(['init', '--quiet']);
    if (await hasRepository(projectDir)) {
      const objects = join(
        (await project.run(['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim(),
        'objects',
      );
      await writeFile(join(git.dir, '.git', 'objects', 'info', 'alternates'), `${objects}\n`);
    }
  }
  const repository = (await hasRepository(projectDir)) ? project : null;
  const history = repository ? await listGenerations(repository) : [];
  const previousPristine = repository
    ? ((await repository.revParse(PRISTINE_BRANCH)) as string)
    : (
        await commitPristineRender(git, {
          dir: join(work, 'initial'),
          indexFile: join(work, 'initial.index'),
          render: render,
          spec: previousSpec,
          previous: null,
          migrationSql: null,
          generation: 1,
          message: `Generation 1: pristine render of ${template.name} (${template.version})`,
        })
      ).commit;
  // A project never evolved is at generation 1 (spec version 1), as its first evolve records it.
  const last = history.at(-1)?.generation ?? 1;
  const number = last + 1;
  // The same spec keeps its version (an upgrade changes the template, not the spec).
  const lastVersion = history.at(-1)?.specVersion ?? 1;
  const sameSpec = specSha256(next) === (history.at(-1)?.specSha256 ?? specSha256(previousSpec));
  const specVersion = sameSpec ? lastVersion : Math.max(1, ...history.map((g) => g.specVersion)) + 1;
  const pristine = await commitPristineRender(git, {
    dir: join(work, 'pristine'),
    indexFile: join(work, 'pristine.index'),
    render: render,
    spec: next,
    previous: previousPristine,
    migrationSql: sqlEvolution(next, previousSpec, diff, number),
    generation: number,
    message: `Generation ${number}: pristine render of spec version ${specVersion} on ${template.name} (${template.version})`,
  });
  const plan: EvolvePlan = {
    fromGeneration: last,
    toGeneration: number,
    diff,
    migration: pristine.migration,
    files: fileChanges(await git.run(['diff', '--name-status', '-z', previousPristine, pristine.commit])),
  };
  return { plan, pristine, previousPristine, specVersion };
}
