import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Generation, MvpSpec } from '@startup-factory/contracts';
import { MAIN_BRANCH, PRISTINE_BRANCH, recordGeneration } from './generation-log';
import { GitRepository } from './git-repository';
import { commitPristineRender, type RenderSpec, SPEC_FILE, specSha256, specText } from './pristine-render';

/** Never committed, whatever the project's own .gitignore says: installs, builds and the app's database. */
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
];

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
 * Gives a project without a repository one, from its current files: generation 1's pristine commit
 * is a fresh render of `spec` (what the factory generated), and the founder's commit on `main`
 * (child of it) holds the files as they are, so their edits are the diff between the two.
 */
export async function initializeRepository(options: {
  projectDir: string;
  workDir: string;
  render: RenderSpec;
  spec: MvpSpec;
  template: TemplateVersion;
  now: Date;
}): Promise<Generation> {
  const { projectDir, spec, template } = options;
  const git = new GitRepository(projectDir);
  await git.run(['init', '--quiet', '--initial-branch', MAIN_BRANCH]);
  await mkdir(join(projectDir, '.git', 'info'), { recursive: true });
  await writeFile(join(projectDir, '.git', 'info', 'exclude'), `${EXCLUDED.join('\n')}\n`);
  const pristine = await commitPristineRender(git, {
    dir: join(options.workDir, 'pristine'),
    indexFile: join(options.workDir, 'pristine.index'),
    render: options.render,
    spec,
    previous: null,
    migrationSql: null,
    generation: 1,
    message: `Generation 1: pristine render of ${template.name} (${template.version})`,
  });
  await git.run(['update-ref', `refs/heads/${PRISTINE_BRANCH}`, pristine.commit]);
  await git.run(['update-ref', `refs/heads/${MAIN_BRANCH}`, pristine.commit]);
  await git.run(['read-tree', pristine.commit]);
  await mkdir(join(projectDir, '.factory'), { recursive: true });
  await writeFile(join(projectDir, SPEC_FILE), specText(spec));
  await git.run(['add', '--all', '.']);
  await git.run([
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    "The founder's files as the first evolve found them",
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
