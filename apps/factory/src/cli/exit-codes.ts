import { FactoryError } from '@startup-factory/contracts';

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
} as const;

/** The exit code for what a command threw: by the error's code; anything not a FactoryError is 1. */
export function exitCodeFor(error: unknown): number {
  if (!FactoryError.isInstance(error)) return EXIT.internal;
  switch (error.code) {
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
    case 'INVALID_OUTPUT':
    case 'TASK_CANCELLED':
    case 'TASK_TIMEOUT':
      return EXIT.internal;
    default: {
      // Every code is listed above: a new code fails to compile here until it is given its exit code.
      const unlisted: never = error.code;
      return unlisted;
    }
  }
}
