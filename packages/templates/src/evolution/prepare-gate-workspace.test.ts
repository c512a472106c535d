import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareGateWorkspace } from './gate-workspace';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sf-gate-cache-${name}-`));
  dirs.push(dir);
  return dir;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('prepareGateWorkspace', () => {
  it("starts the gate's build from a copy of the project's .next/cache, and nothing else of its build", async () => {
    const project = await folder('project');
    const gate = await folder('gate');
    await mkdir(join(project, '.next', 'cache', 'turbopack', 'v1'), { recursive: true });
    await writeFile(join(project, '.next', 'cache', 'turbopack', 'v1', 'entry.sst'), 'generation 1');
    await writeFile(join(project, '.next', 'cache', '.tsbuildinfo'), '{"version":"6"}');
    await writeFile(join(project, '.next', 'BUILD_ID'), 'generation-1');

    await prepareGateWorkspace(project, gate);

    const carried = join(gate, '.next', 'cache', 'turbopack', 'v1', 'entry.sst');
    expect(await readFile(carried, 'utf8')).toBe('generation 1');
    expect(await readFile(join(gate, '.next', 'cache', '.tsbuildinfo'), 'utf8')).toBe('{"version":"6"}');
    // The gate builds every output itself: a stale BUILD_ID would pass for a build that never ran.
    expect(await exists(join(gate, '.next', 'BUILD_ID'))).toBe(false);
    // A copy, not hard links: the gate's build rewriting its cache leaves the project's as it was.
    expect((await stat(carried)).ino).not.toBe(
      (await stat(join(project, '.next', 'cache', 'turbopack', 'v1', 'entry.sst'))).ino,
    );
    await writeFile(carried, 'generation 2');
    expect(await readFile(join(project, '.next', 'cache', 'turbopack', 'v1', 'entry.sst'), 'utf8')).toBe(
      'generation 1',
    );
  });

  it("starts the gate's install from the project's lockfile, which git does not carry", async () => {
    const project = await folder('project');
    const gate = await folder('gate');
    await mkdir(join(project, 'node_modules', 'left-pad'), { recursive: true });
    await writeFile(join(project, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    await prepareGateWorkspace(project, gate);
    expect(await readFile(join(gate, 'pnpm-lock.yaml'), 'utf8')).toBe("lockfileVersion: '9.0'\n");
    await writeFile(join(gate, 'pnpm-lock.yaml'), 'changed by the gate');
    expect(await readFile(join(project, 'pnpm-lock.yaml'), 'utf8')).toBe("lockfileVersion: '9.0'\n");
  });

  it('carries nothing for a project never built', async () => {
    const project = await folder('project');
    const gate = await folder('gate');
    await prepareGateWorkspace(project, gate);
    expect(await exists(join(gate, '.next'))).toBe(false);
    expect(await exists(join(gate, 'pnpm-lock.yaml'))).toBe(false);
  });
});
