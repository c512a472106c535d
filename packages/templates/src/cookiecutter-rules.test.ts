import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectFactoryError } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cookiecutterMissing } from '../test/cookiecutter';
import { allocation, config, FIXTURE_TEMPLATES, type Workspace, workspace } from '../test/fixtures';
import { TemplateManager } from './template-manager';

const missing = await cookiecutterMissing();
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** A template folder written from `files` (paths relative to the template root). */
async function template(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

describe("a folder of the user's own templates", () => {
  it('is listed beside the shipped templates, validated, and rendered with its own project folder name', async () => {
    ws = await workspace([{ from: FIXTURE_TEMPLATES, names: ['plain'] }]);
    const userDir = join(ws.root, 'mine');
    await template(join(userDir, 'mylib'), {
      'cookiecutter.json':
        '{ "project_name": "Lib", "repo_name": "{{ cookiecutter.project_name | lower }}-repo" }\n',
      '{{ cookiecutter.repo_name }}/README.md': '# {{ cookiecutter.project_name }}\n',
    });
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      userTemplatesDir: userDir,
      outputDir: ws.outputDir,
      engine: 'builtin',
    });
    expect((await manager.getAvailableTemplates()).map((t) => t.name)).toEqual(['mylib', 'plain']);
    expect(await manager.validateTemplate('mylib')).toEqual({ valid: true, errors: [], warnings: [] });
    const dir = await manager.createFromTemplate('mylib', config({ name: 'Acme Tools' }), allocation());
    expect(dir).toBe(join(ws.outputDir, 'acme tools-repo'));
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# Acme Tools\n');
  });

  it('accepts template folder names as cookiecutter templates are named (My_Template.v2), never a path', async () => {
    ws = await workspace();
    await template(join(ws.templatesDir, 'My_Template.v2'), {
      'cookiecutter.json': '{ "project_slug": "p" }\n',
      '{{cookiecutter.project_slug}}/a.txt': 'a\n',
    });
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      outputDir: ws.outputDir,
      engine: 'builtin',
    });
    expect((await manager.getAvailableTemplates()).map((t) => t.name)).toEqual(['My_Template.v2']);
    expect(await manager.createFromTemplate('My_Template.v2', config(), allocation())).toBe(
      join(ws.outputDir, 'acme-tools'),
    );
    for (const name of ['..', '.hidden', 'a/b', 'x..y'])
      expect((await manager.validateTemplate(name)).errors[0]?.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('reports a broken user template as problems, never a throw', async () => {
    ws = await workspace();
    const userDir = join(ws.root, 'mine');
    await template(join(userDir, 'broken'), { 'cookiecutter.json': '{\n  "a": 1,\n}\n' });
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      userTemplatesDir: userDir,
      outputDir: ws.outputDir,
    });
    const result = await manager.validateTemplate('broken');
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toEqual(
      expect.objectContaining({ code: 'BAD_JSON', file: 'cookiecutter.json', line: 3, column: 1 }),
    );
  });
});

describe('extra context', () => {
  it("picks a choice variable's value and refuses one that is not a choice before writing", async () => {
    ws = await workspace([{ from: FIXTURE_TEMPLATES, names: ['plain'] }]);
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      outputDir: ws.outputDir,
      engine: 'builtin',
    });
    // The built-in renderer runs no hooks; this case is about choices.
    await rm(join(ws.templatesDir, 'plain', 'hooks'), { recursive: true });
    const dir = await manager.createFromTemplate('plain', config(), allocation(), {
      extraContext: { flavour: 'chocolate' },
    });
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('flavour chocolate');
    const error = await expectFactoryError(
      manager.createFromTemplate('plain', config({ name: 'Other' }), allocation(), {
        extraContext: { flavour: 'mint' },
      }),
      'INVALID_CONFIG',
    );
    expect(error.message).toContain('flavour="mint" is not one of its choices');
    expect(await readdir(ws.outputDir)).toEqual(['acme-tools']);
  });

  it('refuses a choice outside the choices with the cookiecutter engine too, and an unknown key', async () => {
    ws = await workspace([{ from: FIXTURE_TEMPLATES, names: ['plain'] }]);
    const manager = new TemplateManager({ templatesDir: ws.templatesDir, outputDir: ws.outputDir });
    const bad = await expectFactoryError(
      manager.createFromTemplate('plain', config(), allocation(), { extraContext: { flavour: 'mint' } }),
      'INVALID_CONFIG',
    );
    expect(bad.message).toContain('not one of its choices');
    const unknown = await expectFactoryError(
      manager.createFromTemplate('plain', config(), allocation(), { extraContext: { flavor: 'vanilla' } }),
      'INVALID_CONFIG',
    );
    expect(unknown.message).toContain('flavor is not a variable of template plain');
    expect(await readdir(ws.outputDir)).toEqual([]);
  });

  it('refuses extra context for a value the factory sets from the startup', async () => {
    ws = await workspace([{ from: FIXTURE_TEMPLATES, names: ['plain'] }]);
    const manager = new TemplateManager({ templatesDir: ws.templatesDir, outputDir: ws.outputDir });
    await expectFactoryError(
      manager.createFromTemplate('plain', config(), allocation(), { extraContext: { project_slug: 'x' } }),
      'INVALID_CONFIG',
    );
  });
});

describe('the built-in renderer', () => {
  it('refuses what it cannot reproduce exactly, naming file, line and construct, before writing', async () => {
    ws = await workspace();
    await template(join(ws.templatesDir, 'methods'), {
      'cookiecutter.json': '{ "project_slug": "p", "name": "Big World" }\n',
      '{{cookiecutter.project_slug}}/ok.txt': '{{ cookiecutter.name }}\n',
      '{{cookiecutter.project_slug}}/zz.txt': 'first\n{{ cookiecutter.name.replace(" ", "-") }}\n',
    });
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      outputDir: ws.outputDir,
      engine: 'builtin',
    });
    const error = await expectFactoryError(
      manager.createFromTemplate('methods', config(), allocation()),
      'TEMPLATE_UNSUPPORTED',
    );
    expect(error).toMatchObject({
      file: '{{cookiecutter.project_slug}}/zz.txt',
      line: 2,
      construct: '{{ cookiecutter.name.replace(" ", "-") }}',
    });
    expect(error.message).toMatch(/install cookiecutter/);
    expect(await readdir(ws.outputDir)).toEqual([]);
  });
});

describe.skipIf(missing)('the cookiecutter engine', () => {
  it("never evaluates the startup's own text as Jinja (no template injection through a description)", async () => {
    ws = await workspace();
    const marker = join(tmpdir(), `sf-injected-${process.pid}`);
    await template(join(ws.templatesDir, 'echo'), {
      'cookiecutter.json': '{ "project_slug": "p", "description": "" }\n',
      '{{cookiecutter.project_slug}}/d.txt': '{{ cookiecutter.description }}\n',
    });
    const description = `{{ cycler.__init__.__globals__.os.popen('touch ${marker}').read() }} {% raw %}\r\n`;
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      outputDir: ws.outputDir,
      engine: 'cookiecutter',
    });
    const dir = await manager.createFromTemplate('echo', config({ description }), allocation());
    expect(await readFile(join(dir, 'd.txt'), 'utf8')).toBe(`${description}\n`);
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('refuses a hook whose interpreter is missing, naming it, before rendering', async () => {
    ws = await workspace();
    await template(join(ws.templatesDir, 'shhook'), {
      'cookiecutter.json': '{ "project_slug": "p" }\n',
      '{{cookiecutter.project_slug}}/a.txt': 'a\n',
      'hooks/pre_gen_project.sh': '#!/usr/bin/env no-such-interpreter-h5\nexit 0\n',
    });
    const manager = new TemplateManager({
      templatesDir: ws.templatesDir,
      outputDir: ws.outputDir,
      engine: 'cookiecutter',
    });
    const error = await expectFactoryError(
      manager.createFromTemplate('shhook', config(), allocation()),
      'TEMPLATE_UNSUPPORTED',
    );
    expect(error.message).toContain('hooks/pre_gen_project.sh needs no-such-interpreter-h5');
    expect(await readdir(ws.outputDir)).toEqual([]);
  });
});
