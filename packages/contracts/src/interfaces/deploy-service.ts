import type { DeploymentStatus, DeployOptions } from '../schemas/deployment';

/**
 * Runs the generated apps of startups behind their reverse proxies: the one way the CLI, the HTTP
 * API and the dashboard deploy, redeploy (zero downtime, blue/green), stop and read them. `ref` is
 * a startup's id or slug. Errors: NOT_FOUND (no such startup, no generated project, nothing
 * deployed to redeploy or stop), CONFLICT (already deployed), INVALID_CONFIG (no allocation or
 * too few ports), DEPLOY_FAILED (the new build did not become healthy; what served keeps serving).
 */
export interface IDeployService {
  /** Starts the app on an allocated port with the proxy in front; resolves once it is healthy. */
  deploy(ref: string, options?: DeployOptions): Promise<DeploymentStatus>;
  /** Starts the new build beside the old, switches once healthy, drains and stops the old one. */
  redeploy(ref: string): Promise<DeploymentStatus>;
  /** Stops the app (its whole process group) and the proxy; the ports are free afterwards. */
  stop(ref: string): Promise<DeploymentStatus>;
  /** The last `lines` lines of the app's log, oldest first ([] when it has none). */
  logs(ref: string, lines?: number): Promise<string[]>;
  /** Where the deployment stands; `not_deployed` for a startup never deployed. */
  status(ref: string): Promise<DeploymentStatus>;
  /** Stops every deployment this service hosts. */
  close(): Promise<void>;
}
