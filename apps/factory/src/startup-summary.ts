import {
  type AIUsageRecord,
  type ProjectValidationReport,
  phaseProgress,
  type StartupInstance,
  stepNotRun,
} from '@startup-factory/contracts';
import { type AiCallSummary, aiCallsByPhase, summarizeAiCalls } from '@startup-factory/production';

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
    /** `notRun`: why a step did not run at all (an unchanged install); such a step never reads as passed. */
    steps: Array<{ name: string; ok: boolean; durationMs: number; notRun?: string; skipped?: string[] }>;
  } | null;
  /** Phases whose AI output the offline provider drafted, not a model; empty when none did. */
  draftedOffline: string[];
  /**
   * Why the offline drafts are generic (no catalogue profile fit the idea, so records and copy
   * come from its own words), as the drafter said it; null when a profile fit or a model wrote them.
   */
  genericDraft: string | null;
  /**
   * The AI calls as recorded: per phase that made any and in total, their retries, re-asks,
   * fallbacks, the provider/model of the kept answers, tokens, cost and delivered quality.
   */
  ai: {
    phases: Array<{ phase: string } & AiCallSummary>;
    total: AiCallSummary;
  };
  /** How the founder creates the first account of the generated app (and finds the demo login); null before code generation. */
  firstAccount: string | null;
  /** Why it failed; `resumable` when an outage (not the startup) stopped it: `factory resume` continues. */
  error: { phase: string; code: string; message: string; resumable?: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Every generated app has accounts: the first sign-up gets a workspace of its own, and the sample
 * data lives in a demo workspace whose generated password the app prints once, on first start.
 */
export function firstAccountHint(
  toolchain: StartupSummary['toolchain'],
  port: number | undefined,
): string | null {
  if (toolchain === 'flutter') {
    return 'sign up in the app (Firebase Auth, email and password): each account gets a workspace of its own; deploy firestore.rules with `firebase deploy --only firestore:rules`';
  }
  if (toolchain === 'npm') {
    const at = port === undefined ? '/sign-up' : `http://localhost:${port}/sign-up`;
    return `open ${at} to create the first account (it owns a new workspace; invite others from /workspace); the sample data is in a demo workspace whose login (demo@example.com and a generated password) the app prints once on first start`;
  }
  return null;
}

export function summarize(
  startup: StartupInstance,
  paths: { folder: string; projectDir: string | null },
  deploy: { files: string[]; url?: string } | null = null,
  validation: ProjectValidationReport | null = null,
  toolchain: StartupSummary['toolchain'] = null,
  draftedOffline: string[] = [],
  genericDraft: string | null = null,
  usage: readonly AIUsageRecord[] = [],
): StartupSummary {
  const allocation = startup.resourceAllocation;
  const error = startup.state.lastError as StartupSummary['error'] | undefined;
  const progress = phaseProgress(startup.currentPhase);
  return {
    id: startup.id,
    slug: startup.slug,
    name: startup.config.name,
    industry: startup.config.industry,
    template: startup.config.template,
    status: startup.status,
    phase: progress.phase,
    phasesDone: progress.done,
    phaseCount: progress.count,
    ports: allocation?.ports ?? [],
    databaseNamespace: allocation?.databaseNamespace ?? null,
    memoryMb: allocation?.memoryMb ?? null,
    folder: paths.folder,
    projectDir: paths.projectDir,
    toolchain,
    deploy: deploy ? { files: deploy.files, url: deploy.url ?? null } : null,
    draftedOffline,
    genericDraft,
    ai: {
      phases: aiCallsByPhase(usage).map(({ phase, summary }) => ({ phase, ...summary })),
      total: summarizeAiCalls(usage),
    },
    firstAccount: paths.projectDir ? firstAccountHint(toolchain, allocation?.ports[0]) : null,
    validation: validation && {
      ok: validation.ok,
      skipped: validation.skipped,
      notBuilt: validation.notBuilt ?? null,
      steps: validation.steps.map((step) => {
        const notRun = stepNotRun(step);
        return {
          name: step.name,
          ok: step.ok,
          durationMs: step.durationMs,
          ...(notRun !== undefined ? { notRun } : step.skipped?.length ? { skipped: step.skipped } : {}),
        };
      }),
    },
    error: startup.status === 'failed' && error ? error : null,
    createdAt: new Date(startup.createdAt).toISOString(),
    updatedAt: new Date(startup.updatedAt).toISOString(),
  };
}
