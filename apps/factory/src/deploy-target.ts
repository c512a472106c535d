import { type IStartupManager, NotFoundError } from '@startup-factory/contracts';
import type { Pipeline } from '@startup-factory/core';
import type { DeployTarget } from '@startup-factory/production';

/** A startup (id or slug) and its generated project, for the deploy service. */
export async function deployTarget(
  manager: IStartupManager,
  pipeline: Pick<Pipeline, 'outputOf'>,
  ref: string,
): Promise<DeployTarget> {
  const startup = await manager.getStartup(ref);
  const generated = await pipeline.outputOf<{ projectDir: string }>(startup.id, 'code_generation');
  if (!generated?.projectDir) {
    throw new NotFoundError({
      message: `Startup ${startup.slug} has no generated project yet; finish its pipeline first.`,
    });
  }
  return { startup, projectDir: generated.projectDir };
}
