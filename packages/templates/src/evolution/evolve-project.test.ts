import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ConflictError,
  EvolveFailedError,
  MvpSpec,
  type MvpSpecInput,
  SpecChangeRefusedError,
} from '@startup-factory/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addFirstCustomer,
  databaseGate,
  sampleSpec,
  treeHashes,
  withCustomerField,
  withTasks,
  withTier,
} from '../../test/evolve-specs';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../../test/fixtures';
import { openProjectApp, signIn } from '../../test/project-app';
import { TemplateManager } from '../template-manager';
import { ProjectEvolution } from './evolve-project';
import { GitRepository } from './git-repository';
import { rollbackProject } from './rollback-project';

const LONG = 300_000;
/** The version the shipped reactnext template declares (`_factory.version`). */
const SHIPPED_VERSION: string = JSON.parse(
  await readFile(join(SHIPPED_TEMPLATES, 'reactnext', 'cookiecutter.json'), 'utf8'),
)._factory.version;
const sample = await sampleSpec();

describe('evolving a generated project', () => {
  let ws: Workspace;
  let manager: TemplateManager;
  let projectDir: string;
  let evolution: ProjectEvolution;
  let current: MvpSpec = sample;
  const evolveTo = (next: MvpSpecInput) =>
    evolution.evolve({
      spec: next,
      currentSpec: current,
      gate: databaseGate(MvpSpec.parse(next)),
      approved: true,
    });
  const render = (spec: MvpSpec) => manager.renderFiles('reactnext', config(), allocation(), { spec });

  beforeAll(async () => {
    ws = await workspace();
    manager = new TemplateManager({ outputDir: ws.outputDir, engine: 'builtin' });
    projectDir = await manager.createFromTemplate('reactnext', config(), allocation(), { spec: sample });
    evolution = new ProjectEvolution({
      projectDir,
      render,
      template: { name: 'reactnext', version: '0.0.0' },
    });
  });
  afterAll(() => ws?.cleanup());

  it('re-creating into the folder is refused, so the only way forward is an evolve', async () => {
    await expect(
      manager.createFromTemplate('reactnext', config(), allocation(), { spec: sample }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('records generation 1 when the project is created: the render on its template version, the same files on main', async () => {
    const history = await evolution.history();
    expect(history.map((g) => [g.generation, g.kind, g.specVersion, g.template, g.templateVersion])).toEqual([
      [1, 'initial', 1, 'reactnext', SHIPPED_VERSION],
    ]);
    const git = new GitRepository(projectDir);
    // Nothing of the created project is taken for a founder's edit, and nothing is left uncommitted.
    expect(await git.run(['diff', '--name-only', 'factory/pristine', 'main'])).toBe('');
    expect(await git.uncommitted()).toEqual([]);
    expect(await evolution.currentSpec()).toEqual(sample);
  });

  it('replaces a project nobody touched since its creation when re-created with overwrite', async () => {
    const other = await manager.createFromTemplate('reactnext', config(), allocation(), {
      spec: sample,
      projectSlug: 'untouched',
    });
    await expect(
      manager.createFromTemplate('reactnext', config(), allocation(), {
        spec: sample,
        projectSlug: 'untouched',
        overwrite: true,
      }),
    ).resolves.toBe(other);
    expect(
      (
        await new ProjectEvolution({
          projectDir: other,
          render,
          template: { name: 'reactnext', version: SHIPPED_VERSION },
        }).history()
      ).length,
    ).toBe(1);
    // Once the founder has changed something, the repository is their work and is kept.
    await writeFile(join(other, 'NOTES.md'), 'mine\n');
    await new GitRepository(other).run(['add', 'NOTES.md']);
    await new GitRepository(other).run(['commit', '--quiet', '-m', 'notes']);
    await rm(join(other, 'NOTES.md'));
    await expect(
      manager.createFromTemplate('reactnext', config(), allocation(), {
        spec: sample,
        projectSlug: 'untouched',
        overwrite: true,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses, before writing anything, to evolve a project created without generation 1 on another template version', async () => {
    const legacy = await manager.createFromTemplate('reactnext', config(), allocation(), {
      spec: sample,
      projectSlug: 'legacy',
    });
    // As a factory before this change left it: no repository, rendered on the shipped version.
    await rm(join(legacy, '.git'), { recursive: true, force: true });
    await rm(join(legacy, '.factory', 'spec.json'));
    const before = await treeHashes(legacy);
    const onNewer = new ProjectEvolution({
      projectDir: legacy,
      render,
      template: { name: 'reactnext', version: '99.0.0' },
    });
    for (const approved of [true, false]) {
      await expect(
        onNewer.evolve({
          spec: sample,
          currentSpec: sample,
          gate: databaseGate(sample),
          approved,
          kind: 'upgrade',
        }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(`reactnext ${SHIPPED_VERSION}`),
      });
    }
    expect(await treeHashes(legacy)).toEqual(before);
    expect(await stat(join(legacy, '.git')).catch(() => null)).toBeNull();
  });

  it(
    'plans an evolve of a never-evolved project without changing anything in its folder or its repository',
    async () => {
      const before = await treeHashes(projectDir);
      const repository = await treeHashes(join(projectDir, '.git'));
      const outcome = await evolution.evolve({
        spec: withTasks(current),
        currentSpec: current,
        gate: async () => {
          throw new Error('a plan runs no gate');
        },
        approved: false,
      });
      expect(outcome.status).toBe('planned');
      if (outcome.status !== 'planned') return;
      expect(outcome.plan).toMatchObject({ fromGeneration: 1, toGeneration: 2 });
      expect(outcome.plan.migration?.file).toBe('db/migrations/002_generation_2.sql');
      expect(outcome.plan.files).toContainEqual({ path: 'lib/entities.ts', change: 'modified' });
      expect(await treeHashes(projectDir)).toEqual(before);
      expect(await treeHashes(join(projectDir, '.git'))).toEqual(repository);
      expect((await evolution.history()).map((g) => g.generation)).toEqual([1]);
      // Nothing is left beside the project either (the scratch repository lived in a temp folder).
      expect((await readdir(dirname(projectDir))).filter((n) => n.includes('.evolve-'))).toEqual([]);
    },
    LONG,
  );

  it(
    'keeps hand edits, hand-added files and rows through two evolves, and the new entity works in the API',
    async () => {
      const readme = join(projectDir, 'README.md');
      await writeFile(
        readme,
        `${await readFile(readme, 'utf8')}\n## Our notes\n\nCall the bank on Mondays.\n`,
      );
      await writeFile(join(projectDir, 'lib', 'pricing.ts'), 'export const PRICE_USD = 49;\n');
      await writeFile(join(projectDir, 'NOTES.md'), 'Ask Ada about invoices.\n');
      // What an install, a build and the deployer write into the project: not the founder's edits.
      await writeFile(join(projectDir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
      await writeFile(join(projectDir, 'package-lock.json'), '{"lockfileVersion": 3}\n');
      await writeFile(join(projectDir, 'next-env.d.ts'), '/// <reference types="next" />\n');
      await mkdir(join(projectDir, 'deploy'), { recursive: true });
      await writeFile(join(projectDir, 'deploy', 'deployment.json'), '{"kind": "Deployment"}\n');
      await writeFile(join(projectDir, 'deploy', 'service.json'), '{"kind": "Service"}\n');
      await mkdir(join(projectDir, '.deploy'), { recursive: true });
      await writeFile(join(projectDir, '.deploy', 'state.json'), '{"status": "stopped"}\n');
      let app = await openProjectApp(projectDir, current);
      const customer = { body: await addFirstCustomer(app) };
      const project = await app.call('POST', 'projects', {
        title: 'Website',
        status: sample.entities[1]?.fields[2]?.enumValues?.[0],
        customer: customer.body.id,
      });
      expect(project.status, JSON.stringify(project.body)).toBe(201);
      await app.close();

      const second = await evolveTo(withTasks(current));
      expect(second.status).toBe('evolved');
      if (second.status !== 'evolved') return;
      current = MvpSpec.parse(withTasks(current));
      expect(second.plan.diff.addedEntities.map((e) => e.name)).toEqual(['Milestone']);
      expect(second.plan.migration?.file).toBe('db/migrations/002_generation_2.sql');
      // Exactly what the founder changed: no lockfile, deploy manifest or runtime state.
      expect([...second.keptEdits].sort()).toEqual(['NOTES.md', 'README.md', 'lib/pricing.ts']);
      expect(await readFile(join(projectDir, 'pnpm-lock.yaml'), 'utf8')).toBe("lockfileVersion: '9.0'\n");
      expect(await readFile(join(projectDir, '.deploy', 'state.json'), 'utf8')).toContain('stopped');
      expect(await readFile(readme, 'utf8')).toContain('Call the bank on Mondays.');
      expect(await readFile(join(projectDir, 'lib', 'pricing.ts'), 'utf8')).toBe(
        'export const PRICE_USD = 49;\n',
      );
      expect(await readFile(join(projectDir, 'lib', 'entities.ts'), 'utf8')).toContain('Milestone');
      expect(await readFile(join(projectDir, 'db', 'migrations', '001_init.sql'), 'utf8')).not.toContain(
        'milestone',
      );

      app = await openProjectApp(projectDir, current);
      await signIn(app);
      const customers = await app.call('GET', 'customers');
      expect(customers.body.items.map((c) => c.name)).toEqual(['Ada Corp']);
      const milestone = await app.call('POST', 'milestones', { title: 'Launch', project: project.body.id });
      expect(milestone.status, JSON.stringify(milestone.body)).toBe(201);
      const dangling = await app.call('POST', 'milestones', { title: 'Nowhere', project: 999_999 });
      expect(dangling.status).toBe(400);
      await app.close();

      const third = await evolveTo(withTier(current));
      expect(third.status).toBe('evolved');
      if (third.status === 'evolved')
        expect([...third.keptEdits].sort()).toEqual(['NOTES.md', 'README.md', 'lib/pricing.ts']);
      current = MvpSpec.parse(withTier(current));
      expect(await readFile(readme, 'utf8')).toContain('Call the bank on Mondays.');
      app = await openProjectApp(projectDir, current);
      await signIn(app);
      const listed = await app.call('GET', 'customers');
      expect(listed.body.items.map((c) => [c.name, c.tier])).toEqual([['Ada Corp', 'free']]);
      expect((await app.call('GET', 'milestones')).body.items.map((m) => m.title)).toEqual(['Launch']);
      await app.close();

      const history = await evolution.history();
      expect(history.map((g) => [g.generation, g.kind, g.specVersion])).toEqual([
        [1, 'initial', 1],
        [2, 'evolve', 2],
        [3, 'evolve', 3],
      ]);
      expect(history[2]?.migrations).toEqual(['db/migrations/003_generation_3.sql']);
    },
    LONG,
  );

  it(
    'reports a conflicting hand edit with markers, on its own branch, and changes nothing in the project',
    async () => {
      const entitiesFile = join(projectDir, 'lib', 'entities.ts');
      const text = await readFile(entitiesFile, 'utf8');
      // The founder renames the tier "pro" by hand, on the line the next render changes too (a new tier after it).
      const edited = text.replace(/"pro"/, '"premium"');
      expect(edited).not.toBe(text);
      await writeFile(entitiesFile, edited);
      const before = await treeHashes(projectDir);
      const next = withCustomerField(current, 'tier', { enumValues: ['free', 'pro', 'team'] });
      const outcome = await evolveTo(next);
      expect(outcome.status).toBe('conflicts');
      if (outcome.status !== 'conflicts') return;
      expect(outcome.conflicts).toContain('lib/entities.ts');
      const marked = await readFile(join(outcome.worktree, 'lib', 'entities.ts'), 'utf8');
      expect(marked).toMatch(/^<<<<<<< /m);
      expect(marked).toMatch(/^>>>>>>> /m);
      expect(await treeHashes(projectDir)).toEqual(before);
      expect((await evolution.history()).length).toBe(3);
      // The founder takes their side back for the next test.
      await writeFile(entitiesFile, text);
    },
    LONG,
  );

  it(
    'leaves tree, database and the running app exactly as they were when the gate fails',
    async () => {
      const running = await openProjectApp(projectDir, current);
      await signIn(running);
      const before = await treeHashes(projectDir);
      // The hashes cover the app's database files too (PGlite's folder), not only the code.
      expect(Object.keys(before).filter((path) => path.startsWith('.data/')).length).toBeGreaterThan(0);
      const rowsBefore = (await running.call('GET', 'customers')).body.items;
      // Existing names are longer than 3 characters: the new CHECK fails on the copy's rows.
      const broken = withCustomerField(current, 'name', { maxLength: 3 });
      const error = await evolveTo(broken).then(
        () => null,
        (e: unknown) => e,
      );
      expect(EvolveFailedError.isInstance(error)).toBe(true);
      expect((error as EvolveFailedError).step).toBe('migrate');
      expect((error as EvolveFailedError).log).toMatch(/check constraint/i);
      expect(await treeHashes(projectDir)).toEqual(before);
      expect((await running.call('GET', 'customers')).body.items).toEqual(rowsBefore);
      const stillWrites = await running.call('POST', 'customers', {
        name: 'Bob',
        email: 'bob@example.com',
        active: true,
        tier: 'pro',
      });
      expect(stillWrites.status, JSON.stringify(stillWrites.body)).toBe(201);
      await running.close();
      expect((await evolution.history()).length).toBe(3);
      expect(await new GitRepository(projectDir).revParse('factory/pristine')).toBe(
        (await evolution.history())[2]?.pristineCommit,
      );
    },
    LONG,
  );

  it(
    'plans an evolve of an evolved project without writing into its folder or its repository',
    async () => {
      const files = await treeHashes(projectDir);
      const repository = await treeHashes(join(projectDir, '.git'));
      const outcome = await evolution.evolve({
        spec: withCustomerField(current, 'tier', { enumValues: ['free', 'pro', 'team'] }),
        currentSpec: current,
        gate: async () => {
          throw new Error('a plan runs no gate');
        },
        approved: false,
      });
      expect(outcome.status).toBe('planned');
      if (outcome.status === 'planned')
        expect(outcome.plan).toMatchObject({ fromGeneration: 3, toGeneration: 4 });
      expect(await treeHashes(projectDir)).toEqual(files);
      expect(await treeHashes(join(projectDir, '.git'))).toEqual(repository);
    },
    LONG,
  );

  it('refuses a spec that drops a field before writing anything', async () => {
    const before = await treeHashes(projectDir);
    const dropped: MvpSpecInput = {
      ...current,
      entities: current.entities.map((e) =>
        e.name === 'Customer' ? { ...e, fields: e.fields.filter((f) => f.name !== 'website') } : e,
      ),
    };
    const error = await evolveTo(dropped).catch((e: unknown) => e);
    expect(SpecChangeRefusedError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/Customer\.website: is removed/);
    expect(await treeHashes(projectDir)).toEqual(before);
  });

  it(
    'rolls code and schema back to generation 2',
    async () => {
      const result = await rollbackProject(projectDir, 2);
      expect(result.generation).toMatchObject({ generation: 4, kind: 'rollback', specVersion: 2 });
      expect(result.databaseRestored).toBe(true);
      expect(
        await stat(join(projectDir, 'db', 'migrations', '003_generation_3.sql')).catch(() => null),
      ).toBeNull();
      expect(await readFile(join(projectDir, 'README.md'), 'utf8')).toContain('Call the bank on Mondays.');
      const spec = await evolution.currentSpec();
      expect(spec?.entities.find((e) => e.name === 'Customer')?.fields.map((f) => f.name)).not.toContain(
        'tier',
      );
      const app = await openProjectApp(projectDir, spec as MvpSpec);
      await signIn(app);
      const customers = (await app.call('GET', 'customers')).body.items;
      expect(customers.map((c) => c.name)).toEqual(['Ada Corp']);
      expect(customers[0]).not.toHaveProperty('tier');
      await app.close();
    },
    LONG,
  );
  it('refuses an evolve prepared against a generation that was replaced meanwhile, before writing anything', async () => {
    // Two evolves of one project: this one's spec was made (a change revised, a plan shown) at
    // generation 3, and the rollback to generation 2 landed before it took the project's lock.
    const history = await evolution.history();
    const stale = history.find((g) => g.generation === 3);
    expect(stale).toBeDefined();
    const before = await treeHashes(projectDir);
    // The project runs generation 2's spec again (no tier): adding the tier is a change it could take.
    const now = (await evolution.currentSpec()) as MvpSpec;
    const error = await evolution
      .evolve({
        spec: withTier(now),
        currentSpec: now,
        gate: async () => {
          throw new Error('a refused evolve runs no gate');
        },
        approved: true,
        basedOn: { generation: 3, pristineCommit: stale?.pristineCommit ?? null },
      })
      .catch((e: unknown) => e);
    expect(ConflictError.isInstance(error), String(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(
      /moved to generation 4 .*against generation 3; nothing was changed/,
    );
    expect(await treeHashes(projectDir)).toEqual(before);
    expect((await evolution.history()).map((g) => g.generation)).toEqual(history.map((g) => g.generation));
  });
});
