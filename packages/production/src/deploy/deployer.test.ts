import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePorts, get, loadLoop, startupOn, tinyAppCopy } from '../../test/deploy-fixture';
import { readDeployState, tailDeployLog } from './deploy-state';
import { Deployer } from './deployer';
import { K8sDeployment } from './k8s-manifests';
import { prepareDeployment } from './prepare-deployment';

const fast = { healthTimeoutMs: 60_000, drainTimeoutMs: 5_000, stopTimeoutMs: 3_000 };
let deployer: Deployer | undefined;

afterEach(async () => {
  await deployer?.close();
  deployer = undefined;
});

async function deployTiny() {
  const store = new InMemoryStateStore();
  const ports = await freePorts(3);
  const dir = tinyAppCopy();
  const startup = startupOn(ports);
  deployer = new Deployer({ store, ...fast });
  const { url } = await deployer.deploy(startup, dir);
  return { store, ports, dir, startup, url, deployer };
}

/**
 * What answers at a URL, or 'refused'. After a stop, another test's server may be handed the freed
 * port number at once, so a test checks that the tiny app's own answer is gone, not that nothing answers.
 */
const answer = (target: string) =>
  get(target).then(
    (r) => r.body,
    () => 'refused',
  );

const steps = async (store: InMemoryStateStore) =>
  (await store.listEvents()).flatMap((e) => (e.type === 'deploy.step' ? [`${e.step}:${e.port ?? ''}`] : []));

describe('Deployer', () => {
  it('serves the app through the proxy on the first allocated port and records its steps', async () => {
    const { store, ports, dir, url, startup } = await deployTiny();
    expect(url).toBe(`http://127.0.0.1:${ports[0]}`);
    const res = await get(`${url}/`);
    expect(res).toEqual({ status: 200, body: `hello from ${ports[1]} (v1)` });
    expect(await steps(store)).toEqual([
      `start:${ports[1]}`,
      `health_check:${ports[1]}`,
      `switch:${ports[1]}`,
    ]);
    const state = readDeployState(dir);
    expect(state).toMatchObject({ startupId: startup.id, url, activePort: ports[1], status: 'running' });
    expect(tailDeployLog(dir)).toContain(`tiny-app listening on ${ports[1]}`);
    // Manifests and a Dockerfile land in the project.
    const manifest = JSON.parse(readFileSync(join(dir, 'deploy', 'deployment.json'), 'utf8'));
    expect(K8sDeployment.parse(manifest).spec.template.spec.containers[0]?.resources.limits).toEqual({
      cpu: '500m',
      memory: '512Mi',
    });
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
  });

  it('redeploys under load without failing a single request, then stops the old process', async () => {
    const { store, ports, url, startup, dir } = await deployTiny();
    const before = deployer!.status(startup.id)!;
    const load = loadLoop(`${url}/`, 4);
    for (let i = 0; i < 3; i += 1) await deployer!.redeploy(startup.id);
    const tally = await load.stop();
    expect(tally.errors).toEqual([]);
    expect(tally.failed).toBe(0);
    expect(tally.served).toBeGreaterThan(20);
    // Three redeploys alternate between the two app ports; the old process is gone.
    const after = deployer!.status(startup.id)!;
    expect(after.port).toBe(ports[2]);
    expect(after.generation).toBe(4);
    expect(() => process.kill(before.pid!, 0)).toThrow();
    expect((await get(`${url}/`)).body).toBe(`hello from ${ports[2]} (v1)`);
    const recorded = await steps(store);
    expect(recorded.slice(3, 8)).toEqual([
      `start:${ports[2]}`,
      `health_check:${ports[2]}`,
      `switch:${ports[2]}`,
      `drain:${ports[1]}`,
      `stop:${ports[1]}`,
    ]);
    expect(readDeployState(dir)?.generation).toBe(4);
  });

  it('keeps the old version serving when the new build fails its health check', async () => {
    const store = new InMemoryStateStore();
    const ports = await freePorts(3);
    const dir = tinyAppCopy();
    const startup = startupOn(ports);
    // The broken build exits at once, so a long health deadline costs nothing; a short one failed v1 on a loaded machine.
    deployer = new Deployer({ store, ...fast, healthTimeoutMs: 60_000 });
    const { url } = await deployer.deploy(startup, dir);
    // Break the app: the next start exits at once.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'server.mjs'), 'process.exit(3);\n');
    await expect(deployer.redeploy(startup.id)).rejects.toThrow(/exited before it was healthy/);
    expect((await get(`${url}/`)).body).toBe(`hello from ${ports[1]} (v1)`);
    expect((await steps(store)).at(-1)).toBe(`failed:${ports[2]}`);
  });

  it("starts the app with the environment it is given, never this process's", async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://factory:hunter2@db.internal/factory');
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-factory-secret');
    try {
      const store = new InMemoryStateStore();
      const ports = await freePorts(3);
      const dir = tinyAppCopy();
      const envFile = join(dir, 'env.json');
      const purposes: string[] = [];
      deployer = new Deployer({
        store,
        ...fast,
        environment: (allocation, port, purpose) => {
          purposes.push(`${purpose}:${port}`);
          return {
            PATH: process.env.PATH ?? '',
            APP_DB_SCHEMA: allocation.databaseNamespace,
            TINY_ENV_FILE: envFile,
          };
        },
      });
      await deployer.deploy(startupOn(ports), dir);
      const seen = JSON.parse(readFileSync(envFile, 'utf8')) as Record<string, string>;
      expect(seen).toMatchObject({
        APP_DB_SCHEMA: 'startup_test',
        PORT: String(ports[1]),
        NODE_ENV: 'production',
      });
      expect(seen.DATABASE_URL).toBeUndefined();
      expect(JSON.stringify(seen)).not.toMatch(/hunter2|sk-ant-factory-secret/);
      // Asked only for starts on the first app port (once more to see whether the app brings a database).
      expect(new Set(purposes)).toEqual(new Set([`start:${ports[1]}`]));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses an app whose health answers 200 without db up, and says what it answered', async () => {
    const store = new InMemoryStateStore();
    const ports = await freePorts(3);
    deployer = new Deployer({
      store,
      ...fast,
      environment: () => ({ PATH: process.env.PATH ?? '', TINY_HEALTH: 'unconfigured' }),
    });
    await expect(deployer.deploy(startupOn(ports), tinyAppCopy())).rejects.toThrow(
      /answered 200 without db "up": 200 \{"status":"ok","db":"unconfigured"\}/,
    );
    expect((await steps(store)).at(-1)).toBe(`failed:${ports[1]}`);
    expect(await answer(`http://127.0.0.1:${ports[1]}/`)).not.toMatch(/hello from/);
  });

  it('stop closes the proxy and the app and frees their ports', async () => {
    const { ports, url, startup, dir } = await deployTiny();
    await deployer!.stop(startup.id);
    // Nothing of this deployment answers any more.
    const answer = (target: string) =>
      get(target).then(
        (r) => r.body,
        () => 'refused',
      );
    expect(await answer(`${url}/`)).not.toMatch(/hello from/);
    expect(await answer(`http://127.0.0.1:${ports[1]}/`)).not.toMatch(/hello from/);
    expect(deployer!.status(startup.id)).toBeNull();
    expect(readDeployState(dir)?.status).toBe('stopped');
    await expect(deployer!.redeploy(startup.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prepareDeployment writes the manifests without starting anything, and needs an allocation', async () => {
    const ports = await freePorts(3);
    const dir = tinyAppCopy();
    const startup = startupOn(ports);
    const { files } = prepareDeployment(startup, dir, { healthPath: '/healthz' });
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      'Dockerfile',
      'deploy/deployment.json',
      'deploy/service.json',
    ]);
    const manifest = K8sDeployment.parse(
      JSON.parse(readFileSync(join(dir, 'deploy', 'deployment.json'), 'utf8')),
    );
    expect(manifest.spec.template.spec.containers[0]?.readinessProbe.httpGet.path).toBe('/healthz');
    expect(readDeployState(dir)).toBeNull();
    expect(await answer(`http://127.0.0.1:${ports[0]}/`)).not.toMatch(/hello from/);
    expect(() => prepareDeployment({ ...startup, resourceAllocation: null }, dir)).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('no resource allocation'),
      }),
    );
  });
});
