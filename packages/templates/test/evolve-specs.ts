import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { MvpSpec, type MvpSpecInput } from '@startup-factory/contracts';
import { expect } from 'vitest';
import type { EvolveGate } from '../src/evolution/evolve-project';
import { SHIPPED_TEMPLATES } from './fixtures';
import { openProjectApp, type ProjectApp, signIn } from './project-app';

/** Specs and checks the evolve engine's tests share: reactnext's sample spec and its next generations. */
export const sampleSpec = async () =>
  MvpSpec.parse(JSON.parse(await readFile(join(SHIPPED_TEMPLATES, 'reactnext', 'sample-spec.json'), 'utf8')));

/** Generation 2: a new entity that references an existing one, with its list page. */
export const withTasks = (spec: MvpSpec): MvpSpecInput => ({
  ...spec,
  entities: [
    ...spec.entities,
    {
      name: 'Milestone',
      description: 'A dated goal of a project',
      fields: [
        { name: 'title', type: 'string' },
        { name: 'dueOn', type: 'date', required: false },
        { name: 'project', type: 'reference', references: 'Project', onDelete: 'cascade' },
      ],
    },
  ],
  pages: [...spec.pages, { path: '/milestones', title: 'Milestones', kind: 'list', entity: 'Milestone' }],
});

/** Generation 3: a new required field with the value existing rows get. */
export const withTier = (spec: MvpSpecInput): MvpSpecInput => ({
  ...spec,
  entities: spec.entities.map((e) =>
    e.name === 'Customer'
      ? {
          ...e,
          fields: [
            ...e.fields,
            { name: 'tier', type: 'enum', enumValues: ['free', 'pro'], backfill: 'free' },
          ],
        }
      : e,
  ),
});

/** `spec` with one field of Customer changed. */
export const withCustomerField = (
  spec: MvpSpec,
  name: string,
  patch: Record<string, unknown>,
): MvpSpecInput => ({
  ...spec,
  entities: spec.entities.map((e) =>
    e.name === 'Customer'
      ? { ...e, fields: e.fields.map((f) => (f.name === name ? { ...f, ...patch } : f)) }
      : e,
  ),
});

/**
 * The gate a factory runs is install, build, test, health (the project validator). Here, without an
 * npm install, it is the part that concerns the database: the app starts on the worktree's copy of
 * the database (applying the new migrations, as `npm start` does) and reads and writes its data.
 */
export const databaseGate =
  (spec: MvpSpec, server?: { url: string; liveSchema: string }): EvolveGate =>
  async (dir, database) => {
    let app: ProjectApp | undefined;
    try {
      // On a server, the schema the engine handed over (the live one when it hands none, as the factory's gate does).
      app = server
        ? await openProjectApp(dir, spec, database?.schema ?? server.liveSchema, {
            APP_DATABASE_URL: server.url,
          })
        : await openProjectApp(dir, spec);
      const health = await app.call('GET', 'health');
      return {
        ok: health.status === 200,
        steps: [{ name: 'health', ok: health.status === 200, detail: JSON.stringify(health.body) }],
      };
    } catch (error) {
      return { ok: false, steps: [{ name: 'migrate', ok: false, detail: String(error) }] };
    } finally {
      await app?.close();
    }
  };

/** Every file of the project (not .git) with the hash of its content. */
export async function treeHashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) await walk(path);
      else
        out[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** Signs in and adds the customer every evolve test starts with; answers its record. */
export async function addFirstCustomer(app: ProjectApp) {
  await signIn(app);
  const customer = await app.call('POST', 'customers', {
    name: 'Ada Corp',
    email: 'ada@example.com',
    active: true,
  });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  return customer.body;
}
