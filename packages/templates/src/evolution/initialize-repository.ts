import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConflictError,
  GENERATION_RECORD_PATH,
  type Generation,
  GenerationRecord,
  type MvpSpec,
} from '@startup-factory/contracts';
import { MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import { commitPristineRender, type RenderSpec, SPEC_FILE, specSha256, specText } from './pristine-render';

/**
 * Never committed, whatever the project's own .gitignore says: what installs, builds, the app and
 * the factory's deployer write into the project (so the founder's line holds only what the
 * founder and the factory's renders wrote, and "edits kept" names only the founder's changes).
 */
const EXCLUDED = [
  'node_modules/',
  '.data/',
  '.next/',
  '.nuxt/',
  '.output/',
  'dist/',
  '.env',
  '.dart_tool/',
  'build/',
  // Installers' lockfiles (the gate and the deployer install again) and build leftovers.
  '/pnpm-lock.yaml',
  '/package-lock.json',
  '/npm-shrinkwrap.json',
  '/yarn.lock',
  '/next-env.d.ts',
  '*.tsbuildinfo',
  '/pubspec.lock',
  // The deployer's runtime state and the manifests it rewrites on every deploy.
  '/.deploy/',
  '/deploy/deployment.json',
  '/deploy/service.json',
];

/** Writes the factory's exclude list into a repository (its worktrees share it). */
export async function writeExcludes(gitDir: string): Promise<void> {
  await mkdir(join(gitDir, 'info'), { recursive: true });
  await writeFile(join(gitDir, 'info', 'exclude'), `${EXCLUDED.join('\n')}\n`);
}

export interface TemplateVersion {
  name: string;
  /** The template's declared version, or 0.0.0 when it declares none. */
  version: string;
}

export const hasRepository = (projectDir: string) =>
  stat(join(projectDir, '.git')).then(
    () => true,
    () => false,
  );

/**
 * Refuses, before anything is written, to evolve or upgrade a project without a repository whose
 * `.factory/generation.json` names another template version than `template` (or none): its
 * generation 1 was never recorded (it was created by a factory before generations were recorded
 * at creation), and a render of today's template is not what it was created from, so the
 * template's changes would be taken for the founder's reverts and silently dropped.
 */
export async function assertRenderable(projectDir: string, template: TemplateVersion): Promise<void> {
  if (await hasRepository(projectDir)) return;
  const text = await readFile(join(projectDir, GENERATION_RECORD_PATH), 'utf8').catch(() => null);
  const parsed = text === null ? null : GenerationRecord.safeParse(safeJson(text));
  const record = parsed?.success ? parsed.data : null;
  if (record && record.template === template.name && record.templateVersion === template.version) return;
  const created = record
    ? `${record.template} ${record.templateVersion}`
    : 'a template version it does not record';
  throw new ConflictError({
    message:
      `${projectDir} has no recorded generation 1 (it was created before the factory recorded one at creation) and was rendered on ${created}, not the installed ${template.name} ${template.version}. ` +
      `Its original render cannot be reproduced, so the template's changes could not be told from your edits; nothing was changed. ` +
      `To go on: put ${record ? `${record.template} ${record.templateVersion}` : 'the template version it was created on'} back in your templates folder and evolve it once (that records generation 1 from it), then install ${template.version} again and upgrade; or merge the template's changes by hand.`,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Gives a project without a repository one, from its current files: generation 1's pristine commit
 * is the render of `spec` (what the factory generated), and the founder's commit on `main` (child
 * of it) holds the files as they are, so their edits are the diff between the two. createFromTemplate
 * calls it without `render` right after writing the project, whose files then are the pristine
 * render on the template version it was created on (committed in place, one pass over the files);
 * an evolve calls it with `render` only for a project created before that, when the installed
 * template is the version the project records (see assertRenderable).
 */
export async function initializeRepository(options: {
  projectDir: string;
  /** Renders generation 1 again; unset: the project's files are that render, just written. */
  render?: { spec: RenderSpec; workDir: string };
  spec: MvpSpec;
  template: TemplateVersion;
  now: Date;
  /** The founder's commit's message (what the files on main are). */
  message?: string;
}): Promise<Generation> {
  const { projectDir, spec, template } = options;
  const git = new GitRepository(projectDir);
  await git.run(['init', '--quiet', '--initial-branch', MAIN_BRANCH]);
  await writeExcludes(join(projectDir, '.git'));
  const message = `Generation 1: pristine render of ${template.name} (${template.version})`;
  const pristine = options.render
    ? await commitPristineRender(git, {
        dir: join(options.render.workDir, 'pristine'),
        indexFile: join(options.render.workDir, 'pristine.index'),
        render: options.render.spec,
        spec,
        previous: null,
        migrationSql: null,
        generation: 1,
        message,
      })
    : { commit: await git.commitFolder(projectDir, [], message, join(projectDir, '.git', 'index')) };
  await git.run(['update-ref', `refs/heads/${PRISTINE_BRANCH}`, pristine.commit]);
  await git.run(['update-ref', `refs/heads/${MAIN_BRANCH}`, pristine.commit]);
  if (options.render) {
    await git.run(['read-tree', pristine.commit]);
    await mkdir(join(projectDir, '.factory'), { recursive: true });
    await writeFile(join(projectDir, SPEC_FILE), specText(spec));
    await git.run(['add', '--all', '.']);
  }
  await git.run([
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    options.message ?? "The founder's files as the first evolve found them",
  ]);
  const userCommit = (await git.revParse('HEAD')) as string;
  const generation: Generation = {
    generation: 1,
    kind: 'initial',
    specVersion: 1,
    specSha256: specSha256(spec),
    template: template.name,
    templateVersion: template.version,
    pristineCommit: pristine.commit,
    userCommit,
    migrations: [],
    createdAt: options.now.toISOString(),
  };
  await recordGeneration(git, generation);
  return generation;
}
