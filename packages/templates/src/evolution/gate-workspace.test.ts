import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MvpSpec, type MvpSpecInput } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../../test/fixtures';
import { TemplateManager } from '../template-manager';
import { type EvolveGate, ProjectEvolution } from './evolve-project';

const LONG = 120_000;
const sample = MvpSpec.parse(
  JSON.parse(await readFile(join(SHIPPED_TEMPLATES, 'reactnext', 'sample-spec.json'), 'utf8')),
);
const withEntity = (spec: MvpSpecInput, name: string): MvpSpecInput => ({
  ...spec,
  entities: [
    ...spec.entities,
    { name, description: `A ${name}`, fields: [{ name: 'title', type: 'string' }] },
  ],
});

/**
 * A gate that "builds" like `next build` does (writes `.next/BUILD_ID` in the folder it checks) and
 * writes into node_modules the way an install would, so the test can see which copies it touched.
 */
const buildingGate =
  (buildId: string, ok: boolean, seen: { dirs: string[] }): EvolveGate =>
  async (dir) => {
    seen.dirs.push(dir);
    await mkdir(join(dir, '.next'), { recursive: true });
    await writeFile(join(dir, '.next', 'BUILD_ID'), buildId);
    await mkdir(join(dir, '.next', 'static', 'chunks'), { recursive: true });
    await writeFile(join(dir, '.next', 'static', 'chunks', `page-${buildId}.js`), buildId);
    await writeFile(join(dir, 'node_modules', '.gate-install-marker'), buildId);
    return { ok, steps: [{ name: 'build', ok, detail: ok ? 'next build' : 'next build exited with 1' }] };
  };

describe('the gate workspace', () => {
  let ws: Workspace;
  let projectDir: string;
  let evolution: ProjectEvolution;
  let current: MvpSpecInput = sample;

  beforeAll(async () => {
    ws = await workspace();
    const manager = new TemplateManager({ outputDir: ws.outputDir, engine: 'builtin' });
    projectDir = await manager.createFromTemplate('reactnext', config(), allocation(), { spec: sample });
    // What `factory create` left: an installed, built project.
    await mkdir(join(projectDir, 'node_modules', 'left-pad'), { recursive: true });
    await writeFile(join(projectDir, 'node_modules', 'left-pad', 'index.js'), 'module.exports = 1;\n');
    await mkdir(join(projectDir, '.next'), { recursive: true });
    await writeFile(join(projectDir, '.next', 'BUILD_ID'), 'generation-1');
    await mkdir(join(projectDir, '.next', 'static', 'chunks'), { recursive: true });
    await writeFile(join(projectDir, '.next', 'static', 'chunks', 'page-gen1.js'), 'generation-1');
    evolution = new ProjectEvolution({
      projectDir,
      render: (spec) => manager.renderFiles('reactnext', config(), allocation(), { spec }),
      template: { name: 'reactnext', version: '0.0.0' },
    });
  });
  afterAll(() => ws?.cleanup());

  it(
    "the build the gate verified becomes the project's build, so the next start runs the evolved code",
    async () => {
      const seen = { dirs: [] as string[] };
      const next = withEntity(current, 'Parcel');
      const outcome = await evolution.evolve({
        spec: next,
        currentSpec: MvpSpec.parse(current),
        gate: buildingGate('generation-2', true, seen),
        approved: true,
      });
      expect(outcome.status).toBe('evolved');
      current = next;
      expect(seen.dirs[0]).not.toBe(projectDir);
      // Before the hand-over the project kept generation 1's build: a redeploy started stale code.
      expect(await readFile(join(projectDir, '.next', 'BUILD_ID'), 'utf8')).toBe('generation-2');
      // Exactly the verified build: the deployer's release of the running generation keeps its chunks.
      const chunks = join(projectDir, '.next', 'static', 'chunks');
      expect(await readdir(chunks)).toEqual(['page-generation-2.js']);
      // The gate started from the project's packages (hard links) without writing into its copy.
      await expect(readFile(join(projectDir, 'node_modules', '.gate-install-marker'))).rejects.toThrow();
      expect(await readFile(join(projectDir, 'node_modules', 'left-pad', 'index.js'), 'utf8')).toContain(
        'module.exports',
      );
    },
    LONG,
  );

  it(
    "a failed gate leaves the project's build as it was",
    async () => {
      const seen = { dirs: [] as string[] };
      await expect(
        evolution.evolve({
          spec: withEntity(current, 'Courier'),
          currentSpec: MvpSpec.parse(current),
          gate: buildingGate('broken', false, seen),
          approved: true,
        }),
      ).rejects.toMatchObject({ code: 'EVOLVE_FAILED' });
      expect(await readFile(join(projectDir, '.next', 'BUILD_ID'), 'utf8')).toBe('generation-2');
    },
    LONG,
  );
});
