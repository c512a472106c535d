import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ITaskQueue, MvpSpec, PendingEvolution } from '@startup-factory/contracts';
import { passingReport, validatorAnswering } from '@startup-factory/contracts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideEvolvePlan, decidesEvolvePlan } from '../cli/evolve-approval';
import { createFactory } from '../create-factory';
import { Factory } from '../factory';
import { buildHttpServer } from '../http/http-server';

/** A queue that refuses every task: an approval that asked the AI again would fail on it. */
function refusingQueue(queue: ITaskQueue): ITaskQueue {
  return new Proxy(queue, {
    get(target, property, receiver) {
      if (property === 'submit')
        return async () => {
          throw new Error('approval must not submit an AI task');
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the approval gate of evolve (fake validator gate)', () => {
  const dataDir = join(tmpdir(), `sf-evolve-approval-${process.pid}`);
  let factory: Factory;
  let gated: Factory;
  let id: string;
  let projectDir: string;
  let spec: MvpSpec;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 27_100, end: 27_199 } },
      { env: {} },
    );
    const created = await factory.create({ name: 'Ledger Loop', industry: 'Finance', category: 'B2B SaaS' });
    const done = await factory.waitFor(created.id);
    id = done.id;
    projectDir = done.projectDir as string;
    spec = (await factory.parts.pipeline.outputOf<MvpSpec>(id, 'mvp_spec')) as MvpSpec;
    gated = new Factory({
      ...factory.parts,
      validator: validatorAnswering(passingReport),
      queue: refusingQueue(factory.parts.queue),
    });
  }, 300_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const entities = () => readFileSync(join(projectDir, 'lib', 'entities.ts'), 'utf8');
  const storedSpec = async () => (await factory.parts.pipeline.outputOf<MvpSpec>(id, 'mvp_spec')) as MvpSpec;
  const withEntity = (name: string, base: MvpSpec = spec): MvpSpec => ({
    ...base,
    entities: [
      ...base.entities,
      {
        name,
        description: `A ${name.toLowerCase()}`,
        fields: [{ name: 'topic', type: 'string', required: true, description: '' }],
      },
    ],
  });

  it('refuses to approve when no evolve plan waits, saying how to plan one', async () => {
    const app = buildHttpServer(gated);
    const answer = await app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/approve` });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.code).toBe('INVALID_TRANSITION');
    expect(answer.json().error.message).toMatch(/no evolve plan waiting.*factory evolve/);
    const rejected = await app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/reject` });
    expect(rejected.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('records a planned change in words as waiting, and approval applies exactly that plan without asking the AI again', async () => {
    const app = buildHttpServer(factory);
    const change = `add an entity Voucher with amount (number) and a reference to ${spec.entities[0]?.name}`;
    const planned = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { change },
    });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json().status).toBe('planned');

    const waiting = await app.inject({ method: 'GET', url: `/api/startups/${id}/evolve` });
    const pending = waiting.json() as PendingEvolution;
    expect(pending).toMatchObject({ startupId: id, change, specDraftedOffline: true });
    expect(pending.plan).toEqual(planned.json().plan);
    expect(pending.spec.entities.map((e) => e.name)).toContain('Voucher');
    expect(entities()).not.toContain('"Voucher"');

    // The gated factory's queue refuses every task: the approval must not revise the words again.
    const approved = await buildHttpServer(gated).inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve/approve`,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'evolved', generation: { generation: 2 } });
    expect(approved.json().plan.diff).toEqual(pending.plan.diff);
    expect(entities()).toContain('"Voucher"');
    expect((await app.inject({ method: 'GET', url: `/api/startups/${id}/evolve` })).json()).toBeNull();
    // One source of truth: the stored spec is the one generation 2 runs.
    expect(await storedSpec()).toEqual(pending.spec);
  });

  it('discards a rejected plan and leaves the project as it was', async () => {
    const app = buildHttpServer(gated);
    const current = await storedSpec();
    const planned = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withEntity('Memo', current) },
    });
    expect(planned.json().status).toBe('planned');
    const rejected = await app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/reject` });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', plan: { toGeneration: 3 } });
    expect((await app.inject({ method: 'GET', url: `/api/startups/${id}/evolve` })).json()).toBeNull();
    expect(entities()).not.toContain('"Memo"');
    const after = await app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/approve` });
    expect(after.json().error.code).toBe('INVALID_TRANSITION');
    expect(await gated.evolution.history(id)).toHaveLength(2);
  });

  it('refuses a plan made before the project moved (another evolve), saying to plan again', async () => {
    const app = buildHttpServer(gated);
    const current = await storedSpec();
    await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withEntity('Memo', current) },
    });
    const moved = await app.inject({
      method: 'POST',
      url: `/api/startups/${id}/evolve`,
      payload: { spec: withEntity('Note', current), approve: true },
    });
    expect(moved.json()).toMatchObject({ status: 'evolved', generation: { generation: 3 } });

    const stale = await app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/approve` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(stale.json().error.message).toMatch(/out of date.*generation 3.*Plan again/);
    expect(entities()).not.toContain('"Memo"');
    expect(await gated.evolution.history(id)).toHaveLength(3);
    expect((await gated.evolution.pending(id))?.spec.entities.map((e) => e.name)).toContain('Memo');
  });

  it('factory approve (the CLI) decides a waiting evolve plan: --reject discards it, --spec is refused', async () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof write;
    try {
      await gated.evolution.evolve(id, { spec: withEntity('Label', await storedSpec()), approved: false });
      const summary = await gated.show(id);
      expect(decidesEvolvePlan(summary.status)).toBe(true);
      await expect(
        decideEvolvePlan(gated, summary, { reject: false, spec: true, json: false }),
      ).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
      const code = await decideEvolvePlan(gated, summary, { reject: true, spec: false, json: false });
      expect(code).toBe(0);
      expect(written.join('')).toMatch(
        /evolve plan to generation 4 was discarded; the project was not changed/,
      );
      expect(await gated.evolution.pending(id)).toBeNull();
    } finally {
      process.stdout.write = write;
    }
    expect(decidesEvolvePlan('awaiting_approval')).toBe(false);
  });

  it('stores the spec of the generation a rollback returns to', async () => {
    // A plan made before the rollback is out of date after it.
    await gated.evolution.evolve(id, { spec: withEntity('Memo', await storedSpec()), approved: false });
    await gated.evolution.rollback(id, 1);
    const stored = await storedSpec();
    expect(stored.entities.map((e) => e.name)).toEqual(spec.entities.map((e) => e.name));
    await expect(gated.evolution.approve(id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('applies a plan once when two approvals come at once; the other is CONFLICT saying one is running', async () => {
    const app = buildHttpServer(gated);
    const before = await gated.evolution.history(id);
    await gated.evolution.evolve(id, { spec: withEntity('Parcel', await storedSpec()), approved: false });
    const answers = await Promise.all(
      [1, 2].map(() => app.inject({ method: 'POST', url: `/api/startups/${id}/evolve/approve` })),
    );
    const applied = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode !== 200);
    expect(applied.map((a) => a.json().status)).toEqual(['evolved']);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.statusCode).toBe(409);
    expect(refused[0]?.json().error.code).toBe('CONFLICT');
    expect(refused[0]?.json().error.message).toMatch(/approval of .* evolve plan is already running/);
    const after = await gated.evolution.history(id);
    expect(after).toHaveLength(before.length + 1);
    expect(entities()).toContain('"Parcel"');
    expect(await gated.evolution.pending(id)).toBeNull();

    // The claim went with the approval: the next plan is decided again, and an approval and a
    // rejection at once (the CLI's path) are one decision too.
    await gated.evolution.evolve(id, { spec: withEntity('Crate', await storedSpec()), approved: false });
    const decisions = await Promise.allSettled([gated.evolution.approve(id), gated.evolution.reject(id)]);
    expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
    expect(decisions.filter((d) => d.status === 'rejected')).toMatchObject([
      { reason: { code: 'CONFLICT' } },
    ]);
    expect(await gated.evolution.pending(id)).toBeNull();
  });
});
