import { type IProvider, MvpSpec, SPEC_REVISION_TASK, StartupConfig } from '@startup-factory/contracts';
import { InMemoryStateStore } from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { instantSleep, taskFor } from '../../test/fixtures';
import { founderContext } from '../../test/pipeline-tasks';
import { draftMvpSpec } from '../offline/offline-drafts';
import { OfflineProvider } from '../offline/offline-provider';
import { AnthropicProvider } from '../providers/anthropic-provider';
import { OpenAICompatibleProvider } from '../providers/openai-compatible-provider';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../testing/loopback-server';
import { AICoordinator } from './ai-coordinator';
import { seededRandom } from './seeded-random';

const context = founderContext('s1');
const drafted = MvpSpec.parse(draftMvpSpec(StartupConfig.parse(context.config)));
/** A spec larger than the prompt's usual input budget, every field described at length. */
const SPEC: MvpSpec = {
  ...drafted,
  entities: drafted.entities.map((e) => ({
    ...e,
    fields: e.fields.map((f) => ({
      ...f,
      description: `${f.name}: ${'kept as the founder wrote it. '.repeat(9)}`,
    })),
  })),
};
const parent = SPEC.entities[0]?.name as string;
const CHANGE = `Add an entity Invoice with amount (number), due date (date) and a reference to ${parent}`;

/** What a model that did the change well answers: the whole spec with one more entity. */
const revised: MvpSpec = {
  ...SPEC,
  draftedOffline: false,
  entities: [
    ...SPEC.entities,
    {
      name: 'Invoice',
      description: 'A bill sent to a customer.',
      fields: [
        { name: 'amount', type: 'number', required: true, description: '', min: 0 },
        { name: 'dueDate', type: 'date', required: true, description: '' },
        { name: 'owner', type: 'reference', references: parent, required: true, description: '' },
      ],
    },
  ],
};
/** The same answer with a reference to an entity that is in neither spec. */
const invalid = {
  ...revised,
  entities: [
    ...SPEC.entities,
    { name: 'Invoice', fields: [{ name: 'vendor', type: 'reference', references: 'Vendor' }] },
  ],
};

const revisionTask = () =>
  taskFor('s1', SPEC_REVISION_TASK, {
    outputSchema: 'mvp_spec',
    input: { spec: SPEC, change: CHANGE },
    prompt: 'Apply the change to the spec and return the whole new spec.',
  });

const coordinatorFor = (provider: IProvider) =>
  new AICoordinator({
    providers: [provider],
    store: new InMemoryStateStore(),
    sleep: instantSleep,
    random: seededRandom(3),
  });

const userTurns = (r: RecordedRequest) =>
  (r.body.messages as Array<{ role: string; content: unknown }>)
    .filter((m) => m.role === 'user')
    .map((m) => JSON.stringify(m.content));

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

for (const protocol of ['openai', 'anthropic'] as const) {
  describe(`spec_revision through the official ${protocol} SDK`, () => {
    const providerFor = (s: LoopbackServer): IProvider =>
      protocol === 'openai'
        ? new OpenAICompatibleProvider({ name: 'vllm', apiKey: 'sk-local', baseURL: s.openaiBaseURL })
        : new AnthropicProvider({ name: 'claude', apiKey: 'sk-ant-local', baseURL: s.anthropicBaseURL });

    it('sends the whole current spec and the change, and keeps the revised spec the model returns', async () => {
      server = await startLoopbackServer({ responder: () => ({ content: JSON.stringify(revised) }) });
      const result = await coordinatorFor(providerFor(server)).executeTaskWithContext(
        revisionTask(),
        context,
      );
      expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
      expect(MvpSpec.parse(result.output)).toEqual(revised);
      const [request] = server.requests as [RecordedRequest];
      expect(request.schemaName).toBe('mvp_spec');
      const sent = JSON.stringify(request.body);
      expect(sent).toContain('the whole new spec version');
      const turn = userTurns(request).join('');
      expect(turn).toContain(JSON.stringify(CHANGE).slice(1, -1));
      // The whole current spec reaches the model, every description in full, not a shortened one.
      expect(JSON.stringify(SPEC).length).toBeGreaterThan(8_000);
      for (const f of SPEC.entities.flatMap((e) => e.fields)) expect(turn).toContain(f.description.trim());
      expect(turn).not.toContain('left out');
    });

    it('re-asks with the validation errors when the revised spec is invalid, and keeps the corrected one', async () => {
      server = await startLoopbackServer({
        responder: (_, index) => ({ content: JSON.stringify(index === 0 ? invalid : revised) }),
      });
      const result = await coordinatorFor(providerFor(server)).executeTaskWithContext(
        revisionTask(),
        context,
      );
      expect(result.status).toBe('succeeded');
      expect(MvpSpec.parse(result.output).entities.map((e) => e.name)).toContain('Invoice');
      expect(server.requests).toHaveLength(2);
      const reask = userTurns(server.requests[1] as RecordedRequest).at(-1) ?? '';
      expect(reask).toContain('references unknown entity Vendor');
    });

    it('fails the task as INVALID_OUTPUT when the model never returns a valid spec', async () => {
      server = await startLoopbackServer({ responder: () => ({ content: JSON.stringify(invalid) }) });
      const result = await coordinatorFor(providerFor(server)).executeTaskWithContext(
        revisionTask(),
        context,
      );
      expect(result.status).toBe('failed');
      expect(result.error?.code).toBe('INVALID_OUTPUT');
    });
  });
}

describe('spec_revision with the offline provider, through the coordinator', () => {
  it('answers with the revised spec, marked as drafted offline', async () => {
    const result = await coordinatorFor(new OfflineProvider()).executeTaskWithContext(
      revisionTask(),
      context,
    );
    expect(result.status).toBe('succeeded');
    const spec = MvpSpec.parse(result.output);
    expect(spec.draftedOffline).toBe(true);
    expect(spec.entities.find((e) => e.name === 'Invoice')?.fields.map((f) => f.name)).toEqual([
      'amount',
      'dueDate',
      parent.charAt(0).toLowerCase() + parent.slice(1),
    ]);
  });

  it('fails with CHANGE_NOT_UNDERSTOOD, saying what to do, for a change it cannot read', async () => {
    const task = taskFor('s1', SPEC_REVISION_TASK, {
      outputSchema: 'mvp_spec',
      input: { spec: SPEC, change: 'make it feel more premium' },
    });
    const result = await coordinatorFor(new OfflineProvider()).executeTaskWithContext(task, context);
    expect(result.status).toBe('failed');
    expect(result.output).toBeNull();
    expect(result.error?.code).toBe('CHANGE_NOT_UNDERSTOOD');
    expect(result.error?.message).toContain('make it feel more premium');
    expect(result.error?.message).toMatch(/OPENAI_API_KEY|--spec/);
  });
});
