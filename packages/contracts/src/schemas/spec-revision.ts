import { z } from 'zod';
import { boundedText } from './common';
import { MvpSpec } from './mvp-spec';

/** The task type that turns a founder's words into a new spec version; its output schema is `mvp_spec`. */
export const SPEC_REVISION_TASK = 'spec_revision';

/** What a `spec_revision` task takes: the current spec and the change the founder asks for. */
export const SpecRevisionInput = z.object({
  spec: MvpSpec,
  change: boundedText(4000).refine((text) => text.trim().length > 0, 'say what should change'),
});
export type SpecRevisionInput = z.infer<typeof SpecRevisionInput>;
