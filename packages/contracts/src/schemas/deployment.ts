import { z } from 'zod';
import { Id } from './common';

/**
 * Where a startup's running app stands. `orphaned`: its app still runs but the process that hosted
 * it (and its proxy) died; `stop` ends it, a new `deploy` replaces it.
 */
export const DeploymentState = z.enum(['not_deployed', 'running', 'stopped', 'failed', 'orphaned']);
export type DeploymentState = z.infer<typeof DeploymentState>;

/** A startup's deployment as the deploy service reports it (HTTP `GET .../deployment`, `factory deployment`). */
export const DeploymentStatus = z.object({
  startupId: Id,
  slug: z.string(),
  state: DeploymentState,
  /** The proxy's address, stable across redeploys; null when never deployed. */
  url: z.string().nullable(),
  /** The port of the generation serving now behind the proxy. */
  activePort: z.number().int().nullable(),
  /** The process group of the serving app. */
  pid: z.number().int().nullable(),
  /** The process that holds the proxy (`factory serve` or a foreground `factory deploy`). */
  hostPid: z.number().int().nullable(),
  /** 1 after a deploy, +1 on every redeploy that switched. */
  generation: z.number().int().nonnegative(),
  /** Why the last deploy or redeploy failed (the previous build, if any, kept serving). */
  lastError: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;

/** The status of a startup never deployed. */
export function notDeployedStatus(startupId: string, slug: string): DeploymentStatus {
  return {
    startupId,
    slug,
    state: 'not_deployed',
    url: null,
    activePort: null,
    pid: null,
    hostPid: null,
    generation: 0,
    lastError: null,
    updatedAt: null,
  };
}

/** Options of one deploy (CLI flags, HTTP body). */
export const DeployOptions = z
  .object({
    /** Run `npm run build` before each start. */
    build: z.boolean().optional(),
    /** Listen here instead of the startup's first allocated port. */
    proxyPort: z.number().int().min(1).max(65_535).optional(),
  })
  .strict();
export type DeployOptions = z.infer<typeof DeployOptions>;

/** How many log lines to read (CLI `-n`, HTTP `?lines=`). */
export const LogLines = z.coerce.number().int().min(1).max(10_000).default(50);
