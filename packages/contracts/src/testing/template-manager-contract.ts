import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { expect } from 'vitest';
import { hasErrorCode } from '../errors/factory-error';
import type { ITemplateManager } from '../interfaces/template-manager';
import { ResourceAllocation } from '../schemas/resource-allocation';
import { StartupConfig } from '../schemas/startup-config';
import { GENERATION_RECORD_PATH, GenerationRecord, TemplateInfo } from '../schemas/template';
import { type ContractCase, registerContract } from './contract-case';
import { expectFactoryError } from './expect-error';

export interface TemplateManagerHarness {
  manager: ITemplateManager;
  /**
   * The folder the manager writes projects into; the suite checks nothing lands outside it, so its
   * parent folder must belong to this harness alone (e.g. `mkdtemp()/out`).
   */
  outputDir: string;
  /** A template the manager ships and can render. */
  templateName: string;
  cleanup?(): Promise<void>;
}

/** A port no default would pick, so finding it in the output proves the allocation was used. */
export const CONTRACT_PORT = 3917;

const config = (name = 'Contract Case Co') =>
  StartupConfig.parse({ name, industry: 'Software', category: 'Tools', description: 'A contract test.' });

const allocation = () =>
  ResourceAllocation.parse({
    startupId: 'contract-1',
    memoryMb: 512,
    cpuCores: 1,
    storageGb: 1,
    ports: [CONTRACT_PORT, CONTRACT_PORT + 1],
    databaseNamespace: 'startup_contract_1',
    apiQuota: {},
    allocatedAt: new Date('2026-01-01T00:00:00Z'),
  });

/**
 * Every file under `dir`, as paths relative to it; missing folder gives []. A project's `.git`
 * (the record of its generations a manager may keep) is not one of its files.
 */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((path) => path !== '.git' && !path.startsWith(`.git${sep}`))
    .sort();
}

/** The entries of the folder holding `outputDir`, to prove nothing was written beside it. */
async function siblings(outputDir: string): Promise<string[]> {
  return (await readdir(join(outputDir, '..')).catch(() => [])).sort();
}

const isInside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

export const templateManagerCases: ContractCase<TemplateManagerHarness>[] = [
  {
    name: 'lists templates that each parse as TemplateInfo, including the harness template',
    async run({ manager, templateName }) {
      const templates = await manager.getAvailableTemplates();
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) expect(() => TemplateInfo.parse(t)).not.toThrow();
      expect(templates.map((t) => t.name)).toContain(templateName);
    },
  },
  {
    name: 'a created project records the template, its listed version and the spec version it was rendered with',
    async run({ manager, templateName }) {
      const listed = (await manager.getAvailableTemplates()).find((t) => t.name === templateName);
      const projectDir = await manager.createFromTemplate(templateName, config(), allocation(), {
        specVersion: 3,
      });
      const text = await readFile(join(projectDir, GENERATION_RECORD_PATH), 'utf8');
      expect(GenerationRecord.parse(JSON.parse(text))).toEqual({
        template: templateName,
        templateVersion: listed?.version,
        specVersion: 3,
      });
    },
  },
  {
    name: 'validates a shipped template as valid',
    async run({ manager, templateName }) {
      const result = await manager.validateTemplate(templateName);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    },
  },
  {
    name: 'an unknown template validates as invalid with TEMPLATE_NOT_FOUND instead of throwing',
    async run({ manager }) {
      const result = await manager.validateTemplate('no-such-template');
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.code)).toContain('TEMPLATE_NOT_FOUND');
    },
  },
  {
    name: 'creating from an unknown template fails with TEMPLATE_NOT_FOUND and writes nothing',
    async run({ manager, outputDir }) {
      await expectFactoryError(
        manager.createFromTemplate('no-such-template', config(), allocation()),
        'TEMPLATE_NOT_FOUND',
      );
      expect(await listFiles(outputDir)).toEqual([]);
    },
  },
  {
    name: 'creates a project inside the output folder and returns its absolute path',
    async run({ manager, outputDir, templateName }) {
      const projectDir = await manager.createFromTemplate(templateName, config(), allocation());
      expect(isAbsolute(projectDir)).toBe(true);
      expect(isInside(outputDir, projectDir)).toBe(true);
      expect((await listFiles(projectDir)).length).toBeGreaterThan(0);
    },
  },
  {
    name: 'a second create of the same project is a CONFLICT unless overwrite is asked',
    async run({ manager, templateName }) {
      const first = await manager.createFromTemplate(templateName, config(), allocation());
      await expectFactoryError(manager.createFromTemplate(templateName, config(), allocation()), 'CONFLICT');
      const second = await manager.createFromTemplate(templateName, config(), allocation(), {
        overwrite: true,
      });
      expect(second).toBe(first);
      expect((await listFiles(second)).length).toBeGreaterThan(0);
    },
  },
  {
    name: 'a preview lists the files a create writes and writes nothing',
    async run({ manager, outputDir, templateName }) {
      const before = await siblings(outputDir);
      const preview = await manager.previewFromTemplate(templateName, config(), allocation());
      expect(preview.files.length).toBeGreaterThan(0);
      expect(await listFiles(outputDir)).toEqual([]);
      expect(await siblings(outputDir)).toEqual(before);
      const projectDir = await manager.createFromTemplate(templateName, config(), allocation());
      expect(projectDir).toBe(preview.projectDir);
      const written = await listFiles(projectDir);
      const previewed = preview.files.map((f) =>
        (isAbsolute(f) ? relative(projectDir, f) : f).split('/').join(sep),
      );
      expect([...previewed].sort()).toEqual(written);
    },
  },
  {
    name: "the allocation's first port appears in the generated files",
    async run({ manager, templateName }) {
      const projectDir = await manager.createFromTemplate(templateName, config(), allocation());
      const files = await listFiles(projectDir);
      let found = false;
      for (const file of files) {
        const text = await readFile(join(projectDir, file), 'utf8').catch(() => '');
        if (text.includes(String(CONTRACT_PORT))) found = true;
      }
      expect(found, `port ${CONTRACT_PORT} in some generated file`).toBe(true);
    },
  },
  {
    name: 'a project slug that escapes the output folder is UNSAFE_PATH and writes nothing outside it',
    async run({ manager, outputDir, templateName }) {
      const before = await siblings(outputDir);
      for (const projectSlug of ['../escape', '..', 'a/../../escape', join(outputDir, '..', 'abs-escape')]) {
        const error = await expectFactoryError(
          manager.createFromTemplate(templateName, config(), allocation(), { projectSlug }),
          'UNSAFE_PATH',
        );
        expect(hasErrorCode(error, 'UNSAFE_PATH')).toBe(true);
      }
      expect(await siblings(outputDir)).toEqual(before);
      expect(await listFiles(outputDir)).toEqual([]);
    },
  },
];

/** Registers the ITemplateManager contract for an implementation. */
export function templateManagerContract(name: string, setup: () => Promise<TemplateManagerHarness>): void {
  registerContract(`ITemplateManager contract: ${name}`, templateManagerCases, setup);
}
