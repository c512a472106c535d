import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import {
  type CodeSlots,
  FactoryError,
  MvpSpec,
  type StartupInstance,
  UnsafePathError,
} from '@startup-factory/contracts';
import type { PhaseStepContext, StepPhaseImplementation } from './phase-implementation';

/** Renders the template with the approved spec and the architecture's copy slots. */
export const generateCode: StepPhaseImplementation = {
  async run({ startup, templates, outputOf, saveOutput, recordArtifact }) {
    const spec = await outputOf<MvpSpec>('mvp_spec');
    const design = await outputOf<{ slots: CodeSlots }>('architecture');
    const projectDir = await templates.createFromTemplate(
      startup.config.template,
      startup.config,
      requireAllocation(startup),
      {
        ...(spec ? { spec: MvpSpec.parse(spec) } : {}),
        ...(design ? { slots: design.slots } : {}),
        overwrite: true,
        projectSlug: startup.slug,
        ...(startup.config.templateVariables ? { extraContext: startup.config.templateVariables } : {}),
      },
    );
    await recordArtifact('project', 'project', projectDir);
    await saveOutput({ projectDir });
    return 'succeeded';
  },
};

/** Installs, builds, tests and health-checks the generated project; skipped without a validator. */
export const validateProject: StepPhaseImplementation = {
  async run({ startup, validator, outputOf, writeDocument }) {
    if (!validator) return 'skipped';
    const generated = await generatedProject(outputOf, 'validate');
    const report = await validator.validate(generated.projectDir, requireAllocation(startup));
    await writeDocument({
      path: 'docs/validation-report.json',
      kind: 'document',
      content: `${JSON.stringify(report, null, 2)}\n`,
    });
    if (!report.ok) {
      const failed = report.steps.find((s) => !s.ok);
      throw new FactoryError({
        code: 'INVALID_OUTPUT',
        message: `The generated project failed its ${failed?.name} step: ${failed?.detail}`,
      });
    }
    return report.skipped ? 'skipped' : 'succeeded';
  },
};

/** Hands the built project to the deployer and records the files it wrote; skipped without one. */
export const deployProject: StepPhaseImplementation = {
  async run({ startup, deployer, outputOf, saveOutput, recordArtifact }) {
    const generated = await outputOf<{ projectDir: string }>('code_generation');
    if (!deployer || !generated) return 'skipped';
    const handoff = await deployer.deploy(startup, generated.projectDir);
    if (!handoff) return 'skipped';
    const files = handoff.files.map((file) => relative(generated.projectDir, file));
    const outside = files.find((file) => file.startsWith('..') || isAbsolute(file));
    if (outside !== undefined) {
      throw new UnsafePathError({
        message: `The deployer wrote ${outside} outside the project folder; deploy files belong inside it.`,
      });
    }
    for (const [i, file] of handoff.files.entries()) {
      const path = `project/${files[i]!.split(sep).join('/')}`;
      await recordArtifact('manifest', path, await readFile(file, 'utf8'));
    }
    await saveOutput({ ...(handoff.url ? { url: handoff.url } : {}), files });
    return 'succeeded';
  },
};

async function generatedProject(
  outputOf: PhaseStepContext['outputOf'],
  purpose: string,
): Promise<{ projectDir: string }> {
  const generated = await outputOf<{ projectDir: string }>('code_generation');
  if (!generated)
    throw new FactoryError({
      code: 'NOT_FOUND',
      message: `No generated project to ${purpose}; resume the startup to regenerate it.`,
    });
  return generated;
}

function requireAllocation(startup: StartupInstance) {
  if (!startup.resourceAllocation) {
    throw new FactoryError({
      code: 'NOT_FOUND',
      message: `Startup ${startup.slug} holds no resources; resume it to allocate them again.`,
    });
  }
  return startup.resourceAllocation;
}
