import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type IStateStore,
  PHASES,
  type PhaseName,
  type ProjectValidationReport,
  type StartupInstance,
} from '@startup-factory/contracts';
import type { Pipeline } from '@startup-factory/core';
import { type StartupSummary, summarize } from './startup-summary';
import { projectToolchain } from './validation/flutter-project-validator';

type DeployOutput = { files: string[]; url?: string };

/** A startup's summary: its record plus what its phases left (outputs, reports, usage). */
export async function readSummary(
  parts: { pipeline: Pipeline; store: IStateStore },
  startup: StartupInstance,
): Promise<StartupSummary> {
  const outputs = await parts.pipeline.outputsOf(startup.id);
  const generated = (outputs.code_generation ?? null) as { projectDir: string } | null;
  const deploy = (outputs.deploy ?? null) as DeployOutput | null;
  const folder = parts.pipeline.folderOf(startup);
  const projectDir = generated?.projectDir ?? null;
  return summarize(
    startup,
    { folder, projectDir },
    deploy,
    readValidationReport(folder),
    projectDir ? projectToolchain(projectDir) : null,
    ...offlineMarks(outputs),
    await parts.store.listUsage({ startupId: startup.id }),
  );
}

/** The summary of a startup just created: its record, and no phase output or AI call yet to read. */
export function readNewSummary(parts: { pipeline: Pipeline }, startup: StartupInstance): StartupSummary {
  return summarize(startup, { folder: parts.pipeline.folderOf(startup), projectDir: null });
}

/**
 * The phases whose output says the offline provider drafted it, and the drafter's generic-draft
 * sentence when it said one (each at the top of an output or one level down).
 */
function offlineMarks(outputs: Partial<Record<PhaseName, unknown>>): [string[], string | null] {
  const layers = (value: unknown): Array<{ draftedOffline?: unknown; genericDraft?: unknown }> =>
    typeof value === 'object' && value !== null
      ? [value, ...Object.values(value).filter((inner) => typeof inner === 'object' && inner !== null)]
      : [];
  const phases: string[] = [];
  let generic: string | null = null;
  for (const phase of PHASES) {
    const found = layers(outputs[phase]);
    if (found.some((layer) => layer.draftedOffline === true)) phases.push(phase);
    const sentence = found.find((layer) => typeof layer.genericDraft === 'string')?.genericDraft;
    if (generic === null && typeof sentence === 'string') generic = sentence;
  }
  return [phases, generic];
}

/** The validation phase's report in the startup's folder, when it ran there. */
function readValidationReport(folder: string): ProjectValidationReport | null {
  const file = join(folder, 'docs', 'validation-report.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ProjectValidationReport;
  } catch {
    // Written atomically, so this is a damaged file: the summary leaves it out, the file stays to inspect.
    return null;
  }
}
