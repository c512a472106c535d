import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATION_RECORD_PATH, GenerationRecord } from '@startup-factory/contracts';
import { defaultTemplatesDir } from '@startup-factory/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import type { Factory } from '../factory';
import {
  formatUpgradeReport,
  type ProjectUpgrader,
  type UpgradeOutcome,
  type UpgradeRequest,
  upgradeStartups,
} from './upgrade';

/** Stands in for the evolve engine (helper f's), recording what it was asked. */
function recordingUpgrader(answer: (r: UpgradeRequest) => UpgradeOutcome | Promise<UpgradeOutcome>) {
  const requests: UpgradeRequest[] = [];
  const upgrader: ProjectUpgrader = {
    upgrade: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
  return { upgrader, requests };
}

describe('factory upgrade: template version detection and the per-startup report', () => {
  const root = join(tmpdir(), `sf-upgrade-${process.pid}`);
  const dataDir = join(root, 'data');
  const userTemplates = join(root, 'templates');
  let factory: Factory;
  let projectDir: string;
  const recordOf = () =>
    GenerationRecord.parse(JSON.parse(readFileSync(join(projectDir, GENERATION_RECORD_PATH), 'utf8')));

  /** Installs a reactnext of `version` in the user's templates folder, which wins over the shipped one. */
  function installReactnext(version: string) {
    rmSync(join(userTemplates, 'reactnext'), { recursive: true, force: true });
    cpSync(join(defaultTemplatesDir(), 'reactnext'), join(userTemplates, 'reactnext'), { recursive: true });
    const file = join(userTemplates, 'reactnext', 'cookiecutter.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...raw, _factory: { ...raw._factory, version } }, null, 2));
  }

  beforeAll(async () => {
    mkdirSync(userTemplates, { recursive: true });
    factory = await createFactory(
      {
        dataDir,
        templatesDir: userTemplates,
        validateProjects: false,
        portRange: { start: 23_600, end: 23_699 },
      },
      { env: {} },
    );
    const made = await factory.waitFor(
      (await factory.create({ name: 'Dockhand', industry: 'Logistics', category: 'B2B SaaS' })).id,
    );
    projectDir = made.projectDir as string;
    const cancelled = await factory.create({ name: 'Gone Co', industry: 'Retail', category: 'B2C' });
    await factory.cancel(cancelled.id);
    await factory.waitFor(cancelled.id);
  }, 600_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('records the shipped template version the project was rendered with', async () => {
    const shipped = (await factory.templates()).find((t) => t.name === 'reactnext');
    expect(recordOf()).toEqual({ template: 'reactnext', templateVersion: shipped?.version, specVersion: 1 });
  });

  it('reports a project on the installed version as current and calls no engine', async () => {
    const { upgrader, requests } = recordingUpgrader(() => ({ status: 'upgraded' }));
    const entries = await upgradeStartups(factory, upgrader, { startups: ['dockhand'] });
    expect(entries).toEqual([
      {
        startup: 'dockhand',
        template: 'reactnext',
        from: recordOf().templateVersion,
        to: recordOf().templateVersion,
        status: 'current',
      },
    ]);
    expect(requests).toEqual([]);
  });

  it('with a newer template installed, --dry-run lists the startup as would upgrade and changes nothing', async () => {
    installReactnext('9.1.0');
    const before = readFileSync(join(projectDir, GENERATION_RECORD_PATH), 'utf8');
    const { upgrader, requests } = recordingUpgrader(() => ({ status: 'upgraded' }));
    const entries = await upgradeStartups(factory, upgrader, { all: true, dryRun: true });
    expect(entries).toEqual([
      {
        startup: 'dockhand',
        template: 'reactnext',
        from: recordOf().templateVersion,
        to: '9.1.0',
        status: 'would_upgrade',
      },
    ]);
    expect(requests).toEqual([]);
    expect(readFileSync(join(projectDir, GENERATION_RECORD_PATH), 'utf8')).toBe(before);
  });

  it('hands the engine the project, its current spec and the new version, and reports upgraded', async () => {
    installReactnext('9.1.0');
    const { upgrader, requests } = recordingUpgrader(() => ({
      status: 'upgraded',
      keptEdits: ['app/page.tsx'],
    }));
    const [entry] = await upgradeStartups(factory, upgrader, { all: true });
    expect(entry).toMatchObject({
      startup: 'dockhand',
      from: recordOf().templateVersion,
      to: '9.1.0',
      status: 'upgraded',
    });
    expect(entry?.keptEdits).toEqual(['app/page.tsx']);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.projectDir).toBe(projectDir);
    expect(requests[0]?.template).toEqual({ name: 'reactnext', version: '9.1.0' });
    expect(requests[0]?.spec).toEqual(
      await factory.parts.pipeline.outputOf(requests[0]?.startup.id ?? '', 'mvp_spec'),
    );
  });

  it('reports conflicts with their files, and an engine failure as refused with its reason', async () => {
    installReactnext('9.1.0');
    const conflicted = recordingUpgrader(() => ({ status: 'conflicts', conflicts: ['app/page.tsx'] }));
    const [withConflicts] = await upgradeStartups(factory, conflicted.upgrader, { startups: ['dockhand'] });
    expect(withConflicts).toMatchObject({ status: 'conflicts', conflicts: ['app/page.tsx'] });
    expect(formatUpgradeReport([withConflicts!])).toContain('conflict: app/page.tsx');
    const failing = recordingUpgrader(() => {
      throw new Error('the build gate failed at build');
    });
    const [refused] = await upgradeStartups(factory, failing.upgrader, { startups: ['dockhand'] });
    expect(refused).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('build gate failed'),
    });
  });

  it('refuses, saying why, without an engine, for a cancelled startup and for a template older than the render', async () => {
    installReactnext('9.1.0');
    const [noEngine] = await upgradeStartups(factory, null, { startups: ['dockhand'] });
    expect(noEngine).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('no evolve engine'),
    });
    const [cancelled] = await upgradeStartups(factory, null, { startups: ['gone-co'] });
    expect(cancelled).toMatchObject({ status: 'refused', reason: expect.stringContaining('cancelled') });
    writeFileSync(
      join(projectDir, GENERATION_RECORD_PATH),
      JSON.stringify({ template: 'reactnext', templateVersion: '10.0.0', specVersion: 1 }),
    );
    const [newer] = await upgradeStartups(factory, null, { startups: ['dockhand'] });
    expect(newer).toMatchObject({ status: 'refused', from: '10.0.0', to: '9.1.0' });
    expect(newer?.reason).toContain('update the factory');
  });

  it('upgrades a project with no record (rendered before versions) and refuses a damaged record', async () => {
    installReactnext('9.1.0');
    rmSync(join(projectDir, GENERATION_RECORD_PATH));
    const [unrecorded] = await upgradeStartups(factory, null, { startups: ['dockhand'], dryRun: true });
    expect(unrecorded).toMatchObject({ from: null, to: '9.1.0', status: 'would_upgrade' });
    expect(formatUpgradeReport([unrecorded!])).toContain('unrecorded -> 9.1.0');
    writeFileSync(join(projectDir, GENERATION_RECORD_PATH), '{"template": ');
    const [damaged] = await upgradeStartups(factory, null, { startups: ['dockhand'], dryRun: true });
    expect(damaged).toMatchObject({ status: 'refused', reason: expect.stringContaining('not valid JSON') });
  });

  it('refuses to guess which startups: neither names nor --all, or both, is INVALID_CONFIG', async () => {
    await expect(upgradeStartups(factory, null, {})).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    await expect(upgradeStartups(factory, null, { all: true, startups: ['dockhand'] })).rejects.toMatchObject(
      {
        code: 'INVALID_CONFIG',
      },
    );
    await expect(upgradeStartups(factory, null, { startups: ['nobody'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
