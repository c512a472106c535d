import {
  type Architecture,
  type CodeSlots,
  type FounderAnalysis,
  type MarketLandscape,
  type MarketPersonas,
  type MarketPricing,
  MarketResearch,
  type MarketSizing,
  type MvpSpec,
  type OutputSchemaName,
  type PHASE_REGISTRY,
} from '@startup-factory/contracts';

/**
 * One AI task of a phase, before it gets an id. `after` names sibling steps it depends on.
 * `outputSchema` is an OUTPUT_SCHEMAS name for the default phases (checked below).
 */
export interface PlannedTask<Schema extends string = string> {
  name: string;
  type: string;
  outputSchema: Schema;
  prompt: string;
  priority: number;
  after: string[];
  /** The most output tokens one answer may have, when the provider's default is too few. */
  maxOutputTokens?: number;
}

/** Phases that ask AI providers, each a small DAG of tasks plus a merge of their outputs. */
export interface AiPhasePlan<Schema extends string = string> {
  phase: string;
  tasks: PlannedTask<Schema>[];
  merge(outputs: Record<string, unknown>): unknown;
}

const task = (
  name: string,
  type: string,
  outputSchema: OutputSchemaName,
  prompt: string,
  priority: number,
  after: string[] = [],
): PlannedTask<OutputSchemaName> => ({
  name,
  type,
  outputSchema,
  prompt,
  priority,
  after,
});

const only = (name: string) => (outputs: Record<string, unknown>) => outputs[name];

/**
 * Market research splits into its four parts, run in parallel, each asked for its own part schema
 * only; the merge puts the sections together and keeps the marks any part carries.
 */
function mergeMarketResearch(outputs: Record<string, unknown>): MarketResearch {
  const landscape = outputs.competitors as MarketLandscape;
  const sizing = outputs.market_size as MarketSizing;
  const personas = outputs.personas as MarketPersonas;
  const pricing = outputs.pricing as MarketPricing;
  const parts = [landscape, sizing, personas, pricing];
  const genericDraft = parts.find((p) => p.genericDraft)?.genericDraft;
  return MarketResearch.parse({
    summary: landscape.summary,
    competitors: landscape.competitors,
    marketSize: sizing.marketSize,
    personas: personas.personas,
    pricing: pricing.pricing,
    draftedOffline: parts.some((p) => p.draftedOffline),
    ...(genericDraft ? { genericDraft } : {}),
  });
}

/** The default registry's AI phases. */
export type AiPhaseName = Extract<(typeof PHASE_REGISTRY)[number], { kind: 'ai' }>['name'];

export const AI_PHASE_PLANS = {
  founder_analysis: {
    phase: 'founder_analysis',
    tasks: [
      task(
        'analysis',
        'founder_analysis',
        'founder_analysis',
        'Assess the founder against this startup: strengths, gaps and concrete recommendations.',
        2,
      ),
    ],
    merge: only('analysis') as (o: Record<string, unknown>) => FounderAnalysis,
  },
  market_research: {
    phase: 'market_research',
    tasks: [
      task(
        'competitors',
        'market_research.competitors',
        'market_landscape',
        'Summarise the market and name the competitors customers would otherwise use, with their weaknesses.',
        3,
      ),
      task(
        'market_size',
        'market_research.market_size',
        'market_size',
        'Size the market: TAM, SAM and SOM in USD with the rationale behind them.',
        3,
      ),
      task(
        'personas',
        'market_research.personas',
        'market_personas',
        'Describe the personas who buy or use the product and their pain points.',
        3,
      ),
      task(
        'pricing',
        'market_research.pricing',
        'market_pricing',
        'Propose pricing tiers with monthly USD prices and features, anchored on what competitors charge.',
        3,
      ),
    ],
    merge: mergeMarketResearch,
  },
  mvp_spec: {
    phase: 'mvp_spec',
    tasks: [
      {
        ...task(
          'spec',
          'mvp_spec',
          'mvp_spec',
          [
            'Write the MVP specification: entities with typed fields, user stories and pages, from the research so far.',
            'When a record belongs to another (an appointment to its patient, a payment to its invoice), give it a field of type "reference" whose `references` is the exact name of another entity of this spec. A reference is many-to-one: put it on the belonging side, never a list of ids; list referenced entities first.',
            'A reference may set onDelete: "cascade" deletes it with the record it references, "restrict" refuses that delete while it exists (the default when required), "set_null" clears it (the default when optional; optional references only).',
            'Give string and text fields a maxLength where a natural limit exists (a name 120, a code 40), and integer and number fields min and/or max (amounts min 0, a rating min 1 max 5).',
            'Never declare id, createdAt or updatedAt: they are added automatically.',
          ].join('\n'),
          2,
        ),
        // Up to 20 entities, 50 stories and 50 pages: more than the default limit allows.
        maxOutputTokens: 16_384,
      },
    ],
    merge: only('spec') as (o: Record<string, unknown>) => MvpSpec,
  },
  architecture: {
    phase: 'architecture',
    tasks: [
      task(
        'architecture',
        'architecture',
        'architecture',
        'Describe the architecture of the MVP: components, data flow, deployment, risks.',
        2,
      ),
      task(
        'slots',
        'code_slots',
        'code_slots',
        [
          'Write the product copy for the generated app: headline, tagline, features, call to action.',
          'Name only what the generated app does: it keeps the records of the MVP spec (its entities), links them, lists, searches and sorts them, and shows them on a dashboard. Mention no feature it lacks (reminders, payments, booking, integrations) and no price or free trial; the call to action opens the dashboard.',
        ].join('\n'),
        2,
      ),
    ],
    merge: (outputs) => ({
      architecture: outputs.architecture as Architecture,
      slots: outputs.slots as CodeSlots,
    }),
  },
} satisfies Record<AiPhaseName, AiPhasePlan<OutputSchemaName>>;
