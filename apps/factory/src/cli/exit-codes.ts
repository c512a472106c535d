import { type ErrorCode, FactoryError } from '@startup-factory/contracts';

/** What `factory` exit codes mean; scripts may rely on them. */
export const EXIT = {
  ok: 0,
  /** Something unexpected; rerun with --verbose for the stack. */
  internal: 1,
  /** Bad flags, bad config or bad input (INVALID_CONFIG). */
  invalidInput: 2,
  /** No such startup or template. */
  notFound: 3,
  /** Refused for now: concurrency limit, resources, quota, a conflicting name or state. */
  refused: 4,
  /** A startup's pipeline failed; `factory show` says where. */
  pipelineFailed: 5,
  /** A back end (database, Redis) is unreachable. */
  unavailable: 6,
  /**
   * Another live factory process (such as `factory serve`) writes the embedded data folder: stop it,
   * use its HTTP API, or point this command at another data folder.
   */
  dataDirLocked: 7,
  /** A deploy or redeploy did not become healthy (DEPLOY_FAILED); what served before keeps serving. */
  deployFailed: 8,
  /** The AI providers failed or none is configured (PROVIDER_ERROR, ALL_PROVIDERS_FAILED, NO_PROVIDER). */
  aiUnavailable: 9,
  /** The AI answered, but not what the task asks for, even after a re-ask (INVALID_OUTPUT). */
  aiInvalidOutput: 10,
  /** A task was cancelled or did not finish in time (TASK_CANCELLED, TASK_TIMEOUT). */
  taskFailed: 11,
} as const;

/** The exit code for an error code; a code this version does not know (a stored INTERNAL) is 1. */
function exitCodeForCode(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_CONFIG':
    case 'CHANGE_NOT_UNDERSTOOD':
    case 'UNSAFE_PATH':
    case 'TEMPLATE_UNSUPPORTED':
      return EXIT.invalidInput;
    case 'NOT_FOUND':
    case 'TEMPLATE_NOT_FOUND':
      return EXIT.notFound;
    case 'STORE_UNAVAILABLE':
    case 'QUEUE_UNAVAILABLE':
      return EXIT.unavailable;
    case 'CONCURRENCY_LIMIT':
    case 'INSUFFICIENT_MEMORY':
    case 'INSUFFICIENT_RESOURCES':
    case 'PORTS_EXHAUSTED':
    case 'QUOTA_EXCEEDED':
    case 'CONFLICT':
    case 'INVALID_TRANSITION':
    case 'STARTUP_LEASED':
    case 'SPEC_CHANGE_REFUSED':
      return EXIT.refused;
    case 'EVOLVE_FAILED':
      return EXIT.pipelineFailed;
    case 'DATA_DIR_LOCKED':
      return EXIT.dataDirLocked;
    case 'DEPLOY_FAILED':
      return EXIT.deployFailed;
    case 'PROVIDER_ERROR':
    case 'ALL_PROVIDERS_FAILED':
    case 'NO_PROVIDER':
      return EXIT.aiUnavailable;
    case 'INVALID_OUTPUT':
      return EXIT.aiInvalidOutput;
    case 'TASK_CANCELLED':
    case 'TASK_TIMEOUT':
      return EXIT.taskFailed;
    default: {
      // Every code is listed above: a new code fails to compile here until it is given its exit code.
      const unlisted: never = code;
      void unlisted;
      return EXIT.internal;
    }
  }
}

/** The exit code for what a command threw: by the error's code; anything not a FactoryError is 1. */
export function exitCodeFor(error: unknown): number {
  return FactoryError.isInstance(error) ? exitCodeForCode(error.code) : EXIT.internal;
}

const AI_AND_TASK_EXITS: readonly number[] = [EXIT.aiUnavailable, EXIT.aiInvalidOutput, EXIT.taskFailed];

/**
 * The exit code for a startup a command ran to its end: 0, or 5 for a failed pipeline, except that a
 * failure of the AI or of a task (recorded by its error code) exits as that group does, so a script
 * can tell a provider outage from a broken build.
 */
export function exitCodeForStartup(startup: { status: string; error: { code: string } | null }): number {
  if (startup.status !== 'failed') return EXIT.ok;
  // A stored code is any string; one this version does not know maps to 1, so to 5 here.
  const group = exitCodeForCode((startup.error?.code ?? '') as ErrorCode);
  return AI_AND_TASK_EXITS.includes(group) ? group : EXIT.pipelineFailed;
}

/** What to do after an AI or task failure whose own message (a vendor's words) may not say it. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  PROVIDER_ERROR:
    "Check the AI provider's API key, base URL, model and status (`factory doctor`), then run the command again.",
  INVALID_OUTPUT:
    'The model did not answer in the shape the task needs, even when asked again: run the command again, or configure another model or provider for it.',
  TASK_TIMEOUT:
    'The task may still finish: check it with `factory show <startup>`, then run the command again, with a longer timeout if it allows one.',
  TASK_CANCELLED:
    'Run the command again (or `factory resume <startup>` for a pipeline) to run the task afresh.',
};

/** The next step to print after `error`'s own message, when that message may not say it. */
export function nextStepFor(error: unknown): string | undefined {
  return FactoryError.isInstance(error) ? NEXT_STEP[error.code] : undefined;
}
