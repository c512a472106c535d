import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasErrorCode, MvpSpec, SPEC_REVISION_TASK } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import type { Factory } from '../factory';
import { reviseSpec } from './revise-spec';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error & { code?: string },
  );

describe('reviseSpec: a founder change through the factory queue and coordinator', () => {
  const dataDir = join(tmpdir(), `sf-revise-${process.pid}`);
  let factory: Factory;
  let startupId: string;
  let current: MvpSpec;
  const revisionTasks = async () =>
    (await factory.parts.queue.list({ startupId })).filter((r) => r.task.type === SPEC_REVISION_TASK);

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_500, end: 23_599 } },
      { env: {} },
    );
    const created = await factory.create({ name: 'Fleetbook', industry: 'Logistics', category: 'B2B SaaS' });
    startupId = (await factory.waitFor(created.id)).id;
    current = MvpSpec.parse(await factory.parts.pipeline.outputOf(startupId, 'mvp_spec'));
  }, 600_000);
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns the next spec version, drafted offline, from a task that ran on the queue', async () => {
    const parent = current.entities[0]?.name as string;
    const next = await reviseSpec(
      factory,
      'fleetbook',
      `Add an entity Invoice with amount (number), due date (date) and a reference to ${parent}`,
    );
    expect(next.draftedOffline).toBe(true);
    expect(next.entities.slice(0, current.entities.length)).toEqual(current.entities);
    expect(next.entities.at(-1)).toMatchObject({ name: 'Invoice' });
    const [task] = await revisionTasks();
    expect(task?.state).toBe('succeeded');
    expect(task?.task.outputSchema).toBe('mvp_spec');
  }, 60_000);

  it('refuses a change the offline reviser cannot read with CHANGE_NOT_UNDERSTOOD and keeps the spec', async () => {
    const error = await failure(reviseSpec(factory, startupId, 'make the whole thing feel more premium'));
    expect(hasErrorCode(error, 'CHANGE_NOT_UNDERSTOOD')).toBe(true);
    expect(error.message).toContain('feel more premium');
    expect(error.message).toMatch(/--spec/);
    expect(await factory.parts.pipeline.outputOf(startupId, 'mvp_spec')).toEqual(current);
  }, 60_000);

  it('refuses an empty change and a spec that is not one with INVALID_CONFIG, submitting nothing', async () => {
    const before = (await revisionTasks()).length;
    expect((await failure(reviseSpec(factory, startupId, '   '))).code).toBe('INVALID_CONFIG');
    const notASpec = await failure(
      reviseSpec(factory, startupId, 'add a page Reports', { spec: { name: 'x' } }),
    );
    expect(notASpec.code).toBe('INVALID_CONFIG');
    expect(notASpec.message).toContain('spec');
    expect((await revisionTasks()).length).toBe(before);
  });

  it('answers NOT_FOUND for a startup that does not exist', async () => {
    expect((await failure(reviseSpec(factory, 'no-such-startup', 'add a page Reports'))).code).toBe(
      'NOT_FOUND',
    );
  });
});
