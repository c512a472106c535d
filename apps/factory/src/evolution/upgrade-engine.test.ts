import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MvpSpec } from '@startup-factory/contracts';
import { passingReport, validatorAnswering } from '@startup-factory/contracts/testing';
import { defaultTemplatesDir } from '@startup-factory/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import { Factory } from '../factory';
import { projectUpgraderFor } from './project-upgrader';
import { upgradeStartups } from './upgrade';

const TEMPLATE = '{{cookiecutter.project_slug}}';

describe('factory upgrade with the real evolve engine (fake validator gate)', () => {
  const root = join(tmpdir(), `sf-upgrade-engine-${process.pid}`);
  const dataDir = join(root, 'data');
  const userTemplates = join(root, 'templates');
  const installed = join(userTemplates, 'reactnext');
  let factory: Factory;
  let gated: Factory;
  const checked: string[] = [];
  /** Evolved once on 1.0.0, so its repository holds the 1.0.0 render. */
  let evolved: { id: string; slug: string; projectDir: string };
  /** Never evolved before the upgrade. */
  let fresh: { id: string; slug: string; projectDir: string };

  /** Installs a reactnext of `version` in the user's templates folder, which wins over the shipped one. */
  function installReactnext(version: string, change?: (dir: string) => void) {
    rmSync(installed, { recursive: true, force: true });
    cpSync(join(defaultTemplatesDir(), 'reactnext'), installed, { recursive: true });
    const file = join(installed, 'cookiecutter.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...raw, _factory: { ...raw._factory, version } }, null, 2));
    change?.(join(installed, TEMPLATE));
  }
  const make = async (name: string) => {
    const made = await factory.waitFor(
      (await factory.create({ name, industry: 'Logistics', category: 'B2B SaaS' })).id,
    );
    return { id: made.id, slug: made.slug, projectDir: made.projectDir as string };
  };
  const founderEdit = (projectDir: string) =>
    appendFileSync(join(projectDir, 'README.md'), '\n## Founder notes\nShip on Fridays.\n');
  const upgradedAsRendered = (projectDir: string) => {
    expect(readFileSync(join(projectDir, 'README.md'), 'utf8')).toContain('Ship on Fridays.');
    expect(readFileSync(join(projectDir, 'Dockerfile'), 'utf8')).toContain('# upgraded in 1.1.0');
    expect(existsSync(join(projectDir, 'UPGRADE-NOTES.md'))).toBe(true);
  };

  beforeAll(async () => {
    mkdirSync(userTemplates, { recursive: true });
    installReactnext('1.0.0');
    factory = await createFactory(
      {
        dataDir,
        templatesDir: userTemplates,
        validateProjects: false,
        portRange: { start: 23_700, end: 23_799 },
      },
      { env: {} },
    );
    gated = new Factory({ ...factory.parts, validator: validatorAnswering(passingReport, checked) });
    evolved = await make('Crate Yard');
    fresh = await make('Pallet Post');
    const spec = (await factory.parts.pipeline.outputOf<MvpSpec>(evolved.id, 'mvp_spec')) as MvpSpec;
    const withCrate: MvpSpec = {
      ...spec,
      entities: [
        ...spec.entities,
        {
          name: 'Crate',
          description: 'A crate',
          fields: [{ name: 'label', type: 'string', required: true, description: '' }],
        },
      ],
    };
    const outcome = await gated.evolution.evolve(evolved.slug, { spec: withCrate, approved: true });
    expect(outcome.status).toBe('evolved');
    founderEdit(evolved.projectDir);
    founderEdit(fresh.projectDir);
    installReactnext('1.1.0', (dir) => {
      appendFileSync(join(dir, 'Dockerfile'), '# upgraded in 1.1.0\n');
      writeFileSync(join(dir, 'UPGRADE-NOTES.md'), 'Rendered by reactnext 1.1.0.\n');
    });
  }, 600_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('re-renders an evolved project on 1.1.0: the founder edit kept, the new and changed template files in, history says upgrade 1.1.0', async () => {
    const specBefore = await factory.parts.pipeline.outputOf(evolved.id, 'mvp_spec');
    checked.length = 0;
    const entries = await upgradeStartups(gated, projectUpgraderFor(gated), { startups: [evolved.slug] });
    expect(entries).toEqual([
      expect.objectContaining({ startup: evolved.slug, from: '1.0.0', to: '1.1.0', status: 'upgraded' }),
    ]);
    // The gate checked a copy, never the project itself.
    expect(checked).toHaveLength(1);
    expect(checked[0]).not.toBe(evolved.projectDir);
    upgradedAsRendered(evolved.projectDir);
    expect(entries[0]?.keptEdits).toContain('README.md');
    expect(readFileSync(join(evolved.projectDir, 'lib', 'entities.ts'), 'utf8')).toContain('"Crate"');

    const history = await gated.evolution.history(evolved.slug);
    expect(history.map((g) => [g.generation, g.kind, g.templateVersion])).toEqual([
      [1, 'initial', '1.0.0'],
      [2, 'evolve', '1.0.0'],
      [3, 'upgrade', '1.1.0'],
    ]);
    // An upgrade changes the template, not the spec: same spec version, same stored spec.
    expect(history[2]?.specVersion).toBe(history[1]?.specVersion);
    expect(await factory.parts.pipeline.outputOf(evolved.id, 'mvp_spec')).toEqual(specBefore);

    // Upgraded once, it is current: a second upgrade changes nothing.
    const again = await upgradeStartups(gated, projectUpgraderFor(gated), { startups: [evolved.slug] });
    expect(again).toEqual([expect.objectContaining({ status: 'current' })]);
  }, 300_000);

  // Generation 1 is recorded at creation, so the upgrade merges against the 1.0.0 render it was created from.
  it('re-renders a never-evolved project on 1.1.0 with the template changes in', async () => {
    const entries = await upgradeStartups(gated, projectUpgraderFor(gated), { startups: [fresh.slug] });
    expect(entries).toEqual([expect.objectContaining({ status: 'upgraded' })]);
    upgradedAsRendered(fresh.projectDir);
    // Only the founder's edit is listed as kept, not the template's 1.0.0 -> 1.1.0 changes.
    expect(entries[0]?.keptEdits).toEqual(['README.md']);
    const history = await gated.evolution.history(fresh.slug);
    expect(history.map((g) => [g.generation, g.kind, g.templateVersion])).toEqual([
      [1, 'initial', '1.0.0'],
      [2, 'upgrade', '1.1.0'],
    ]);
  }, 300_000);
});
