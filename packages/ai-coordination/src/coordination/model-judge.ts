import type { APIQuota, IProvider, StartupContext, Task } from '@startup-factory/contracts';
import { z } from 'zod';
import { type CallEnvironment, callProvider, ProviderAttemptsFailed } from './provider-call';

/** What the judge model answers. */
const Judgement = z.object({
  score: z.number().min(0).max(1),
  reason: z.string().max(4000),
});

const JUDGEMENT_SCHEMA = {
  name: 'quality_judgement',
  schema: {
    type: 'object',
    properties: {
      score: { type: 'number', minimum: 0, maximum: 1 },
      reason: { type: 'string' },
    },
    required: ['score', 'reason'],
    additionalProperties: false,
  },
};

/** Enough of the answer to judge it; the judge's own call stays far below any context window. */
const MAX_ANSWER_CHARS = 12_000;

const SYSTEM = [
  'You are a demanding reviewer of the work of an AI startup analyst.',
  'Grade the answer from 0 to 1: 1 is specific to this startup, internally consistent, concrete (names, numbers, steps) and actionable; 0.5 is plausible but generic; 0 is wrong, empty or placeholder text.',
  'Reply with one JSON object {"score": number, "reason": string} and nothing else.',
].join('\n');

export interface JudgeJob {
  judge: IProvider;
  task: Task;
  context: StartupContext;
  output: unknown;
  quota: APIQuota;
}

/**
 * Asks the judge provider to grade one answer, 0..1. Its call is booked against the startup's
 * quota and recorded like any other (task type `<task type>.judge`). A judge that fails, answers
 * off-schema or finds the quota spent gives no score (undefined): the task keeps its answer.
 */
export async function judgeAnswer(env: CallEnvironment, job: JudgeJob): Promise<number | undefined> {
  const { task, context } = job;
  const config = context.config;
  const answer = JSON.stringify(job.output).slice(0, MAX_ANSWER_CHARS);
  const user = [
    `Startup: ${config.name} (${config.industry}, ${config.category})${config.description ? `: ${config.description}` : ''}`,
    `Task (${task.type}): ${task.prompt || 'see the task type'}`,
    `Answer:\n${answer}`,
  ].join('\n\n');
  try {
    const result = await callProvider(env, {
      provider: job.judge,
      request: {
        system: SYSTEM,
        messages: [{ role: 'user', content: user }],
        jsonSchema: JUDGEMENT_SCHEMA,
        taskType: `${task.type}.judge`,
        startupId: task.startupId,
        context,
      },
      schema: Judgement,
      quota: job.quota,
      startupId: task.startupId,
      taskId: task.id,
      taskType: `${task.type}.judge`,
      phase: task.phase,
      firstReason: 'first',
      maxCalls: 1,
    });
    return (result.output as z.infer<typeof Judgement>).score;
  } catch (error) {
    const reason = error instanceof ProviderAttemptsFailed ? error.error.message : (error as Error).message;
    env.log('warn', `the quality judge ${job.judge.name} gave no score on ${task.type}: ${reason}`);
    return undefined;
  }
}
