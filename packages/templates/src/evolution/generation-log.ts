import { Generation } from '@startup-factory/contracts';
import type { GitRepository } from './git-repository';

/** Each generation is an annotated tag on the founder's commit; its message is the record, as JSON. */
const TAG_PREFIX = 'refs/tags/factory/generation-';

export const PRISTINE_BRANCH = 'factory/pristine';
export const MAIN_BRANCH = 'main';

/** Every generation recorded in the repository, oldest first. */
export async function listGenerations(git: GitRepository): Promise<Generation[]> {
  const out = await git.run(['for-each-ref', '--format=%(contents)%00', `${TAG_PREFIX}*`]);
  return out
    .split('\0')
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => Generation.parse(JSON.parse(text)))
    .sort((a, b) => a.generation - b.generation);
}

export async function recordGeneration(git: GitRepository, generation: Generation): Promise<void> {
  await git.run([
    'tag',
    '--annotate',
    `factory/generation-${generation.generation}`,
    generation.userCommit,
    '--message',
    JSON.stringify(generation),
  ]);
}
