import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, deployableStartup, eventually, groupAlive } from '../../test/deployable-startup';
import type { Factory } from '../factory';
import type { StartupSummary } from '../startup-summary';
import { buildHttpServer } from './http-server';

const TOKEN = 'deploy-routes-token-0123456789';

describe('HTTP deploy routes', () => {
  let factory: Factory;
  let summary: StartupSummary;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ factory, summary, close, cleanup } = await deployableStartup('Route Deploy'));
  }, 300_000);
  afterAll(async () => cleanup?.());

  const call = (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    buildHttpServer(factory, { token: TOKEN }).inject({
      method,
      url,
      headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('refuses a bad body, a missing token and another site before anything runs', async () => {
    const base = `/api/startups/${summary.slug}`;
    const bad = await call('POST', `${base}/deploy`, { proxyPort: 'eighty' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(bad.json().error.message).toMatch(/proxyPort/);
    const unknownField = await call('POST', `${base}/deploy`, { replicas: 3 });
    expect(unknownField.statusCode).toBe(400);
    const anonymous = await buildHttpServer(factory, { token: TOKEN }).inject({
      method: 'POST',
      url: `${base}/deploy`,
    });
    expect(anonymous.statusCode).toBe(401);
    const crossSite = await call('POST', `${base}/deploy`, undefined, { origin: 'http://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    const badLines = await call('GET', `${base}/logs?lines=lots`);
    expect(badLines.statusCode).toBe(400);
    expect((await call('GET', `${base}/deployment`)).json()).toMatchObject({ state: 'not_deployed' });
    const unknown = await call('POST', '/api/startups/no-such-startup/deploy');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('deploys, refuses a second deploy, redeploys, reads logs and stops through the API', async () => {
    const base = `/api/startups/${summary.id}`;
    const deployed = await call('POST', `${base}/deploy`);
    expect(deployed.statusCode, deployed.body).toBe(201);
    const status = deployed.json();
    expect(status).toMatchObject({ state: 'running', generation: 1, hostPid: process.pid });
    expect(status.url).toBe(`http://127.0.0.1:${summary.ports[0]}`);
    expect(await answer(`${status.url}/`)).toBe(`200 hello from ${summary.ports[1]}`);

    const twice = await call('POST', `/api/startups/${summary.slug}/deploy`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONFLICT');

    const redeployed = await call('POST', `${base}/redeploy`);
    expect(redeployed.statusCode, redeployed.body).toBe(200);
    expect(redeployed.json()).toMatchObject({ generation: 2, activePort: summary.ports[2], url: status.url });
    expect(await answer(`${status.url}/`)).toBe(`200 hello from ${summary.ports[2]}`);

    const logs = await call('GET', `${base}/logs?lines=1`);
    expect(logs.json()).toEqual({ lines: [`tiny-app listening on ${summary.ports[2]}`] });
    expect((await call('GET', `${base}/deployment`)).json()).toMatchObject({
      state: 'running',
      generation: 2,
    });

    const pid = redeployed.json().pid as number;
    const stopped = await call('POST', `${base}/stop`);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({ state: 'stopped', hostPid: null });
    expect(groupAlive(pid)).toBe(false);
    expect(await answer(`${status.url}/`)).not.toMatch(/^200 hello/);
    const again = await call('POST', `${base}/stop`);
    expect(again.statusCode).toBe(404);
  }, 180_000);

  it('a deployment started through the API ends with the process that serves it', async () => {
    const deployed = await call('POST', `/api/startups/${summary.slug}/deploy`);
    expect(deployed.statusCode, deployed.body).toBe(201);
    const { pid, url } = deployed.json() as { pid: number; url: string };
    expect(groupAlive(pid)).toBe(true);
    await close();
    expect(await eventually(() => !groupAlive(pid))).toBe(true);
    expect(await answer(`${url}/`)).not.toMatch(/^200 hello/);
  }, 180_000);
});
