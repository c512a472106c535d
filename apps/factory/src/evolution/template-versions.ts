import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  GENERATION_RECORD_PATH,
  GenerationRecord,
  type StartupInstance,
  type TemplateInfo,
} from '@startup-factory/contracts';
import semver from 'semver';

/** What the version check found for one startup's project. */
export type VersionCheck =
  | { action: 'upgrade'; from: string | null; to: string }
  | { action: 'current'; from: string; to: string }
  | { action: 'refused'; from: string | null; to: string | null; reason: string };

/** The record a project keeps of what it was rendered from: null when it has none, a string saying why when it is unreadable. */
export async function readGenerationRecord(projectDir: string): Promise<GenerationRecord | null | string> {
  let text: string;
  try {
    text = await readFile(join(projectDir, GENERATION_RECORD_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return `${GENERATION_RECORD_PATH} cannot be read: ${(error as Error).message}`;
  }
  try {
    const parsed = GenerationRecord.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    return `${GENERATION_RECORD_PATH} is not a generation record (${detail}); restore it from the project's history or delete it to upgrade as an unrecorded render`;
  } catch (error) {
    return `${GENERATION_RECORD_PATH} is not valid JSON (${(error as Error).message}); restore it or delete it`;
  }
}

/**
 * Whether a startup's project is on an older version of its template than the one installed. A
 * project without a record was rendered before templates had versions, so any version is newer.
 */
export async function checkTemplateVersion(
  startup: StartupInstance,
  projectDir: string | null,
  templates: readonly TemplateInfo[],
): Promise<VersionCheck> {
  if (startup.status === 'cancelled') {
    return {
      action: 'refused',
      from: null,
      to: null,
      reason: 'it was cancelled; its resources are released',
    };
  }
  if (['created', 'running', 'awaiting_approval', 'resumable'].includes(startup.status)) {
    return {
      action: 'refused',
      from: null,
      to: null,
      reason: `its pipeline is ${startup.status.replace('_', ' ')}; upgrade it once the pipeline has stopped`,
    };
  }
  if (!projectDir) {
    return {
      action: 'refused',
      from: null,
      to: null,
      reason: 'it has no generated project yet (resume it first)',
    };
  }
  const record = await readGenerationRecord(projectDir);
  if (typeof record === 'string') return { action: 'refused', from: null, to: null, reason: record };
  const name = record?.template ?? startup.config.template;
  const installed = templates.find((t) => t.name === name);
  const from = record?.templateVersion ?? null;
  if (!installed) {
    return { action: 'refused', from, to: null, reason: `its template ${name} is not installed any more` };
  }
  const to = installed.version;
  if (from === null) {
    return semver.gt(to, '0.0.0')
      ? { action: 'upgrade', from, to }
      : { action: 'refused', from, to, reason: `template ${name} declares no version to upgrade to` };
  }
  if (semver.eq(from, to)) return { action: 'current', from, to };
  if (semver.gt(from, to)) {
    return {
      action: 'refused',
      from,
      to,
      reason: `it was rendered on ${name} ${from}, newer than the installed ${to}; update the factory`,
    };
  }
  return { action: 'upgrade', from, to };
}
