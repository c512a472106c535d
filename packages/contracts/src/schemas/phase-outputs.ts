import { z } from 'zod';
import { boundedText } from './common';
import { MvpSpec } from './mvp-spec';

const Line = boundedText(1000);
const offline = {
  draftedOffline: z.boolean().default(false),
  /**
   * Set by the offline drafter when no catalogue industry fit the idea, so the draft is generic
   * (records and copy from the idea's own words); says so in one sentence.
   */
  genericDraft: boundedText(300).optional(),
};

export const FounderAnalysis = z.object({
  summary: boundedText(4000),
  strengths: z.array(Line).min(1),
  gaps: z.array(Line),
  recommendations: z.array(Line).min(1),
  ...offline,
});
export type FounderAnalysis = z.infer<typeof FounderAnalysis>;

export const Competitor = z.object({ name: Line, description: Line, weakness: Line });
export const MarketSize = z.object({
  tamUsd: z.number().nonnegative(),
  samUsd: z.number().nonnegative(),
  somUsd: z.number().nonnegative(),
  rationale: boundedText(2000),
});
export const Persona = z.object({ name: Line, description: Line, painPoints: z.array(Line).min(1) });
export const PricingTier = z.object({
  tier: Line,
  priceUsdMonthly: z.number().nonnegative(),
  features: z.array(Line),
});

export const MarketResearch = z.object({
  summary: boundedText(4000),
  competitors: z.array(Competitor).min(1),
  marketSize: MarketSize,
  personas: z.array(Persona).min(1),
  pricing: z.array(PricingTier).min(1),
  ...offline,
});
export type MarketResearch = z.infer<typeof MarketResearch>;

/**
 * Market research as four parts that separate tasks answer in parallel, each asked for its own
 * schema only, so no task writes a section another one keeps. Together they hold every field of
 * MarketResearch; the landscape part carries the summary.
 */
export const MarketLandscape = MarketResearch.pick({ summary: true, competitors: true }).extend(offline);
export const MarketSizing = MarketResearch.pick({ marketSize: true }).extend(offline);
export const MarketPersonas = MarketResearch.pick({ personas: true }).extend(offline);
export const MarketPricing = MarketResearch.pick({ pricing: true }).extend(offline);
export type MarketLandscape = z.infer<typeof MarketLandscape>;
export type MarketSizing = z.infer<typeof MarketSizing>;
export type MarketPersonas = z.infer<typeof MarketPersonas>;
export type MarketPricing = z.infer<typeof MarketPricing>;

/** The market-research part schemas by output schema name. */
export const MARKET_RESEARCH_PARTS = {
  market_landscape: MarketLandscape,
  market_size: MarketSizing,
  market_personas: MarketPersonas,
  market_pricing: MarketPricing,
} as const;
export type MarketResearchPartName = keyof typeof MARKET_RESEARCH_PARTS;

export const Architecture = z.object({
  summary: boundedText(4000),
  components: z.array(z.object({ name: Line, responsibility: Line, technology: Line })).min(1),
  dataFlow: boundedText(4000),
  deployment: boundedText(4000),
  risks: z.array(Line),
  ...offline,
});
export type Architecture = z.infer<typeof Architecture>;

/** Text that fills the typed slots of a template: copy, never code. */
export const CodeSlots = z.object({
  headline: boundedText(120),
  tagline: boundedText(200),
  heroCopy: boundedText(1000),
  features: z
    .array(z.object({ title: boundedText(80), description: boundedText(300) }))
    .min(1)
    .max(8),
  callToAction: boundedText(60),
  entityDescriptions: z.record(z.string(), boundedText(300)).default({}),
  ...offline,
});
export type CodeSlots = z.infer<typeof CodeSlots>;

/** Schemas a task may name in `outputSchema`. */
export const OUTPUT_SCHEMAS = {
  founder_analysis: FounderAnalysis,
  market_research: MarketResearch,
  ...MARKET_RESEARCH_PARTS,
  mvp_spec: MvpSpec,
  architecture: Architecture,
  code_slots: CodeSlots,
} as const;
export type OutputSchemaName = keyof typeof OUTPUT_SCHEMAS;

export function isOutputSchemaName(name: string): name is OutputSchemaName {
  return Object.hasOwn(OUTPUT_SCHEMAS, name);
}
