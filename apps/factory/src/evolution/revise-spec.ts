import { randomUUID } from 'node:crypto';
import {
  ChangeNotUnderstoodError,
  type ErrorCode,
  FactoryError,
  MvpSpec,
  NotFoundError,
  parseInput,
  SPEC_REVISION_TASK,
  SpecRevisionInput,
} from '@startup-factory/contracts';
import { taskFailure } from '@startup-factory/core';
import type { Factory } from '../factory';

export interface ReviseSpecOptions {
  /** The spec to revise; defaults to the startup's current MVP spec (the mvp_spec phase's output). */
  spec?: unknown;
  /** How long to wait for the task (default: the queue's own wait). */
  timeoutMs?: number;
}

const PROMPT =
  "Apply the founder's change in the input to the current spec in the input and return the whole new spec version.";

/**
 * Turns a founder's words into the next MVP spec version: one `spec_revision` task submitted
 * through the factory's queue and coordinator, as the pipeline submits its AI tasks, so routing,
 * quotas, re-asks and the offline reviser all apply. The result is validated by the spec schema;
 * an offline answer says `draftedOffline: true`. Bad input is INVALID_CONFIG before anything is
 * submitted; a change the offline reviser cannot read is CHANGE_NOT_UNDERSTOOD.
 */
export async function reviseSpec(
  factory: Pick<Factory, 'parts'>,
  idOrSlug: string,
  change: string,
  options: ReviseSpecOptions = {},
): Promise<MvpSpec> {
  const { manager, pipeline, queue } = factory.parts;
  const startup = await manager.getStartup(idOrSlug);
  const spec = options.spec ?? (await pipeline.outputOf(startup.id, 'mvp_spec'));
  if (spec === null || spec === undefined) {
    throw new NotFoundError({
      message: `Startup ${startup.slug} has no MVP spec yet: resume it (factory resume ${startup.slug}) until its spec is drafted, or evolve it with --spec <file>.`,
    });
  }
  const input = parseInput(SpecRevisionInput, { spec, change }, 'spec revision');
  const id = `${startup.id}.${SPEC_REVISION_TASK}.${randomUUID()}`;
  await queue.submit({
    id,
    startupId: startup.id,
    type: SPEC_REVISION_TASK,
    prompt: PROMPT,
    input,
    outputSchema: 'mvp_spec',
  });
  const result = await queue
    .waitForResult(id, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
    .catch(async (error: unknown) => {
      // Nobody waits for it any more: settle it rather than leave it queued.
      await queue.cancel(id).catch(() => false);
      throw error;
    });
  if (result.status !== 'succeeded') {
    const message = result.error?.message ?? `the ${SPEC_REVISION_TASK} task ${result.status}`;
    if (result.error?.code === 'CHANGE_NOT_UNDERSTOOD')
      throw new ChangeNotUnderstoodError({ change, message });
    throw taskFailure(result, `The spec revision of ${startup.slug} ${result.status}: ${message}`);
  }
  return MvpSpec.parse(result.output);
}
