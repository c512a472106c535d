import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MvpSpec } from '@startup-factory/contracts';
import { expectFactoryError } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { allocation, config, SHIPPED_TEMPLATES, type Workspace, workspace } from '../test/fixtures';
import { HOSTILE, hostileSlots as slots, hostileSpec as spec } from '../test/hostile';
import { TemplateManager } from './template-manager';
import { checkDartStructure } from './validation/dart-structure';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** Evaluates the data literal of a generated `export const x = {...} as const;` module. */
function literalOf(source: string, name: string): unknown {
  const match = source.match(new RegExp(`export const ${name}(?:: [^=]+)? = ([\\s\\S]*?)(?: as const)?;\\n`));
  return JSON.parse(match?.[1] ?? 'null');
}

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('hostile names, variables and spec fields', () => {
  it('the MVP spec schema itself rejects path-like and code-like identifiers', () => {
    const bad = spec();
    bad.entities[0]!.name = '../Customer';
    bad.entities[1]!.fields[0]!.name = 'x"; DROP TABLE';
    const result = MvpSpec.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['entities.0.name', 'entities.1.fields.0.name']),
    );
  });

  it.each(['reactnext', 'vuenuxt'])('%s keeps hostile text as data and inside the project', async (name) => {
    ws = await workspace();
    const manager = new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir });
    const description = `${HOSTILE}\n{{ cookiecutter.project_slug }}`;
    const dir = await manager.createFromTemplate(
      name,
      config({ name: "O'Brien & Sons (Tools)", description }),
      allocation(),
      { spec: MvpSpec.parse(spec()), slots },
    );
    expect(await readdir(ws.outputDir)).toEqual(['o-brien-sons-tools']);
    const files = await listFiles(dir);
    expect(files.every((f) => f.split('/').every((segment) => segment !== '..'))).toBe(true);

    const content = literalOf(await readFile(join(dir, 'lib', 'content.ts'), 'utf8'), 'content') as Record<
      string,
      unknown
    >;
    expect(content.heroCopy).toBe(HOSTILE);
    expect(content.userStories).toEqual([{ asA: HOSTILE, iWant: HOSTILE, soThat: HOSTILE }]);
    const entities = literalOf(await readFile(join(dir, 'lib', 'entities.ts'), 'utf8'), 'entities') as Record<
      string,
      { description: string }
    >;
    expect(entities.Customer?.description).toBe(HOSTILE);
    expect(entities.String?.description).toBe(HOSTILE);

    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.description).toBe(description);
    expect(pkg.name).toBe('o-brien-sons-tools');
    // Rendered once: the variable's own template syntax is not evaluated.
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('{{ cookiecutter.project_slug }}');
    for (const file of files.filter((f) => /\.(ts|tsx|vue)$/.test(f))) {
      expect(await readFile(join(dir, file), 'utf8'), file).not.toContain('</script><script>');
    }
    const sql = await readFile(join(dir, 'db', 'migrations', '001_init.sql'), 'utf8');
    expect(
      sql
        .split('\n')
        .filter((line) => line.trim().length > 0 && !line.startsWith('--') && !/^(CREATE|\s|\))/.test(line)),
    ).toEqual([]);
  });

  it('fluttermobile escapes hostile text into Dart literals that still parse', async () => {
    ws = await workspace();
    const manager = new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir });
    const dir = await manager.createFromTemplate(
      'fluttermobile',
      config({ description: HOSTILE }),
      allocation(),
      {
        spec: MvpSpec.parse(spec()),
        slots,
      },
    );
    const dartFiles = (await listFiles(dir)).filter((f) => f.endsWith('.dart'));
    for (const file of dartFiles) {
      expect(checkDartStructure(await readFile(join(dir, file), 'utf8')), file).toEqual([]);
    }
    const content = await readFile(join(dir, 'lib', 'content.dart'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dart source must hold an escaped `${`.
    expect(content).toContain('\\${process.exit(1)}');
    expect(content).not.toMatch(/[^\\]\$\{process/);
    const model = await readFile(join(dir, 'lib', 'models', 'customer.dart'), 'utf8');
    expect(model).toContain('final bool isValue;');
    expect(model).toContain("'is': isValue,");
    expect(await readFile(join(dir, 'lib', 'models', 'string.dart'), 'utf8')).toContain(
      'class StringRecord {',
    );
  });

  it('a hostile project slug or path-like option never writes outside the output folder', async () => {
    ws = await workspace();
    const manager = new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir });
    for (const projectSlug of ['../x', '/tmp/x', 'a/b', 'a\\b', '.hidden', '{{ cookiecutter.port }}', '']) {
      await expectFactoryError(
        manager.createFromTemplate('reactnext', config(), allocation(), { projectSlug }),
        'UNSAFE_PATH',
      );
    }
    expect((await readdir(ws.root)).sort()).toEqual(['out', 'templates']);
    expect(await readdir(ws.outputDir)).toEqual([]);
  });

  it('an invalid spec is INVALID_CONFIG naming the field, and nothing is written', async () => {
    ws = await workspace();
    const manager = new TemplateManager({ templatesDir: SHIPPED_TEMPLATES, outputDir: ws.outputDir });
    const bad = { ...MvpSpec.parse(spec()), entities: [] };
    const error = await expectFactoryError(
      manager.createFromTemplate('reactnext', config(), allocation(), { spec: bad }),
      'INVALID_CONFIG',
    );
    expect(error.message).toContain('entities');
    expect(await readdir(ws.outputDir)).toEqual([]);
  });
});
