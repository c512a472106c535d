import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDef, RelatedList, Row } from '../lib/entity-types';
import { migrationFiles } from '../lib/server/migrations';
import { makeRecord } from './record-input';
import { type Agent, createAs, type TestAppOptions, testApp } from './test-app';

export type ApiSuiteOptions = TestAppOptions;

type Body = Record<string, unknown>;

/**
 * The app's API tests as one signed-in user, on its embedded database or on PostgreSQL: CRUD for every entity, validation,
 * references and their delete rules, pagination, sort, search, calendar dates and a restart.
 */
export function apiSuite(name: string, options: ApiSuiteOptions) {
  describe(`the JSON API on ${name}`, () => {
    const app = testApp(options);
    let user: Agent;
    /** Every file of db/migrations: one at first, one more for each generation that changed the schema. */
    let migrations = 0;
    const byName = new Map(options.entities.map((e) => [e.name, e]));
    const lookup = (n: string) => byName.get(n);
    const call = (method: string, path: string, body?: unknown) => user.call(method, path, body);
    const create = (entity: EntityDef, body: Body) => createAs(user, entity, body);

    beforeAll(async () => {
      await app.open();
      user = await app.signUp();
      migrations = (await migrationFiles(join(options.root, 'db', 'migrations'))).length;
    });
    afterAll(() => app.close());

    it('reports the database up after writing to it', async () => {
      const health = await call('GET', 'health');
      expect(health.status).toBe(200);
      expect(migrations).toBeGreaterThan(0);
      expect(health.body).toMatchObject({ status: 'ok', db: 'up', migrations });
    });

    for (const entity of options.entities) {
      it(`${entity.label}: create, read, list, update, delete`, async () => {
        const { id, body } = await makeRecord(entity, 1, lookup, create);
        const read = await call('GET', `${entity.route}/${id}`);
        expect(read.status).toBe(200);
        for (const field of entity.fields) if (body[field.name] !== undefined) {
          const expected = field.type === 'email' ? String(body[field.name]).toLowerCase() : body[field.name];
          expect(read.body[field.name], field.name).toEqual(expected);
        }
        const list = await call('GET', `${entity.route}?limit=100`);
        expect(list.body.items.map((r: Row) => r.id)).toContain(id);
        const title = entity.fields.find((f) => f.name === entity.titleField);
        if (title?.type === 'string' || title?.type === 'text') {
          const updated = await call('PATCH', `${entity.route}/${id}`, { [title.name]: '  Renamed record  ' });
          expect(updated.status).toBe(200);
          expect(updated.body[title.name]).toBe('Renamed record');
          expect(updated.body._title).toBe('Renamed record');
        }
        expect((await call('DELETE', `${entity.route}/${id}`)).status).toBe(204);
        expect((await call('GET', `${entity.route}/${id}`)).status).toBe(404);
        expect((await call('DELETE', `${entity.route}/${id}`)).status).toBe(404);
        expect((await call('PUT', `${entity.route}/${id}`, body)).status).toBe(404);
        expect((await call('GET', `${entity.route}/not-a-number`)).status).toBe(404);
      });

      const required = entity.fields.find((f) => f.required && (f.type === 'string' || f.type === 'text'));
      if (required) {
        it(`${entity.label}: refuses a missing, blank or 1 MB ${required.label.toLowerCase()} and keeps nothing`, async () => {
          const { body } = await makeRecord(entity, 2, lookup, create);
          const before = (await call('GET', entity.route)).body.total;
          for (const value of [undefined, '   ', 'x'.repeat(1024 * 1024)]) {
            const response = await call('POST', entity.route, { ...body, [required.name]: value });
            expect(response.status).toBe(400);
            expect(Object.keys(response.body.fields)).toContain(required.name);
          }
          expect((await call('GET', entity.route)).body.total).toBe(before);
          expect((await call('POST', entity.route, 'not json')).status).toBe(400);
          expect((await call('POST', entity.route, 'x'.repeat(5 * 1024 * 1024))).status).toBe(413);
        });
      }

      const date = entity.fields.find((f) => f.type === 'date');
      if (date) {
        it(`${entity.label}: keeps ${date.label.toLowerCase()} as the calendar date given, in any time zone`, async () => {
          // West of UTC, a date read back as a local midnight would show the day before.
          process.env.TZ = 'America/Los_Angeles';
          const { id, body } = await makeRecord(entity, 3, lookup, create);
          const saved = await call('PATCH', `${entity.route}/${id}`, { [date.name]: '2026-01-01' });
          expect(saved.body[date.name]).toBe('2026-01-01');
          expect((await call('GET', `${entity.route}/${id}`)).body[date.name]).toBe('2026-01-01');
          expect((await call('PATCH', `${entity.route}/${id}`, { [date.name]: '2026-02-30' })).status).toBe(400);
          expect(body).toBeDefined();
        });
      }

      for (const field of entity.fields.filter((f) => f.type === 'reference')) {
        const target = lookup(field.references ?? '') as EntityDef;
        it(`${entity.label}: ${field.label.toLowerCase()} points at a ${target.label.toLowerCase()} (${field.onDelete})`, async () => {
          const parent = await makeRecord(target, 4, lookup, create);
          const child = await makeRecord(entity, 4, lookup, create);
          const linked = await call('PATCH', `${entity.route}/${child.id}`, { [field.name]: parent.id });
          expect(linked.status).toBe(200);
          expect(linked.body[field.name]).toBe(parent.id);
          const parentRow = (await call('GET', `${target.route}/${parent.id}`)).body;
          expect(linked.body._labels[field.name]).toBe(parentRow._title);
          const options = await call('GET', `${target.route}/options?limit=200`);
          expect(options.body.items).toContainEqual({ id: parent.id, label: parentRow._title });
          const related = await call('GET', `${target.route}/${parent.id}/related`);
          const list = related.body.related.find((r) => r.entity === entity.name && r.field === field.name) as RelatedList;
          expect(list.items.map((r: Row) => r.id)).toEqual([child.id]);
          expect(list.total).toBe(1);
          const filtered = await call('GET', `${entity.route}?${field.name}=${parent.id}`);
          expect(filtered.body.items.map((r: Row) => r.id)).toEqual([child.id]);
          const dangling = await call('PATCH', `${entity.route}/${child.id}`, { [field.name]: 999_999 });
          expect(dangling.status).toBe(400);
          expect(Object.keys(dangling.body.fields)).toEqual([field.name]);

          const removed = await call('DELETE', `${target.route}/${parent.id}`);
          const after = await call('GET', `${entity.route}/${child.id}`);
          if (field.onDelete === 'restrict') {
            expect(removed.status).toBe(409);
            expect(after.body[field.name]).toBe(parent.id);
          } else if (field.onDelete === 'cascade') {
            expect(removed.status).toBe(204);
            expect(after.status).toBe(404);
          } else {
            expect(removed.status).toBe(204);
            expect(after.body[field.name]).toBeNull();
          }
        });
      }
    }

    it('pages, sorts and searches a list of 150 records with its total', async () => {
      const entity = options.entities.find((e) => e.fields.some((f) => f.name === e.titleField && f.type === 'string'));
      if (!entity) return;
      const title = entity.titleField;
      const { body } = await makeRecord(entity, 5, lookup, create);
      const base = (await call('GET', entity.route)).body.total;
      for (let i = 0; i < 150; i++) await create(entity, { ...body, [title]: `Paged ${String(i).padStart(3, '0')}` });
      const first = await call('GET', `${entity.route}?limit=20&sort=${title}&dir=asc&q=Paged`);
      expect(first.body).toMatchObject({ total: 150, page: 1, limit: 20, pages: 8 });
      expect(first.body.items[0]?.[title]).toBe('Paged 000');
      const last = await call('GET', `${entity.route}?limit=20&page=8&sort=${title}&dir=asc&q=Paged`);
      expect(last.body.items.map((r: Row) => r[title])).toEqual(
        Array.from({ length: 10 }, (_, i) => `Paged ${String(140 + i).padStart(3, '0')}`),
      );
      const desc = await call('GET', `${entity.route}?limit=5&sort=${title}&dir=desc&q=Paged`);
      expect(desc.body.items[0]?.[title]).toBe('Paged 149');
      const one = await call('GET', `${entity.route}?q=${encodeURIComponent('paged 077')}`);
      expect(one.body.items.map((r: Row) => r[title])).toEqual(['Paged 077']);
      const wildcard = await call('GET', `${entity.route}?q=${encodeURIComponent('%')}`);
      expect(wildcard.body.total).toBe(0);
      expect((await call('GET', entity.route)).body.total).toBe(base + 150);
      expect((await call('GET', `${entity.route}?limit=1000`)).body.limit).toBe(100);
    });

    it('counts every entity on the dashboard', async () => {
      const dashboard = await call('GET', 'dashboard');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.entities.map((e) => e.name)).toEqual(options.entities.map((e) => e.name));
      for (const entry of dashboard.body.entities) {
        const total = (await call('GET', `${entry.route}`)).body.total;
        expect(entry.count).toBe(total);
        expect(entry.recent.length).toBe(Math.min(total, 5));
      }
    });

    it('keeps its rows across a restart and applies no migration twice', async () => {
      const entity = options.entities[0] as EntityDef;
      const { id } = await makeRecord(entity, 6, lookup, create);
      await app.restart();
      // The session lives in the database, so the same cookie still signs the user in.
      expect((await call('GET', `${entity.route}/${id}`)).status).toBe(200);
      expect((await call('GET', 'health')).body.migrations).toBe(migrations);
    });
  });
}
