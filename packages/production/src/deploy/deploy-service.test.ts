import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, type StartupInstance } from '@startup-factory/contracts';
import {
  deployServiceContract,
  expectFactoryError,
  InMemoryStateStore,
} from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, get, startupOn, tinyAppCopy } from '../../test/deploy-fixture';
import { AppProcess } from './app-process';
import { writeDeployPointer } from './deploy-pointers';
import { DeployService } from './deploy-service';
import { deployLogFile, writeDeployState } from './deploy-state';
import { waitForHealthy } from './health-check';

const fast = { healthTimeoutMs: 60_000, drainTimeoutMs: 5_000, stopTimeoutMs: 3_000 };

/** A DeployService over the tiny app, its startup resolved by id or slug as the store would. */
async function tinyDeployService() {
  const projectDir = tinyAppCopy();
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-deploy-data-'));
  const startup = startupOn(await freePorts(3));
  const service = new DeployService({
    dataDir,
    deployer: { store: new InMemoryStateStore(), ...fast },
    resolve: async (ref) => {
      if (ref !== startup.id && ref !== startup.slug)
        throw new NotFoundError({ message: `No startup ${ref}.` });
      return { startup, projectDir };
    },
  });
  return {
    service,
    startup,
    projectDir,
    dataDir,
    async cleanup() {
      await service.close();
      rmSync(projectDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

deployServiceContract('DeployService (tiny app)', tinyDeployService);

describe('DeployService across processes', () => {
  let harness: Awaited<ReturnType<typeof tinyDeployService>> | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });

  /** What a CLI process sees: the data folder's pointers, no store, nothing hosted. */
  const remoteView = (dataDir: string) =>
    new DeployService({ dataDir, deployer: { store: new InMemoryStateStore(), ...fast } });

  it('a process without the store redeploys and stops through the hosting process', async () => {
    harness = await tinyDeployService();
    const { service, startup, dataDir } = harness;
    const deployed = await service.deploy(startup.id);
    const remote = remoteView(dataDir);
    expect(await remote.status(startup.slug)).toMatchObject({ state: 'running', hostPid: process.pid });
    const idle = service.whenIdle();

    const redeployed = await remote.redeploy(startup.slug);
    expect(redeployed).toMatchObject({ generation: 2, url: deployed.url });
    expect(redeployed.activePort).not.toBe(deployed.activePort);
    expect((await get(`${deployed.url}/`)).body).toMatch(`hello from ${redeployed.activePort}`);

    const stopped = await remote.stop(startup.id);
    expect(stopped).toMatchObject({ state: 'stopped', hostPid: null });
    await idle;
    expect(groupAlive(redeployed.pid!)).toBe(false);
    await expectFactoryError(remote.redeploy(startup.id), 'NOT_FOUND');
  });

  it('reports an app whose host died as orphaned; stop ends its process group', async () => {
    harness = await tinyDeployService();
    const { startup, projectDir, dataDir } = harness;
    const pgid = await leaveOrphan(projectDir, dataDir, startup);
    const remote = remoteView(dataDir);
    expect(await remote.status(startup.slug)).toMatchObject({ state: 'orphaned', pid: pgid, hostPid: null });
    expect(await remote.stop(startup.slug)).toMatchObject({ state: 'stopped' });
    expect(groupAlive(pgid)).toBe(false);
  });

  it('a deploy first stops an orphaned app holding the ports, then serves', async () => {
    harness = await tinyDeployService();
    const { service, startup, projectDir, dataDir } = harness;
    const pgid = await leaveOrphan(projectDir, dataDir, startup);
    const deployed = await service.deploy(startup.id);
    expect(groupAlive(pgid)).toBe(false);
    expect(deployed).toMatchObject({ state: 'running', hostPid: process.pid, generation: 1 });
    expect((await get(`${deployed.url}/`)).status).toBe(200);
  });
});

/** True while any process of the group `pgid` runs. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a deploying process killed outright leaves behind: its app still running on the first app
 * port, a state file saying `running` under a host pid that no longer exists.
 */
async function leaveOrphan(projectDir: string, dataDir: string, startup: StartupInstance): Promise<number> {
  const ports = startup.resourceAllocation!.ports;
  const app = AppProcess.start({
    cwd: projectDir,
    port: ports[1]!,
    command: ['npm', 'start'],
    logFile: deployLogFile(projectDir),
  });
  await waitForHealthy({ host: '127.0.0.1', port: ports[1]!, path: '/api/health', timeoutMs: 60_000 });
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => dead.once('exit', resolve));
  writeDeployPointer(dataDir, { id: startup.id, slug: startup.slug, projectDir });
  writeDeployState(projectDir, {
    startupId: startup.id,
    supervisorPid: dead.pid!,
    url: `http://127.0.0.1:${ports[0]}`,
    proxyPort: ports[0]!,
    activePort: ports[1]!,
    activePid: app.pid!,
    generation: 1,
    status: 'running',
    updatedAt: new Date().toISOString(),
  });
  return app.pid!;
}
