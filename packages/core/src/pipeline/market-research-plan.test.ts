import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type IAICoordinator,
  MarketResearch,
  OUTPUT_SCHEMAS,
  type OutputSchemaName,
  type Task,
  type TaskResult,
} from '@startup-factory/contracts';
import {
  createInMemoryStartupState,
  InMemoryResourceAllocator,
  InMemoryStartupManager,
  InMemoryStateStore,
  SAMPLE_PHASE_OUTPUTS,
} from '@startup-factory/contracts/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineWithQueue, succeeded } from '../../test/pipeline-fixture';

/** The market research a model would write for this startup, whichever way it is asked. */
const RESEARCH = MarketResearch.parse({
  summary:
    'Independent veterinary clinics book by phone and paper diaries; a third of calls go unanswered at peak hours. Practice-management suites bundle booking but cost too much for one- and two-vet clinics.',
  competitors: [
    {
      name: 'PetDesk',
      description: 'Client app and reminders for vet practices',
      weakness: 'Needs a PIMS integration',
    },
    {
      name: 'Vetstoria',
      description: 'Online booking widget for clinics',
      weakness: 'Priced per site, costly for small chains',
    },
    {
      name: 'Paper diary',
      description: 'The front desk books by phone',
      weakness: 'Missed calls and double bookings',
    },
  ],
  marketSize: {
    tamUsd: 2_400_000_000,
    samUsd: 310_000_000,
    somUsd: 6_200_000,
    rationale:
      '32,000 US clinics x $650/month for front-desk software; 13% are independent one- or two-vet clinics; 2% of those in three years.',
  },
  personas: [
    {
      name: 'Practice manager at a two-vet clinic',
      description: 'Runs the front desk and the rota',
      painPoints: ['Phone rings during consults', 'No-shows cost two slots a day'],
    },
    {
      name: 'Pet owner',
      description: 'Books check-ups and vaccinations',
      painPoints: ['Cannot book after hours'],
    },
  ],
  pricing: [
    { tier: 'Solo', priceUsdMonthly: 49, features: ['Online booking', 'Reminders'] },
    { tier: 'Clinic', priceUsdMonthly: 129, features: ['Online booking', 'Reminders', 'Several vets'] },
  ],
  draftedOffline: true,
  genericDraft: 'Drafted generically: no catalogue industry fits veterinary clinics.',
});

/** Tokens of an answer, about four characters each, as the loopback server counts them. */
const tokensOf = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);
const pick = (keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in RESEARCH).map((k) => [k, RESEARCH[k as keyof typeof RESEARCH]]));

/**
 * The least a decomposed market research can produce: each section written once, the summary
 * with the competitors, and the offline marks that every answer carries.
 */
const SECTIONS = [['summary', 'competitors'], ['marketSize'], ['personas'], ['pricing']];
const MARKS = ['draftedOffline', 'genericDraft'];
const PER_PART_MINIMUM = SECTIONS.reduce((n, keys) => n + tokensOf(pick([...keys, ...MARKS])), 0);

/**
 * A coordinator that answers like a model does: with every field of the schema it is asked for,
 * taken from the research above (samples for the other phases), counting the output tokens.
 */
function modelLikeCoordinator() {
  const asked: Task[] = [];
  let outputTokens = 0;
  const coordinator: IAICoordinator = {
    availableProviders: () => ['model-like'],
    shareContextBetweenProviders: async (_id, _from, _to, context) => context,
    async executeTaskWithContext(task): Promise<TaskResult> {
      const name = task.outputSchema as OutputSchemaName;
      const schema = OUTPUT_SCHEMAS[name];
      let output: unknown;
      if (task.phase === 'market_research') {
        asked.push(task);
        const answer = pick(Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape));
        outputTokens += tokensOf(answer);
        output = schema.parse(answer);
      } else {
        output = schema.parse(SAMPLE_PHASE_OUTPUTS[name]);
      }
      return succeeded(task, output);
    },
  };
  return { coordinator, asked, outputTokens: () => outputTokens };
}

describe('market research in the pipeline', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function runStartup() {
    const dir = mkdtempSync(join(tmpdir(), 'sf-market-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const store = new InMemoryStateStore();
    const manager = new InMemoryStartupManager({
      state: createInMemoryStartupState(new InMemoryResourceAllocator()),
    });
    const model = modelLikeCoordinator();
    const { pipeline, queue } = pipelineWithQueue({ manager, coordinator: model.coordinator, store, dir });
    closers.push(() => queue.close());
    const id = await manager.createStartup({
      name: 'Vet Slots',
      industry: 'Veterinary clinic booking',
      category: 'B2B SaaS',
      template: 'fake',
    });
    const done = await pipeline.run(id);
    expect(done.status).toBe('completed');
    const merged = await pipeline.outputOf(id, 'market_research');
    const document = readFileSync(join(dir, 'startups', 'vet-slots', 'docs', 'market-research.md'), 'utf8');
    return { ...model, merged, document };
  }

  it('asks each subtask for its own part only: output tokens at most 1.1x the per-part minimum', async () => {
    const { asked, outputTokens } = await runStartup();
    // Asking all four for the whole document, as main did, gives 3.24x here (4.35x in the issue).
    const ratio = outputTokens() / PER_PART_MINIMUM;
    expect(
      ratio,
      `output tokens ${outputTokens()} vs per-part minimum ${PER_PART_MINIMUM}`,
    ).toBeLessThanOrEqual(1.1);
    expect(asked).toHaveLength(4);
    const schemas = asked.map((t) => t.outputSchema);
    expect(new Set(schemas).size, `schemas asked: ${schemas.join(', ')}`).toBe(4);
    expect(schemas).not.toContain('market_research');
  });

  it('merges the parts into the whole research, keeping the offline and generic-draft marks', async () => {
    const { merged, document } = await runStartup();
    expect(MarketResearch.parse(merged)).toEqual(RESEARCH);
    expect(document).toContain('Drafted offline');
    expect(document).toContain(RESEARCH.genericDraft);
  });
});
