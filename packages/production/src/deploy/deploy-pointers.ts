import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isAlive, readDeployState } from './deploy-state';

/** Where a deployed startup's project lives, by id and by slug. */
export interface DeployPointer {
  id: string;
  slug: string;
  projectDir: string;
}

const pointerDir = (dataDir: string) => join(dataDir, 'deploys');

/**
 * Records where a deployed project lives (`<dataDir>/deploys/<id|slug>.json`), so another process
 * reaches it by id or slug without opening the store the hosting process holds (PGlite has one writer).
 */
export function writeDeployPointer(dataDir: string, pointer: DeployPointer): void {
  const dir = pointerDir(dataDir);
  mkdirSync(dir, { recursive: true });
  for (const name of [pointer.id, pointer.slug]) {
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(pointer)}\n`);
  }
}

/** The pointer for an id or slug, or null when that startup was never deployed from this data folder. */
export function readDeployPointer(dataDir: string, ref: string): DeployPointer | null {
  const file = join(pointerDir(dataDir), `${basename(ref)}.json`);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DeployPointer;
  } catch {
    // Being rewritten right now: the caller falls back to the store.
    return null;
  }
}

/** Every startup deployed from this data folder, once each. */
export function listDeployPointers(dataDir: string): DeployPointer[] {
  const dir = pointerDir(dataDir);
  if (!existsSync(dir)) return [];
  const byId = new Map<string, DeployPointer>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const pointer = readDeployPointer(dataDir, name.slice(0, -'.json'.length));
    if (pointer) byId.set(pointer.id, pointer);
  }
  return [...byId.values()];
}

/** The process groups of the apps running now, by startup slug (for the process metrics). */
export function deployedApps(dataDir: string): Array<{ startup: string; pgid: number }> {
  return listDeployPointers(dataDir).flatMap((p) => {
    const state = readDeployState(p.projectDir);
    return state?.status === 'running' && state.activePid && isAlive(state.supervisorPid)
      ? [{ startup: p.slug, pgid: state.activePid }]
      : [];
  });
}
