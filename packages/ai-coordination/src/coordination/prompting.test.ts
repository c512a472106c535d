import type { CompletionRequest } from '@startup-factory/contracts';
import { InMemoryStateStore, MockProvider, SAMPLE_PHASE_OUTPUTS } from '@startup-factory/contracts/testing';
import { describe, expect, it } from 'vitest';
import { instantSleep, taskFor } from '../../test/fixtures';
import { FULL_FOUNDER, founderContext, PIPELINE_TASKS, runPipelineTasks } from '../../test/pipeline-tasks';
import { draftOffline } from '../offline/offline-provider';
import { jsonSchemaForName } from '../structured/schema-registry';
import { AICoordinator } from './ai-coordinator';
import { summarizeOutput } from './prompting';

/** A provider that answers every request with the offline draft for its schema and records it. */
const recorder = () =>
  new MockProvider({
    name: 'recorder',
    complete: (r) => ({ text: JSON.stringify(draftOffline(r.jsonSchema?.name ?? r.taskType)) }),
  });

const coordinatorWith = (provider: MockProvider) =>
  new AICoordinator({ providers: [provider], store: new InMemoryStateStore(), sleep: instantSleep });

const userTurn = (r: CompletionRequest | undefined) => r?.messages.at(-1)?.content ?? '';

/** The JSON between <tag> and </tag> in a prompt. */
function section(prompt: string, tag: string): string {
  const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(prompt);
  if (!match?.[1]) throw new Error(`no <${tag}> section in:\n${prompt.slice(0, 2000)}`);
  return match[1];
}

/** An MVP spec far larger than any prompt budget: 20 entities of 30 fields with long descriptions. */
function hugeSpec() {
  const spec = structuredClone(SAMPLE_PHASE_OUTPUTS.mvp_spec) as { entities: unknown[] };
  spec.entities = Array.from({ length: 20 }, (_, e) => ({
    name: `Entity${String.fromCharCode(65 + e)}x`,
    description: 'A record the couriers keep. '.repeat(15),
    fields: Array.from({ length: 30 }, (_, f) => ({
      name: `field${f}`,
      type: 'string',
      description: `Field ${f} holds what dispatchers write down about the delivery. `.repeat(4),
    })),
  }));
  return spec;
}

describe('prompts', () => {
  it("carry the founder's background, skills, experience and goals in all eight pipeline tasks", async () => {
    const provider = recorder();
    await runPipelineTasks(coordinatorWith(provider), 's1');
    expect(provider.calls).toHaveLength(8);
    for (const call of provider.calls) {
      const text = userTurn(call);
      expect(text, call.taskType).toContain(FULL_FOUNDER.background);
      expect(text, call.taskType).toContain('marker-skill-sql');
      expect(text, call.taskType).toContain(FULL_FOUNDER.goals);
      expect(text, call.taskType).toMatch(/"experienceYears":17/);
    }
  });

  it('give each task type its own system prompt that describes every field of its output', async () => {
    const provider = recorder();
    await runPipelineTasks(coordinatorWith(provider), 's1');
    const systems = provider.calls.map((c) => c.system ?? '');
    expect(new Set(systems).size).toBe(PIPELINE_TASKS.length);
    for (const [i, step] of PIPELINE_TASKS.entries()) {
      const properties = Object.keys(
        (jsonSchemaForName(step.outputSchema)?.schema.properties ?? {}) as object,
      ).filter((p) => p !== 'draftedOffline');
      for (const property of properties) expect(systems[i], step.type).toContain(`\`${property}\``);
      expect(systems[i]).toContain('Routely');
      expect(systems[i]).toMatch(/judged/i);
    }
  });

  it('say when the founder left a profile field out rather than leaving the model to guess', async () => {
    const provider = recorder();
    const context = founderContext('s1');
    context.config.founderProfile = { name: 'Ada', skills: [] };
    await coordinatorWith(provider).executeTaskWithContext(taskFor('s1', 'founder_analysis'), context);
    expect(userTurn(provider.calls[0])).toMatch(/not given.*background.*skills.*experienceYears.*goals/i);
  });

  it('send earlier phases as valid, bounded JSON that marks what was left out, never cut mid-value', async () => {
    const provider = recorder();
    const phases = {
      founder_analysis: SAMPLE_PHASE_OUTPUTS.founder_analysis,
      market_research: SAMPLE_PHASE_OUTPUTS.market_research,
      mvp_spec: hugeSpec(),
    };
    await coordinatorWith(provider).executeTaskWithContext(
      taskFor('s1', 'code_slots'),
      founderContext('s1', phases),
    );
    const json = section(userTurn(provider.calls[0]), 'earlier_phases');
    expect(json.length).toBeLessThan(20_000);
    const parsed = JSON.parse(json);
    // Small phases beside a huge one arrive whole; the huge one is summarised, its entities all named.
    expect(parsed.founder_analysis).toEqual(phases.founder_analysis);
    expect(parsed.market_research).toEqual(phases.market_research);
    expect(json).toContain('left out');
    for (const e of phases.mvp_spec.entities as Array<{ name: string }>) expect(json).toContain(e.name);
  });

  it('send small earlier phases whole', async () => {
    const provider = recorder();
    const phases = {
      founder_analysis: SAMPLE_PHASE_OUTPUTS.founder_analysis,
      mvp_spec: SAMPLE_PHASE_OUTPUTS.mvp_spec,
    };
    await coordinatorWith(provider).executeTaskWithContext(
      taskFor('s1', 'architecture'),
      founderContext('s1', phases),
    );
    const json = section(userTurn(provider.calls[0]), 'earlier_phases');
    expect(JSON.parse(json)).toEqual(phases);
    expect(userTurn(provider.calls[0])).not.toContain('left out');
  });

  it('end the user turn with the task, after the context', async () => {
    const provider = recorder();
    await coordinatorWith(provider).executeTaskWithContext(
      taskFor('s1', 'mvp_spec', { prompt: 'Write the MVP specification.' }),
      founderContext('s1', { founder_analysis: SAMPLE_PHASE_OUTPUTS.founder_analysis }),
    );
    const prompt = userTurn(provider.calls[0]);
    expect(prompt.indexOf('<task>')).toBeGreaterThan(prompt.indexOf('</earlier_phases>'));
    expect(section(prompt, 'task')).toContain('Write the MVP specification.');
  });
});

describe('summarizeOutput', () => {
  it('keeps a large output without a summary as valid JSON within 1000 characters', () => {
    const trace = summarizeOutput(hugeSpec());
    expect(trace.length).toBeLessThanOrEqual(1000);
    expect(() => JSON.parse(trace)).not.toThrow();
  });

  it('uses the summary when the output has one', () => {
    expect(summarizeOutput(SAMPLE_PHASE_OUTPUTS.founder_analysis)).toBe(
      SAMPLE_PHASE_OUTPUTS.founder_analysis.summary,
    );
  });
});
