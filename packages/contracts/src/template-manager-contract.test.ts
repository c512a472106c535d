import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CreateFromTemplateOptions } from './interfaces/template-manager';
import type { ResourceAllocation } from './schemas/resource-allocation';
import type { StartupConfig } from './schemas/startup-config';
import type { GenerationPreview } from './schemas/template';
import {
  FakeTemplateManager,
  runContractCases,
  type TemplateManagerHarness,
  templateManagerCases,
  templateManagerContract,
} from './testing/index';

/** A fresh `tmp/<random>/out` so the suite can also watch the folder beside the output. */
function harness(make: (outputDir: string) => FakeTemplateManager) {
  return async (): Promise<TemplateManagerHarness> => {
    const root = await mkdtemp(join(tmpdir(), 'sf-tm-contract-'));
    const outputDir = join(root, 'out');
    await mkdir(outputDir);
    return {
      manager: make(outputDir),
      outputDir,
      templateName: 'fake',
      cleanup: () => rm(root, { recursive: true, force: true }),
    };
  };
}

templateManagerContract(
  'FakeTemplateManager',
  harness((outputDir) => new FakeTemplateManager({ outputDir })),
);

async function failedCases(make: (outputDir: string) => FakeTemplateManager): Promise<string[]> {
  const outcomes = await runContractCases(templateManagerCases, harness(make));
  return outcomes.filter((o) => !o.passed).map((o) => o.name);
}

describe('templateManagerContract can fail', () => {
  it('catches a manager that writes a project slug outside the output folder', async () => {
    class Escapes extends FakeTemplateManager {
      override async createFromTemplate(
        name: string,
        config: StartupConfig,
        allocation: ResourceAllocation,
        options: CreateFromTemplateOptions = {},
      ) {
        if (!options.projectSlug) return super.createFromTemplate(name, config, allocation, options);
        const dir = join(this.outputDir, options.projectSlug);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'README.md'), 'escaped');
        return dir;
      }
    }
    const failed = await failedCases((outputDir) => new Escapes({ outputDir }));
    expect(failed).toEqual([
      'a project slug that escapes the output folder is UNSAFE_PATH and writes nothing outside it',
    ]);
  });

  it('catches a manager that overwrites an existing project', async () => {
    class Overwrites extends FakeTemplateManager {
      override createFromTemplate(
        name: string,
        config: StartupConfig,
        allocation: ResourceAllocation,
        options: CreateFromTemplateOptions = {},
      ) {
        return super.createFromTemplate(name, config, allocation, { ...options, overwrite: true });
      }
    }
    const failed = await failedCases((outputDir) => new Overwrites({ outputDir }));
    expect(failed).toEqual(['a second create of the same project is a CONFLICT unless overwrite is asked']);
  });

  it('catches a preview that writes files', async () => {
    class PreviewWrites extends FakeTemplateManager {
      override async previewFromTemplate(
        name: string,
        config: StartupConfig,
        allocation: ResourceAllocation,
        options: CreateFromTemplateOptions = {},
      ): Promise<GenerationPreview> {
        const preview = await super.previewFromTemplate(name, config, allocation, options);
        await super.createFromTemplate(name, config, allocation, { ...options, overwrite: true });
        return preview;
      }
    }
    const failed = await failedCases((outputDir) => new PreviewWrites({ outputDir }));
    expect(failed).toEqual(['a preview lists the files a create writes and writes nothing']);
  });

  it("catches a manager that ignores the allocation's port", async () => {
    class DefaultPort extends FakeTemplateManager {
      override createFromTemplate(
        name: string,
        config: StartupConfig,
        allocation: ResourceAllocation,
        options: CreateFromTemplateOptions = {},
      ) {
        return super.createFromTemplate(name, config, { ...allocation, ports: [3000] }, options);
      }
    }
    const failed = await failedCases((outputDir) => new DefaultPort({ outputDir }));
    expect(failed).toEqual(["the allocation's first port appears in the generated files"]);
  });
});
