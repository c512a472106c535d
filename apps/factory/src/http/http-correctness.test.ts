import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactory } from '../create-factory';
import type { Factory } from '../factory';
import { buildHttpServer } from './http-server';

describe('HTTP answers to malformed requests', () => {
  const dataDir = join(tmpdir(), `sf-http-correct-${process.pid}`);
  let factory: Factory;
  let app: FastifyInstance;

  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_400, end: 23_499 } },
      { env: {} },
    );
    app = buildHttpServer(factory);
  });
  afterAll(async () => {
    await app?.close();
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['a NUL byte', '%00'],
    ['a NUL inside', 'a%00b'],
    ['a cut escape', '%E0%A4%A'],
    ['invalid UTF-8', '%FF'],
    ['an id far too long', 'x'.repeat(5000)],
    ['encoded slashes', '..%2F..%2Fetc'],
    ['a space', '%20'],
    ['a quote', '%27%20OR%201%3D1'],
  ])('answers an id with %s with a JSON 4xx, never 500', async (_label, id) => {
    for (const url of [`/api/startups/${id}`, `/api/startups/${id}/pause`]) {
      const method = url.endsWith('pause') ? 'POST' : 'GET';
      const response = await app.inject({ method, url });
      // 414 is the router's answer to an id past its length limit.
      expect([400, 404, 414], `${method} ${url.slice(0, 80)}: ${response.body.slice(0, 200)}`).toContain(
        response.statusCode,
      );
      expect(response.json().error.code).toEqual(expect.any(String));
      expect(response.json().error.message).toEqual(expect.any(String));
    }
  });

  it('answers an id longer than any startup reference (101 characters) with 414 before the store is asked', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/startups/${'a'.repeat(101)}` });
    expect(response.statusCode).toBe(414);
    expect(response.json().error.code).toBe('URI_TOO_LONG');
    expect((await app.inject({ method: 'GET', url: `/api/startups/${'a'.repeat(100)}` })).statusCode).toBe(
      404,
    );
  });

  it('refuses an unknown query key on DELETE instead of ignoring it', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/startups/nothing-here?keep=true' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('keep');
  });

  it('refuses a body with a __proto__ or constructor.prototype key with a 400 that names it', async () => {
    for (const payload of [
      '{"name":"P","industry":"x","category":"y","__proto__":{"admin":true}}',
      '{"name":"P","industry":"x","category":"y","founderProfile":{"constructor":{"prototype":{"admin":true}}}}',
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/startups',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe('FORBIDDEN_KEY');
      expect(error.message).toMatch(/__proto__|constructor\.prototype/);
    }
  });

  it('still says when a body is not JSON at all', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/startups',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/not valid JSON/);
  });

  it('accepts a DELETE with a JSON content type and no body', async () => {
    const created = await factory.create({
      name: 'Short Lived',
      industry: 'Retail',
      category: 'B2C',
      approvalRequired: true,
    });
    await factory.waitFor(created.id);
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/startups/${created.id}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode, response.body).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/startups/${created.id}` })).statusCode).toBe(404);
  });

  it('accepts a POST with a JSON content type and no body as an empty one', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/startups/nope/approve',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['PUT', '/api/startups', 'GET, HEAD, POST'],
    ['DELETE', '/api/startups', 'GET, HEAD, POST'],
    ['PATCH', '/api/startups/some-id', 'DELETE, GET, HEAD'],
    ['GET', '/api/startups/some-id/approve', 'POST'],
    ['POST', '/api/health', 'GET, HEAD'],
    ['POST', '/api/events', 'GET, HEAD'],
    ['DELETE', '/metrics', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, url, allow) => {
    const response = await app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.json().error).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect(response.json().error.message).toContain(allow);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
