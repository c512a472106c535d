import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollOut } from '../src/evolution/rollout';
import { answer, deployableStartup, groupAlive } from './deployable-startup';

/**
 * Evolve's and rollback's rollout through the deploy service, on the tiny app (seconds, not the
 * Next build): it reports a switch only once the new build is healthy and serving, and a failed
 * start as failed with the old build still serving.
 */
describe('rollOut: an evolved build reaches a deployed app through the deploy service', () => {
  let setup: Awaited<ReturnType<typeof deployableStartup>>;
  let id: string;

  beforeAll(async () => {
    setup = await deployableStartup('Rollout Test');
    id = setup.summary.id;
  }, 240_000);
  afterAll(() => setup?.cleanup());

  it('says not_deployed for a startup that is not deployed, and starts nothing', async () => {
    expect(await rollOut(setup.factory.parts.deploys, id)).toEqual({ status: 'not_deployed' });
    expect((await setup.factory.parts.deploys.status(id)).state).toBe('not_deployed');
  });

  it('switches a deployed app to the new build and reports it healthy, with the old process gone', async () => {
    const deploys = setup.factory.parts.deploys;
    const deployed = await deploys.deploy(id);
    const oldPid = deployed.pid as number;
    expect(groupAlive(oldPid)).toBe(true);

    const rollout = await rollOut(deploys, id);
    expect(rollout).toMatchObject({ status: 'switched', generation: 2, url: deployed.url });
    const now = await deploys.status(id);
    expect(now.pid).not.toBe(oldPid);
    expect(now.activePort).not.toBe(deployed.activePort);
    expect(groupAlive(oldPid)).toBe(false);
    expect(await answer(`${deployed.url}/api/health`)).toMatch(/^200 /);
  }, 120_000);

  it('reports a new build that never gets healthy as failed, and the previous one keeps serving', async () => {
    const deploys = setup.factory.parts.deploys;
    const before = await deploys.status(id);
    const projectDir = setup.summary.projectDir as string;
    writeFileSync(join(projectDir, 'server.mjs'), 'process.exit(3);\n');

    const rollout = await rollOut(deploys, id);
    expect(rollout).toMatchObject({ status: 'failed', code: 'DEPLOY_FAILED' });
    if (rollout.status === 'failed') expect(rollout.reason).toMatch(/exited before it was healthy/);
    const after = await deploys.status(id);
    expect(after.generation).toBe(before.generation);
    expect(after.pid).toBe(before.pid);
    expect(await answer(`${before.url}/api/health`)).toMatch(/^200 /);
  }, 120_000);
});
