import { lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectFactoryError, templateManagerContract } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cookiecutterMissing } from '../test/cookiecutter';
import {
  allocation,
  config,
  FIXTURE_TEMPLATES,
  SHIPPED_TEMPLATES,
  type Workspace,
  workspace,
} from '../test/fixtures';
import { TemplateManager } from './template-manager';

const missing = await cookiecutterMissing();

templateManagerContract('TemplateManager with the shipped reactnext template', async () => {
  const ws = await workspace();
  return {
    manager: new TemplateManager({ outputDir: ws.outputDir }),
    outputDir: ws.outputDir,
    templateName: 'reactnext',
    cleanup: ws.cleanup,
  };
});

templateManagerContract('TemplateManager with the fluttermobile template', async () => {
  const ws = await workspace();
  return {
    manager: new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir }),
    outputDir: ws.outputDir,
    templateName: 'fluttermobile',
    cleanup: ws.cleanup,
  };
});

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

async function fixtures(...names: string[]) {
  ws = await workspace([{ from: FIXTURE_TEMPLATES, names }]);
  return { ws, manager: new TemplateManager({ templatesDir: ws.templatesDir, outputDir: ws.outputDir }) };
}

describe('template versions', () => {
  it('lists a template that declares no version as 0.0.0, so any declared version is newer', async () => {
    const { manager } = await fixtures('plain');
    const [plain] = await manager.getAvailableTemplates();
    expect(plain?.version).toBe('0.0.0');
  });

  it('refuses a _factory.version that is not semantic, naming the field', async () => {
    const { ws: w, manager } = await fixtures('plain');
    const file = join(w.templatesDir, 'plain', 'cookiecutter.json');
    const raw = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...raw, _factory: { ...raw._factory, version: 'v2' } }));
    const result = await manager.validateTemplate('plain');
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.message).join(' ')).toContain('version');
  });
});

describe('shipped templates', () => {
  it('lists reactnext, vuenuxt and fluttermobile with their frameworks and needs', async () => {
    const manager = new TemplateManager({ outputDir: '/nonexistent-output' });
    const infos = await manager.getAvailableTemplates();
    expect(infos.map((t) => [t.name, t.framework])).toEqual([
      ['fluttermobile', 'flutter'],
      ['reactnext', 'nextjs'],
      ['vuenuxt', 'nuxt'],
    ]);
    for (const info of infos) {
      expect(info.requiredPorts).toBeGreaterThanOrEqual(1);
      expect(info.resourceRequirements.portCount).toBeGreaterThanOrEqual(info.requiredPorts);
      expect(info.variables).toContain('project_name');
    }
  });

  it('lists each shipped template with the semantic version its cookiecutter.json declares', async () => {
    const manager = new TemplateManager({ outputDir: '/nonexistent-output' });
    const infos = await manager.getAvailableTemplates();
    for (const info of infos) {
      const raw = JSON.parse(await readFile(join(SHIPPED_TEMPLATES, info.name, 'cookiecutter.json'), 'utf8'));
      expect(raw._factory.version, `${info.name} declares _factory.version`).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.version).toBe(raw._factory.version);
    }
  });

  it.each(['reactnext', 'vuenuxt', 'fluttermobile'])('%s passes validateTemplate', async (name) => {
    const manager = new TemplateManager({
      templatesDir: SHIPPED_TEMPLATES,
      outputDir: '/nonexistent-output',
    });
    const result = await manager.validateTemplate(name);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('says that fluttermobile was checked structurally when no Flutter SDK is on PATH', async () => {
    const manager = new TemplateManager({
      templatesDir: SHIPPED_TEMPLATES,
      outputDir: '/nonexistent-output',
    });
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-bin';
    try {
      const result = await manager.validateTemplate('fluttermobile');
      expect(result.warnings.map((w) => w.message).join()).toMatch(/structure only/);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('validateTemplate on broken templates', () => {
  it('reports an undefined variable with its code, file and line instead of throwing', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await writeFile(
      join(w.templatesDir, 'plain', '{{cookiecutter.project_slug}}', 'bad.txt'),
      'ok\nPort {{ cookiecutter.no_such_variable }}\n',
    );
    const result = await manager.validateTemplate('plain');
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'UNDEFINED_VARIABLE', file: 'bad.txt', line: 2 }),
    ]);
    expect(result.errors[0]?.message).toContain('no_such_variable');
  });

  it('reports a tag that is never closed as RENDER_ERROR with its line', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await writeFile(
      join(w.templatesDir, 'plain', '{{cookiecutter.project_slug}}', 'unclosed.txt'),
      '{% if cookiecutter.port %}never closed\n',
    );
    const result = await manager.validateTemplate('plain');
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'RENDER_ERROR', file: 'unclosed.txt', line: 1 }),
    ]);
    expect(result.errors[0]?.message).toMatch(/end of template|endif/i);
  });

  it('reports a name that renders outside the project as UNSAFE_PATH', async () => {
    const { ws: w, manager } = await fixtures('plain');
    const cc = join(w.templatesDir, 'plain', 'cookiecutter.json');
    await writeFile(
      cc,
      (await readFile(cc, 'utf8')).replace('"port": 3000,', '"port": 3000,\n  "evil": "../outside",'),
    );
    await writeFile(
      join(w.templatesDir, 'plain', '{{cookiecutter.project_slug}}', '{{cookiecutter.evil}}'),
      'escape\n',
    );
    const result = await manager.validateTemplate('plain');
    expect(result.errors.map((e) => e.code)).toEqual(['UNSAFE_PATH']);
    await expectFactoryError(manager.createFromTemplate('plain', config(), allocation()), 'UNSAFE_PATH');
    expect(await readdir(w.root)).toEqual(['out', 'templates']);
    expect(await readdir(w.outputDir)).toEqual([]);
  });

  it('names the cookiecutter.json key whose default does not render', async () => {
    const { ws: w, manager } = await fixtures('plain');
    const cc = join(w.templatesDir, 'plain', 'cookiecutter.json');
    await writeFile(
      cc,
      (await readFile(cc, 'utf8')).replace(
        '"port": 3000,',
        '"port": 3000,\n  "broken": "{{ cookiecutter.project_name | no_such_filter }}",',
      ),
    );
    const result = await manager.validateTemplate('plain');
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'cookiecutter.json', key: 'broken', line: 7 }),
    ]);
    const error = await expectFactoryError(
      manager.createFromTemplate('plain', config(), allocation()),
      'TEMPLATE_UNSUPPORTED',
    );
    expect(error.message).toContain('broken');
    expect(await readdir(w.outputDir)).toEqual([]);
  });

  it('returns MISSING_FILE for a template without a project folder instead of throwing ENOENT', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await rm(join(w.templatesDir, 'plain', '{{cookiecutter.project_slug}}'), { recursive: true });
    const result = await manager.validateTemplate('plain');
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.code).toBe('MISSING_FILE');
  });

  it('reports cookiecutter.json that is not JSON as BAD_JSON', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await writeFile(
      join(w.templatesDir, 'plain', 'cookiecutter.json'),
      '{\n  "project_name": "Bad",\n  "x": nope\n}\n',
    );
    const result = await manager.validateTemplate('plain');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toEqual(expect.objectContaining({ code: 'BAD_JSON', line: 3, column: 8 }));
    expect(result.errors[0]?.message).toMatch(/not valid JSON at line 3, column 8/);
    await expectFactoryError(manager.createFromTemplate('plain', config(), allocation()), 'INVALID_CONFIG');
  });

  it('never copies a symbolic link out of the template (cookiecutter copies its target)', async () => {
    const { ws: w } = await fixtures('plain');
    await symlink(
      '/etc/hostname',
      join(w.templatesDir, 'plain', '{{cookiecutter.project_slug}}', 'leak.txt'),
    );
    await expectFactoryError(
      new TemplateManager({
        templatesDir: w.templatesDir,
        outputDir: w.outputDir,
        engine: 'builtin',
      }).createFromTemplate('plain', config(), allocation()),
      'TEMPLATE_UNSUPPORTED',
    );
    expect(await readdir(w.outputDir)).toEqual([]);
  });

  it.skipIf(missing)('reports a node hook that does not parse as SYNTAX_ERROR', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await rm(join(w.templatesDir, 'plain', 'hooks', 'post_gen_project.py'));
    await writeFile(
      join(w.templatesDir, 'plain', 'hooks', 'post_gen_project.mjs'),
      '#!/usr/bin/env node\nconst = ;\n',
    );
    const result = await manager.validateTemplate('plain');
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'SYNTAX_ERROR', file: 'hooks/post_gen_project.mjs' }),
    ]);
  });

  it('treats a template name that looks like a path as not found', async () => {
    const { manager } = await fixtures('plain');
    for (const name of ['../plain', 'plain/..', '/etc']) {
      expect((await manager.validateTemplate(name)).errors[0]?.code).toBe('TEMPLATE_NOT_FOUND');
      await expectFactoryError(
        manager.createFromTemplate(name, config(), allocation()),
        'TEMPLATE_NOT_FOUND',
      );
    }
  });
});

describe.skipIf(missing)('rendering', () => {
  it('renders names and contents, keeps _copy_without_render files verbatim and runs the post hook', async () => {
    const { manager } = await fixtures('plain');
    const dir = await manager.createFromTemplate(
      'plain',
      config({ description: 'Tools & more' }),
      allocation(4242),
    );
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain(
      'Port 4242, flavour vanilla, schema startup_acme_1.\nDescription: Tools & more',
    );
    expect(await readFile(join(dir, 'raw', 'verbatim.txt'), 'utf8')).toBe(
      'Kept as is: {{ cookiecutter.project_name }} {% raw %}\n',
    );
    expect(await readFile(join(dir, 'acme_tools_mod', 'NAME.txt'), 'utf8')).toBe(
      'module acme_tools_mod of acme-tools\n',
    );
    // cookiecutter's Jinja has no HTML autoescape.
    expect(await readFile(join(dir, 'page.html'), 'utf8')).toBe('<p>Tools & more</p>\n');
    expect(await readFile(join(dir, 'HOOK.txt'), 'utf8')).toBe('hook ran for acme-tools on port 4242\n');
  });

  it('leaves nothing behind when the post hook fails', async () => {
    const { ws: w, manager } = await fixtures('plain');
    const error = await expectFactoryError(
      manager.createFromTemplate('plain', config({ description: 'fail the hook' }), allocation()),
      'INVALID_CONFIG',
    );
    expect(error.message).toContain('hook refused');
    expect(await readdir(w.outputDir)).toEqual([]);
  });

  it('refuses to write through a project folder that is a symbolic link, even with overwrite', async () => {
    const { ws: w, manager } = await fixtures('plain');
    await symlink(w.root, join(w.outputDir, 'acme-tools'));
    await expectFactoryError(
      manager.createFromTemplate('plain', config(), allocation(), { overwrite: true }),
      'UNSAFE_PATH',
    );
    expect((await lstat(join(w.outputDir, 'acme-tools'))).isSymbolicLink()).toBe(true);
  });

  it('lets exactly one of two simultaneous creates of the same project win', async () => {
    const { ws: w, manager } = await fixtures('plain');
    const outcomes = await Promise.allSettled([
      manager.createFromTemplate('plain', config(), allocation()),
      manager.createFromTemplate('plain', config(), allocation()),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('CONFLICT');
    expect(await readdir(w.outputDir)).toEqual(['acme-tools']);
  });

  it('replaces a project of only generated files on overwrite, build output included', async () => {
    const { manager } = await fixtures('plain');
    const dir = await manager.createFromTemplate('plain', config(), allocation());
    await mkdir(join(dir, 'node_modules', 'left-pad'), { recursive: true });
    await manager.createFromTemplate('plain', config(), allocation(), { overwrite: true });
    expect(await readdir(dir)).not.toContain('node_modules');
  });

  it('refuses an overwrite that would delete a file the founder added, or the app database, and keeps them', async () => {
    const { manager } = await fixtures('plain');
    const dir = await manager.createFromTemplate('plain', config(), allocation());
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(
      manager.createFromTemplate('plain', config(), allocation(), { overwrite: true }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/notes\.txt.*factory evolve/),
    });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    await rm(join(dir, 'notes.txt'));
    await mkdir(join(dir, '.data'));
    await expect(
      manager.createFromTemplate('plain', config(), allocation(), { overwrite: true }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/\.data\//) });
  });
});
