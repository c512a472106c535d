import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDef, Row } from '../lib/entity-types';
import * as recordsModule from '../lib/server/records';
import { makeRecord } from './record-input';
import { type Agent, createAs, type TestAppOptions, testApp } from './test-app';

/**
 * Two people in two workspaces, probing each other the way an attacker would: lists, searches,
 * guessed ids, reads, writes, deletes, reference fields, selects, related lists and the dashboard.
 */
export function tenancySuite(name: string, options: TestAppOptions) {
  describe(`workspace isolation on ${name}`, () => {
    const app = testApp(options);
    const byName = new Map(options.entities.map((e) => [e.name, e]));
    const lookup = (n: string) => byName.get(n);
    let alice: Agent;
    let bob: Agent;
    /** Per entity: the ids each of them created (references included). */
    const own = { alice: new Map<string, Set<number>>(), bob: new Map<string, Set<number>>() };
    const first = { alice: new Map<string, number>(), bob: new Map<string, number>() };

    const track = (who: 'alice' | 'bob', agent: Agent) => async (entity: EntityDef, body: Record<string, unknown>) => {
      const row = await createAs(agent, entity, body);
      const ids = own[who].get(entity.name) ?? new Set<number>();
      ids.add(row.id);
      own[who].set(entity.name, ids);
      return row;
    };

    beforeAll(async () => {
      await app.open();
      alice = await app.signUp();
      bob = await app.signUp();
      for (const entity of options.entities) {
        first.alice.set(entity.name, (await makeRecord(entity, 1, lookup, track('alice', alice))).id);
        first.bob.set(entity.name, (await makeRecord(entity, 2, lookup, track('bob', bob))).id);
      }
    });
    afterAll(() => app.close());

    it('answers 401 to a signed-out caller on every data route, and keeps health open', async () => {
      const stranger = app.agent();
      expect((await stranger.call('GET', 'health')).status).toBe(200);
      expect((await stranger.call('GET', 'dashboard')).status).toBe(401);
      expect((await stranger.call('GET', 'auth/members')).status).toBe(401);
      for (const entity of options.entities) {
        const id = first.alice.get(entity.name);
        for (const [method, path] of [
          ['GET', entity.route],
          ['POST', entity.route],
          ['GET', `${entity.route}/options`],
          ['GET', `${entity.route}/${id}`],
          ['GET', `${entity.route}/${id}/related`],
          ['PATCH', `${entity.route}/${id}`],
          ['PUT', `${entity.route}/${id}`],
          ['DELETE', `${entity.route}/${id}`],
        ] as const) {
          const answer = await stranger.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
          expect(answer.status, `${method} ${path}`).toBe(401);
          expect(JSON.stringify(answer.body)).not.toContain('"id"');
        }
      }
      const forged = app.agent();
      for (const cookie of ['app_session=not-a-session', 'app_session=%E0%A4%A', `app_session=${'x'.repeat(5000)}`]) {
        forged.cookie = cookie;
        expect((await forged.call('GET', options.entities[0]?.route ?? 'dashboard')).status, cookie.slice(0, 40)).toBe(401);
      }
    });

    for (const entity of options.entities) {
      it(`${entity.label}: neither can list, search, read, change or delete the other's records`, async () => {
        for (const [me, other] of [
          ['alice', 'bob'],
          ['bob', 'alice'],
        ] as const) {
          const agent = me === 'alice' ? alice : bob;
          const mine = own[me].get(entity.name) ?? new Set();
          const theirs = [...(own[other].get(entity.name) ?? [])];
          const list = await agent.call('GET', `${entity.route}?limit=100`);
          expect(list.body.items.map((r: Row) => r.id).sort()).toEqual([...mine].sort());
          expect(list.body.total).toBe(mine.size);
          const target = first[other].get(entity.name) as number;
          const before = (await (other === 'alice' ? alice : bob).call('GET', `${entity.route}/${target}`)).body;
          const title = String(before._title);
          const search = await agent.call('GET', `${entity.route}?q=${encodeURIComponent(title)}`);
          for (const row of search.body.items) expect(theirs).not.toContain(row.id);
          for (const id of theirs) {
            expect((await agent.call('GET', `${entity.route}/${id}`)).status).toBe(404);
            expect((await agent.call('GET', `${entity.route}/${id}/related`)).status).toBe(404);
            expect((await agent.call('PATCH', `${entity.route}/${id}`, {})).status).toBe(404);
            expect((await agent.call('PUT', `${entity.route}/${id}`, {})).status).toBe(404);
            expect((await agent.call('DELETE', `${entity.route}/${id}`)).status).toBe(404);
          }
          const after = (await (other === 'alice' ? alice : bob).call('GET', `${entity.route}/${target}`)).body;
          expect(after).toEqual(before);
        }
      });

      it(`${entity.label}: a body naming another workspace is written to your own`, async () => {
        const aliceWorkspace = (await alice.call('GET', 'auth/session')).body.workspace.id;
        const { body } = await makeRecord(entity, 4, lookup, track('bob', bob));
        const smuggled = { ...body, workspaceId: aliceWorkspace, workspace_id: aliceWorkspace, workspace: aliceWorkspace };
        const created = await bob.call('POST', entity.route, smuggled);
        if (created.status === 201) {
          own.bob.get(entity.name)?.add(created.body.id);
          expect((await alice.call('GET', `${entity.route}/${created.body.id}`)).status).toBe(404);
          expect((await bob.call('GET', `${entity.route}/${created.body.id}`)).status).toBe(200);
        } else expect(created.status).toBe(400);
        const target = first.bob.get(entity.name) as number;
        const moved = await bob.call('PATCH', `${entity.route}/${target}`, { workspaceId: aliceWorkspace, workspace_id: aliceWorkspace });
        expect([200, 400]).toContain(moved.status);
        expect((await alice.call('GET', `${entity.route}/${target}`)).status).toBe(404);
        expect((await bob.call('GET', `${entity.route}/${target}`)).status).toBe(200);
      });

      it(`${entity.label}: guessing ids finds only your own records`, async () => {
        const all = [...(own.alice.get(entity.name) ?? []), ...(own.bob.get(entity.name) ?? [])];
        const highest = Math.max(...all);
        const found: number[] = [];
        for (let id = 1; id <= highest + 3; id++) {
          const answer = await bob.call('GET', `${entity.route}/${id}`);
          expect([200, 404]).toContain(answer.status);
          if (answer.status === 200) found.push(answer.body.id);
        }
        expect(found.sort()).toEqual([...(own.bob.get(entity.name) ?? [])].sort());
      });

      for (const field of entity.fields.filter((f) => f.type === 'reference')) {
        const target = lookup(field.references ?? '') as EntityDef;
        it(`${entity.label}: ${field.label.toLowerCase()} cannot point at, offer or reveal another workspace's ${target.label.toLowerCase()}`, async () => {
          const aliceTarget = first.alice.get(target.name) as number;
          const bobRecord = first.bob.get(entity.name) as number;
          const { body } = await makeRecord(entity, 3, lookup, track('bob', bob));
          const created = await bob.call('POST', entity.route, { ...body, [field.name]: aliceTarget });
          expect(created.status).toBe(400);
          expect(Object.keys(created.body.fields)).toEqual([field.name]);
          const patched = await bob.call('PATCH', `${entity.route}/${bobRecord}`, { [field.name]: aliceTarget });
          expect(patched.status).toBe(400);
          expect((await bob.call('GET', `${entity.route}/${bobRecord}`)).body[field.name]).not.toBe(aliceTarget);
          const offered = await bob.call('GET', `${target.route}/options?limit=200`);
          const offeredIds = offered.body.items.map((o: { id: number }) => o.id);
          for (const id of own.alice.get(target.name) ?? []) expect(offeredIds).not.toContain(id);
          const filtered = await bob.call('GET', `${entity.route}?${field.name}=${aliceTarget}`);
          expect(filtered.body.items).toEqual([]);
          const related = await alice.call('GET', `${target.route}/${aliceTarget}/related`);
          for (const list of related.body.related) {
            for (const row of list.items) expect(own.bob.get(list.entity)?.has(row.id) ?? false).toBe(false);
          }
        });
      }
    }

    it('counts only your own records on the dashboard', async () => {
      for (const [agent, who] of [
        [alice, 'alice'],
        [bob, 'bob'],
      ] as const) {
        const dashboard = await agent.call('GET', 'dashboard');
        for (const entry of dashboard.body.entities) {
          expect(entry.count).toBe((await agent.call('GET', entry.route)).body.total);
          const other = who === 'alice' ? own.bob : own.alice;
          for (const row of entry.recent) expect(other.get(entry.name)?.has(row.id) ?? false).toBe(false);
        }
      }
    });

    it('gives routes no way to the records except through a workspace', () => {
      const functions = Object.entries(recordsModule)
        .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
        .map(([key]) => key)
        .sort();
      expect(functions).toEqual(['referencesTo', 'workspaceRecords']);
    });
  });
}
