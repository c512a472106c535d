import type {
  Architecture,
  CodeSlots,
  FounderAnalysis,
  MarketResearch,
  MvpSpec,
  OutputSchemaName,
  PhaseName,
} from '@startup-factory/contracts';

/** One AI task of a phase, before it gets an id. `after` names sibling steps it depends on. */
export interface PlannedTask {
  name: string;
  type: string;
  outputSchema: OutputSchemaName;
  prompt: string;
  priority: number;
  after: string[];
}

/** Phases that ask AI providers, each a small DAG of tasks plus a merge of their outputs. */
export interface AiPhasePlan {
  phase: PhaseName;
  tasks: PlannedTask[];
  merge(outputs: Record<string, unknown>): unknown;
}

const task = (
  name: string,
  type: string,
  outputSchema: OutputSchemaName,
  prompt: string,
  priority: number,
  after: string[] = [],
): PlannedTask => ({
  name,
  type,
  outputSchema,
  prompt,
  priority,
  after,
});

const only = (name: string) => (outputs: Record<string, unknown>) => outputs[name];

/**
 * Market research splits into four independent angles that run in parallel; the merge takes each
 * section from the task that focused on it.
 */
function mergeMarketResearch(outputs: Record<string, unknown>): MarketResearch {
  const part = (name: string) => outputs[name] as MarketResearch;
  const competitors = part('competitors');
  return {
    summary: competitors.summary,
    competitors: competitors.competitors,
    marketSize: part('market_size').marketSize,
    personas: part('personas').personas,
    pricing: part('pricing').pricing,
    draftedOffline: Object.values(outputs).some((o) => (o as MarketResearch).draftedOffline),
  };
}

export const AI_PHASE_PLANS: Record<
  'founder_analysis' | 'market_research' | 'mvp_spec' | 'architecture',
  AiPhasePlan
> = {
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
        'market_research',
        'Research the market, focusing on named competitors and their weaknesses.',
        3,
      ),
      task(
        'market_size',
        'market_research.market_size',
        'market_research',
        'Research the market, focusing on TAM, SAM and SOM with a rationale.',
        3,
      ),
      task(
        'personas',
        'market_research.personas',
        'market_research',
        'Research the market, focusing on user personas and their pain points.',
        3,
      ),
      task(
        'pricing',
        'market_research.pricing',
        'market_research',
        'Research the market, focusing on pricing tiers competitors use.',
        3,
      ),
    ],
    merge: mergeMarketResearch,
  },
  mvp_spec: {
    phase: 'mvp_spec',
    tasks: [
      task(
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
};

/** Phases after which a startup created with `approvalRequired` waits for a person. */
export const GATED_PHASES: readonly PhaseName[] = ['mvp_spec', 'architecture'];
