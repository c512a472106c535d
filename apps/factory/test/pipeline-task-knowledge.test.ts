import { hasOwnBrief } from '@startup-factory/ai-coordination';
import { ROUTING_SCENARIO_TASKS } from '@startup-factory/ai-coordination/testing';
import { AI_PHASE_PLANS } from '@startup-factory/core';
import { describe, expect, it } from 'vitest';

/** Every AI task the pipeline runs (core's plan), with the schema it asks for. */
const pipelineTasks = Object.values(AI_PHASE_PLANS).flatMap((plan) =>
  plan.tasks.map((task) => ({ phase: plan.phase, type: task.type, outputSchema: task.outputSchema })),
);

describe("what ai-coordination knows of the pipeline's AI tasks", () => {
  it("the routing scenario of issue 12 asks each task with the pipeline's schema (market research's four part schemas)", () => {
    // The scenario learns routing per task type and schema: a schema the pipeline never sends
    // would teach the learning engine about requests that never happen.
    expect([...ROUTING_SCENARIO_TASKS]).toEqual(pipelineTasks);
  });

  it('every pipeline task type, and the spec revision of evolve, has a brief of its own, not the generic one', () => {
    for (const type of [...pipelineTasks.map((t) => t.type), 'spec_revision']) {
      expect(hasOwnBrief(type), type).toBe(true);
    }
  });
});
