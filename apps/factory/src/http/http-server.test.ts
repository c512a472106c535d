import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MvpSpec } from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import type { Factory } from '../factory';
import { createLogger, logEvents } from '../logging';
import { buildHttpServer } from './http-server';

describe('HTTP API', () => {
  const dataDir = join(tmpdir(), `sf-http-${process.pid}`);
  let factory: Factory;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_100, end: 23_199 } },
      { env: {} },
    );
  });
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a startup, lists it and shows it by slug', async () => {
    const app = buildHttpServer(factory);
    const created = await app.inject({
      method: 'POST',
      url: '/api/startups',
      payload: { name: 'Clinic Queue', industry: 'Health', category: 'B2B SaaS', approvalRequired: true },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ slug: 'clinic-queue', template: 'reactnext' });
    expect(body.ports).toHaveLength(3);
    const done = await factory.waitFor(body.id);
    expect(done.status).toBe('awaiting_approval');
    const list = await app.inject({ method: 'GET', url: '/api/startups?status=awaiting_approval' });
    expect(list.json().map((s: { slug: string }) => s.slug)).toContain('clinic-queue');
    const shown = await app.inject({ method: 'GET', url: '/api/startups/clinic-queue' });
    expect(shown.json().id).toBe(body.id);
    const rejected = await app.inject({
      method: 'POST',
      url: `/api/startups/${body.id}/approve`,
      payload: { reject: true },
    });
    expect(rejected.json().status).toBe('cancelled');
  });

  it('refuses an approval whose edited spec has an unknown key or breaks a rule, changing nothing', async () => {
    const app = buildHttpServer(factory);
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/startups',
        payload: { name: 'Spec Gate', industry: 'Retail', category: 'B2C', approvalRequired: true },
      })
    ).json();
    expect((await factory.waitFor(created.id)).status).toBe('awaiting_approval');
    const spec = await factory.parts.pipeline.outputOf<MvpSpec>(created.id, 'mvp_spec');
    if (!spec) throw new Error('the mvp_spec phase left no spec');
    const [first, ...rest] = spec.entities;
    const approve = (edited: unknown) =>
      app.inject({ method: 'POST', url: `/api/startups/${created.id}/approve`, payload: { spec: edited } });
    for (const [edited, path] of [
      // Before: the typo was dropped silently and the startup approved.
      [{ ...spec, entities: [{ ...first, colour: 'red' }, ...rest] }, 'entities.0.colour'],
      [
        { ...spec, pages: [{ ...spec.pages[0], entity: 'Nowhere' }, ...spec.pages.slice(1)] },
        'pages.0.entity',
      ],
    ] as const) {
      const refused = await approve(edited);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('INVALID_CONFIG');
      expect(refused.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await factory.show(created.id)).status).toBe('awaiting_approval');
    expect(await factory.parts.pipeline.outputOf(created.id, 'mvp_spec')).toEqual(spec);
    // The spec as the factory wrote it, edited within the schema, is taken.
    const taken = await approve({ ...spec, tagline: 'Edited by the operator' });
    expect(taken.statusCode).toBe(200);
    expect(await factory.parts.pipeline.outputOf<MvpSpec>(created.id, 'mvp_spec')).toMatchObject({
      tagline: 'Edited by the operator',
    });
    await factory.waitFor(created.id);
  });

  it('lists the templates with the version each declares', async () => {
    const response = await buildHttpServer(factory).inject({ method: 'GET', url: '/api/templates' });
    expect(response.statusCode).toBe(200);
    const listed = response.json() as Array<{ name: string; version: string }>;
    expect(listed.map((t) => t.name)).toEqual(['fluttermobile', 'reactnext', 'vuenuxt']);
    for (const t of listed) expect(t.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers a bad body with 400 and the path of each bad field', async () => {
    const app = buildHttpServer(factory);
    const response = await app.inject({
      method: 'POST',
      url: '/api/startups',
      payload: {
        name: 'x/../../y',
        industry: 'Health',
        category: 'B2B',
        resourceRequirements: { memoryMb: -1 },
      },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'resourceRequirements.memoryMb']));
  });

  it('maps unknown startups to 404 and illegal moves to 409', async () => {
    const app = buildHttpServer(factory);
    expect((await app.inject({ method: 'GET', url: '/api/startups/nope' })).statusCode).toBe(404);
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/startups',
        payload: { name: 'Gate Keeper', industry: 'Retail', category: 'B2C', approvalRequired: true },
      })
    ).json();
    await factory.waitFor(created.id);
    await app.inject({ method: 'POST', url: `/api/startups/${created.id}/cancel` });
    const resumed = await app.inject({ method: 'POST', url: `/api/startups/${created.id}/resume` });
    expect(resumed.statusCode).toBe(409);
    expect(resumed.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('requires the bearer token when one is configured', async () => {
    const app = buildHttpServer(factory, { token: 'a-token-of-sixteen-chars' });
    expect((await app.inject({ method: 'GET', url: '/api/startups' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/startups', headers: { authorization: 'Bearer wrong' } }))
        .statusCode,
    ).toBe(401);
    const ok = await app.inject({
      method: 'GET',
      url: '/api/startups',
      headers: { authorization: 'Bearer a-token-of-sixteen-chars' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('logs requests, events and failures as JSON lines, without the bearer token', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(line) },
    });
    const token = 'tok-0123456789abcdef-secret';
    const app = buildHttpServer(factory, { token, logger });
    app.get('/api/boom', async () => {
      throw new Error('kaput');
    });
    const stop = logEvents(factory.parts.bus, logger);
    try {
      const auth = { authorization: `Bearer ${token}` };
      const created = await app.inject({
        method: 'POST',
        url: '/api/startups',
        headers: auth,
        payload: { name: 'Log Line', industry: 'Retail', category: 'B2B SaaS', approvalRequired: true },
      });
      expect(created.statusCode).toBe(201);
      await factory.waitFor(created.json().id);
      const boom = await app.inject({ method: 'GET', url: '/api/boom', headers: auth });
      expect(boom.json().error.message).toBe('Internal error; see the server log.');
    } finally {
      stop();
    }
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.some((e) => (e.req as { url?: string } | undefined)?.url === '/api/startups')).toBe(true);
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'startup.created',
        event: expect.objectContaining({ slug: 'log-line' }),
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'phase.finished', level: 30 }));
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        err: expect.objectContaining({ message: 'kaput' }),
      }),
    );
    expect(lines.join('\n')).not.toContain(token);
  });
});
