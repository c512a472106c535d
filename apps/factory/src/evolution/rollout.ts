import { FactoryError, type IDeployService } from '@startup-factory/contracts';

/**
 * What happened to a deployed app after an evolve or a rollback: `switched` means the new build
 * started, passed its health check and took the traffic (the deployment's generation went up);
 * `failed` means it did not and the previous build keeps serving (`reason` says why).
 */
export type Rollout =
  | { status: 'not_deployed' }
  | { status: 'switched'; url: string | null; generation: number; activePort: number | null }
  | { status: 'failed'; reason: string; code: string };

/**
 * The one place evolve and rollback reach a deployed app: through the deploy service's zero-downtime
 * redeploy (blue/green: the new build starts on the other app port, passes its health check, takes
 * the traffic, the old one drains and stops), waited for until it switched or failed.
 */
export async function rollOut(deploys: IDeployService, ref: string): Promise<Rollout> {
  const before = await deploys.status(ref);
  if (before.state === 'orphaned') {
    return {
      status: 'failed',
      code: 'DEPLOY_FAILED',
      reason: `the process that hosted the deployment (${before.url}) is gone, so nothing could switch it; the app it left serves the previous build until \`factory deploy ${before.slug}\` replaces it.`,
    };
  }
  if (before.state !== 'running') return { status: 'not_deployed' };
  try {
    const after = await deploys.redeploy(ref);
    if (after.state !== 'running' || after.generation <= before.generation) {
      return {
        status: 'failed',
        code: 'DEPLOY_FAILED',
        reason: `the deployment did not switch (generation ${after.generation}, state ${after.state})${after.lastError ? `: ${after.lastError}` : ''}; the previous build keeps serving`,
      };
    }
    return {
      status: 'switched',
      url: after.url,
      generation: after.generation,
      activePort: after.activePort,
    };
  } catch (error) {
    return {
      status: 'failed',
      code: FactoryError.isInstance(error) ? error.code : 'DEPLOY_FAILED',
      reason: (error as Error).message,
    };
  }
}

/** One line for the CLI about a rollout. */
export function describeRollout(rollout: Rollout | null, slug: string): string {
  if (!rollout || rollout.status === 'not_deployed')
    return 'Not deployed; migrations apply when the app next starts.';
  if (rollout.status === 'switched')
    return `The deployed app switched to the new build (deployment generation ${rollout.generation}, healthy, at ${rollout.url}).`;
  return `The deployed app did not switch and keeps serving the previous build: ${rollout.reason} Retry with \`factory redeploy ${slug}\`.`;
}
