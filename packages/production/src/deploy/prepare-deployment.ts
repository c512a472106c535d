import { InvalidConfigError, type StartupInstance } from '@startup-factory/contracts';
import { writeDeployManifests } from './k8s-manifests';

/** The startup's allocation; INVALID_CONFIG when it holds none to deploy on. */
export function requireAllocation(startup: StartupInstance) {
  if (!startup.resourceAllocation) {
    throw new InvalidConfigError({
      message: `Startup ${startup.slug} holds no resource allocation to deploy on.`,
    });
  }
  return startup.resourceAllocation;
}

/**
 * Makes a generated project ready to ship without running it: the Kubernetes manifests (limits
 * from the allocation, readiness on the health path) and a Dockerfile when the template has none.
 * The pipeline's deploy phase does this when no process stays up to run the app. A project that is
 * not a Node web app and ships no Dockerfile (a fluttermobile app) is refused with INVALID_CONFIG,
 * saying how to build it instead, before anything is written.
 */
export function prepareDeployment(
  startup: StartupInstance,
  projectDir: string,
  options: { healthPath?: string } = {},
): { files: string[] } {
  const files = writeDeployManifests(projectDir, {
    slug: startup.slug,
    allocation: requireAllocation(startup),
    healthPath: options.healthPath ?? '/api/health',
  });
  return { files };
}
