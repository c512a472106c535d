import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The build caches a gate starts from: Next's `.next/cache` (Turbopack's persistent cache and the
 * type checker's `.tsbuildinfo`). Nuxt keeps its cache under node_modules/.cache, which the gate
 * gets with node_modules.
 */
const BUILD_CACHES = [join('.next', 'cache')] as const;

/**
 * Copies the project's build caches into the gate's worktree, so the gate's build compiles only
 * what the change touched. A copy, never hard links: the build rewrites its cache, and the
 * project's own must stay as it is whether the gate passes or not. Only the cache is carried; the
 * gate still builds every output itself.
 */
export async function carryBuildCache(projectDir: string, gateDir: string): Promise<string[]> {
  const carried: string[] = [];
  for (const cache of BUILD_CACHES) {
    const from = join(projectDir, cache);
    const isDir = await stat(from).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) continue;
    await cp(from, join(gateDir, cache), { recursive: true, verbatimSymlinks: true });
    carried.push(cache);
  }
  return carried;
}
