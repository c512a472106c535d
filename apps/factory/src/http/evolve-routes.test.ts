import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { MvpSpec, ProjectValidationReport } from '@startup-factory/contracts';
import { passingReport, validatorAnswering } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import { Factory } from '../factory';
import { buildHttpServer } from './http-server';

/** Every file of the project but .git, with its content's hash. */
function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const failingBuild: ProjectValidationReport = {
  ok: false,
  skipped: false,
  steps: [
    { name: 'install', ok: true, durationMs: 1, detail: 'npm install' },
    {
      name: 'build',
      ok: false,
      durationMs: 1,
      detail: "app/page.tsx(3,1): error TS2304: Cannot find name 'Broken'.",
    },
  ],
};

describe('evolve over HTTP', () => {
  const dataDir = join(tmpdir(), `sf-evolve-http-${process.pid}`);
  let factory: Factory;
  let id: string;
  let projectDir: string;
  let spec: MvpSpec;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 27_000, end: 27_099 } },
      { env: {} },
    );
    const created = await factory.create({
      name: 'Tutor Hub',
      industry: 'Education',
      category: 'Marketplace',
    });
    const done = await factory.waitFor(created.id);
    id = done.id;
    projectDir = done.projectDir as string;
    spec = (await factory.parts.pipeline.outputOf<MvpSpec>(id, 'mvp_spec')) as MvpSpec;
  }, 300_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const first = () => spec.entities[0] as MvpSpec['entities'][number];
  const withMemo = (): MvpSpec => ({
    ...spec,
    entities: [
      ...spec.entities,
      {
        name: 'Memo',
        description: 'A note about a record',
        fields: [
          { name: 'topic', type: 'string', required: true, description: '' },
          { name: 'owner', type: 'reference', references: first().name, required: true, description: '' },
        ],
      },
    ],
  });

  it('answers the plan without changing the project, and refuses what would lose data', async () => {
    const app = buildHttpServer(factory);
    const before = treeHashes(projectDir);
    // The project has its repository since its creation (generation 1 recorded then).
    const repository = treeHashes(join(projectDir, '.git'));
    const planned = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withMemo() },
    });
    expect(planned.statusCode, planned.body).toBe(200);
    const body = planned.json();
    expect(body.status).toBe('planned');
    expect(body.plan.diff.addedEntities.map((e: { name: string }) => e.name)).toEqual(['Memo']);
    expect(body.plan.migration.file).toBe('db/migrations/002_generation_2.sql');
    expect(body.plan.migration.sql).toMatch(/CREATE TABLE "memos"/);
    expect(body.plan.files).toEqual(
      expect.arrayContaining([{ path: 'lib/entities.ts', change: 'modified' }]),
    );
    // A plan changes nothing in the project: no file, nothing in its repository.
    expect(treeHashes(projectDir)).toEqual(before);
    expect(treeHashes(join(projectDir, '.git'))).toEqual(repository);

    const dropped = {
      ...spec,
      entities: spec.entities.map((e, i) => (i === 0 ? { ...e, fields: e.fields.slice(0, 1) } : e)),
    };
    const refused = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: dropped, approve: true },
    });
    expect(first().fields.length).toBeGreaterThan(1);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SPEC_CHANGE_REFUSED');
    const unchecked = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withMemo(), approve: true },
    });
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.json().error.message).toMatch(/validateProjects/);
  });

  it('turns a change in words into the next spec version and answers its plan, changing nothing', async () => {
    const app = buildHttpServer(factory);
    const before = treeHashes(projectDir);
    // The project has its repository since its creation (generation 1 recorded then).
    const repository = treeHashes(join(projectDir, '.git'));
    const planned = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { change: `add an entity Invoice with amount (number) and a reference to ${first().name}` },
    });
    expect(planned.statusCode, planned.body).toBe(200);
    const body = planned.json();
    expect(body.status).toBe('planned');
    expect(body.plan.diff.addedEntities.map((e: { name: string }) => e.name)).toEqual(['Invoice']);
    // Drafted by the offline reviser, and the answer says so.
    expect(body.specDraftedOffline).toBe(true);
    expect(body.plan.migration.sql).toMatch(/CREATE TABLE "invoices"/);
    for (const [file, hash] of Object.entries(before)) expect(treeHashes(projectDir)[file]).toBe(hash);
    expect(treeHashes(join(projectDir, '.git'))).toEqual(repository);

    // What the offline reviser cannot read is refused with what to do, not planned as no change.
    const unread = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { change: 'make it feel more premium' },
    });
    expect(unread.statusCode).toBe(422);
    expect(unread.json().error.code).toBe('CHANGE_NOT_UNDERSTOOD');
    expect(unread.json().error.message).toMatch(/--spec/);
    const both = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { change: 'add a page Reports', spec: withMemo() },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('INVALID_CONFIG');
  });

  it('evolves only after the validator passes the merged project, keeping a file the founder added', async () => {
    const checked: string[] = [];
    const gated = new Factory({ ...factory.parts, validator: validatorAnswering(passingReport, checked) });
    const app = buildHttpServer(gated);
    writeFileSync(join(projectDir, 'NOTES.md'), 'my notes\n');
    const evolved = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withMemo(), approve: true },
    });
    expect(evolved.statusCode, evolved.body).toBe(200);
    expect(evolved.json()).toMatchObject({
      status: 'evolved',
      redeploy: 'not_deployed',
      generation: { generation: 2 },
    });
    expect(checked).toHaveLength(1);
    expect(checked[0]).not.toBe(projectDir);
    expect(readFileSync(join(projectDir, 'lib', 'entities.ts'), 'utf8')).toContain('"Memo"');
    expect(readFileSync(join(projectDir, 'NOTES.md'), 'utf8')).toBe('my notes\n');
    const history = await app.inject({ method: 'GET', url: `/api/startups/${id}/history` });
    expect(history.json().map((g: { generation: number; kind: string }) => [g.generation, g.kind])).toEqual([
      [1, 'initial'],
      [2, 'evolve'],
    ]);
  });

  it('leaves the project as it was and shows the failing step when the gate fails', async () => {
    const gated = new Factory({ ...factory.parts, validator: validatorAnswering(failingBuild, []) });
    const app = buildHttpServer(gated);
    const before = treeHashes(projectDir);
    const next = {
      ...withMemo(),
      pages: [...spec.pages, { path: '/memos', title: 'Memos', kind: 'list', entity: 'Memo' }],
    };
    const failed = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: next, approve: true },
    });
    expect(failed.statusCode).toBe(422);
    expect(failed.json().error).toMatchObject({ code: 'EVOLVE_FAILED' });
    expect(failed.json().error.message).toMatch(/build step.*TS2304/s);
    expect(treeHashes(projectDir)).toEqual(before);
    const history = await app.inject({ method: 'GET', url: `/api/startups/${id}/history` });
    expect(history.json()).toHaveLength(2);
  });

  it('rolls back to generation 1 and records it', async () => {
    const app = buildHttpServer(factory);
    const rolled = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/rollback`,
      payload: { generation: 1 },
    });
    expect(rolled.statusCode, rolled.body).toBe(200);
    expect(rolled.json().generation).toMatchObject({ generation: 3, kind: 'rollback', specVersion: 1 });
    expect(readFileSync(join(projectDir, 'lib', 'entities.ts'), 'utf8')).not.toContain('"Memo"');
    const missing = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/rollback`,
      payload: { generation: 9 },
    });
    expect(missing.statusCode).toBe(404);
  });
});
