import { PHASES, type StartupInstance } from '@startup-factory/contracts';
import type { ProjectValidationReport } from '@startup-factory/core';

/**
 * The stable JSON shape of a startup in `--json` output and the HTTP API. Fields are only added,
 * never renamed or removed.
 */
export interface StartupSummary {
  id: string;
  slug: string;
  name: string;
  industry: string;
  template: string;
  status: StartupInstance['status'];
  /** Name of the first unfinished phase, or "done". */
  phase: string;
  /** Phases finished so far, out of `phaseCount`. */
  phasesDone: number;
  phaseCount: number;
  ports: number[];
  databaseNamespace: string | null;
  memoryMb: number | null;
  folder: string;
  projectDir: string | null;
  /** What builds and runs the generated project: npm, or the Flutter SDK; null before code generation. */
  toolchain: 'npm' | 'flutter' | null;
  /** What the deploy phase wrote (paths relative to projectDir), once it ran; null before or when skipped. */
  deploy: { files: string[]; url: string | null } | null;
  /** The validation phase's steps (install, build, test, start, health), once it ran; null before or without one. */
  validation: {
    ok: boolean;
    skipped: boolean;
    /** Why the project was only checked, not built, here: "no Flutter SDK on PATH". */
    notBuilt: string | null;
    /** `skipped`: what a step's own checks left out, and why (a browser test with no Chromium, say). */
    steps: Array<{ name: string; ok: boolean; durationMs: number; skipped?: string[] }>;
  } | null;
  /** Phases whose AI output the offline provider drafted, not a model; empty when none did. */
  draftedOffline: string[];
  /** Why it failed; `resumable` when an outage (not the startup) stopped it: `factory resume` continues. */
  error: { phase: string; code: string; message: string; resumable?: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

export function summarize(
  startup: StartupInstance,
  paths: { folder: string; projectDir: string | null },
  deploy: { files: string[]; url?: string } | null = null,
  validation: ProjectValidationReport | null = null,
  toolchain: StartupSummary['toolchain'] = null,
  draftedOffline: string[] = [],
): StartupSummary {
  const allocation = startup.resourceAllocation;
  const error = startup.state.lastError as StartupSummary['error'] | undefined;
  return {
    id: startup.id,
    slug: startup.slug,
    name: startup.config.name,
    industry: startup.config.industry,
    template: startup.config.template,
    status: startup.status,
    phase: PHASES[startup.currentPhase] ?? 'done',
    phasesDone: startup.currentPhase,
    phaseCount: PHASES.length,
    ports: allocation?.ports ?? [],
    databaseNamespace: allocation?.databaseNamespace ?? null,
    memoryMb: allocation?.memoryMb ?? null,
    folder: paths.folder,
    projectDir: paths.projectDir,
    toolchain,
    deploy: deploy ? { files: deploy.files, url: deploy.url ?? null } : null,
    draftedOffline,
    validation: validation && {
      ok: validation.ok,
      skipped: validation.skipped,
      notBuilt: validation.notBuilt ?? null,
      steps: validation.steps.map(({ name, ok, durationMs, skipped }) => ({
        name,
        ok,
        durationMs,
        ...(skipped?.length ? { skipped } : {}),
      })),
    },
    error: startup.status === 'failed' && error ? error : null,
    createdAt: new Date(startup.createdAt).toISOString(),
    updatedAt: new Date(startup.updatedAt).toISOString(),
  };
}
