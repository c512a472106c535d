import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../../../tooling/testing/time-scale';
import { createFactory } from '../src/create-factory';
import type { Factory } from '../src/factory';
import { countingOfflineProvider } from './composed-harness';

/** Admission and deletion on the composed embedded factory, with the real templates. */
describe('startup admission and deletion', { timeout: scaled(300_000) }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sf-admission-'));
  const ai = countingOfflineProvider();
  let factory: Factory;
  beforeAll(async () => {
    factory = await createFactory(
      { dataDir, validateProjects: false, portRange: { start: 23_600, end: 23_699 } },
      { env: {}, providers: [ai.provider] },
    );
  });
  afterEach(async () => {
    for (const s of await factory.list()) await factory.delete(s.id);
  });
  afterAll(async () => {
    await factory?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const config = { name: 'Route Mate', industry: 'Logistics', category: 'B2B SaaS' };

  it('refuses an unknown template at admission, listing the templates, before any AI call or folder', async () => {
    const before = ai.calls();
    const error = await factory.create({ ...config, template: 'angular' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('TEMPLATE_NOT_FOUND');
    for (const name of ['reactnext', 'vuenuxt', 'fluttermobile'])
      expect((error as Error).message).toContain(name);
    expect(ai.calls()).toBe(before);
    expect(await factory.list()).toEqual([]);
    expect(existsSync(join(dataDir, 'startups', 'route-mate'))).toBe(false);
  });

  it("allocates at least the template's declared resources: reactnext's 1024 MB, not the 500 MB default", async () => {
    const created = await factory.create({ ...config, approvalRequired: true });
    expect(created.memoryMb).toBe(1024);
    await factory.waitFor(created.id);
  });

  it("delete removes the startup's documents and project folder; the name can then start afresh", {
    timeout: scaled(300_000),
  }, async () => {
    const created = await factory.create(config);
    const done = await factory.waitFor(created.id);
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(existsSync(done.folder)).toBe(true);
    expect(done.projectDir && existsSync(done.projectDir)).toBe(true);
    const files = await factory.delete(done.id);
    expect(files.removed.sort()).toEqual([done.folder, done.projectDir].sort());
    expect(existsSync(done.folder)).toBe(false);
    expect(existsSync(done.projectDir!)).toBe(false);
    const again = await factory.create({ ...config, approvalRequired: true });
    await factory.waitFor(again.id);
    expect(again.id).not.toBe(done.id);
  });

  it("delete removes what evolving left beside the project (conflict worktrees, temp folders, the lock), not a neighbour's", async () => {
    const created = await factory.create(config);
    const done = await factory.waitFor(created.id);
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    const project = done.projectDir as string;
    const slug = basename(project);
    // As an evolve with conflicts leaves them (and a crashed one its temp folder and lock).
    const leftovers = [
      `${project}.conflicts-2`,
      `${project}.conflicts-13`,
      join(dirname(project), `.${slug}.evolve-Xy12ab`),
    ];
    for (const dir of leftovers) mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(leftovers[0] as string, 'lib', 'entities.ts'), '<<<<<<< ours\n');
    const lock = join(dirname(project), `.${slug}.evolve.lock`);
    writeFileSync(lock, '999999');
    // Another startup's folders whose name starts the same way stay.
    const neighbours = [`${project}-two`, `${project}-two.conflicts-1`, `${project}.conflicts-notes`];
    for (const dir of neighbours) mkdirSync(dir, { recursive: true });
    const files = await factory.delete(done.id);
    expect(files.removed.sort()).toEqual([done.folder, project, ...leftovers, lock].sort());
    for (const path of [project, ...leftovers, lock]) expect(existsSync(path), path).toBe(false);
    for (const dir of neighbours) expect(existsSync(dir), dir).toBe(true);
    for (const dir of neighbours) rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('delete of a startup whose pipeline runs here stops it first, so nothing writes its folders afterwards', async () => {
    const created = await factory.create(config);
    await factory.delete(created.id);
    expect(await factory.list()).toEqual([]);
    expect(existsSync(created.folder)).toBe(false);
    expect(existsSync(join(dataDir, 'projects', created.slug))).toBe(false);
  });

  it('delete with keepFiles keeps the folders, and a new startup of that name is refused instead of reusing them', async () => {
    const created = await factory.create({ ...config, approvalRequired: true });
    const gated = await factory.waitFor(created.id);
    expect(gated.status).toBe('awaiting_approval');
    const files = await factory.delete(gated.id, { keepFiles: true });
    expect(files.kept).toEqual([gated.folder]);
    expect(existsSync(gated.folder)).toBe(true);
    const error = await factory.create(config).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('CONFLICT');
    expect((error as Error).message).toContain(gated.folder);
    expect(await factory.list()).toEqual([]);
    rmSync(gated.folder, { recursive: true, force: true });
  });
});
