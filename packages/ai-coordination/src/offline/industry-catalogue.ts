import { ecommerce } from './industries/ecommerce';
import { education } from './industries/education';
import { fintech } from './industries/fintech';
import { fitness } from './industries/fitness';
import { food } from './industries/food';
import { GENERIC_PROFILE } from './industries/generic';
import { healthcare } from './industries/healthcare';
import { hr } from './industries/hr';
import { logistics } from './industries/logistics';
import { realEstate } from './industries/real-estate';
import { veterinary } from './industries/veterinary';
import type { IndustryProfile } from './industry-profile';
import { hasPhrase, stemsOf } from './word-stems';

export type { IndustryProfile } from './industry-profile';
export { GENERIC_PROFILE };

/** The industries the offline drafter knows; on a score tie the earlier entry wins. */
export const INDUSTRY_CATALOGUE: readonly IndustryProfile[] = [
  healthcare,
  fintech,
  education,
  ecommerce,
  logistics,
  realEstate,
  food,
  fitness,
  hr,
  veterinary,
];

/** The text a startup is matched on; the industry field says most about it. */
export interface IdeaText {
  industry: string;
  category?: string;
  description?: string;
}

/**
 * A keyword in the industry field counts this many times one in the category or description, so
 * "Photography" with a description that mentions delivery is not a courier business.
 */
const INDUSTRY_WEIGHT = 3;
/** Below this score no profile fits: one incidental word of the description is not enough. */
const MIN_SCORE = 2;

const KEYWORD_STEMS = new Map(
  INDUSTRY_CATALOGUE.map((profile) => [profile, profile.keywords.map((k) => stemsOf(k))] as const),
);

function hits(profile: IndustryProfile, stems: readonly string[]): number {
  return (KEYWORD_STEMS.get(profile) ?? []).filter((keyword) => hasPhrase(stems, keyword)).length;
}

/**
 * The catalogue entry that fits the idea, matching keywords on word stems (`clinics` meets
 * `clinic`), or undefined when none scores at least two: a keyword of the industry field scores
 * three, each distinct keyword of the category and description one.
 */
export function matchProfile({
  industry,
  category = '',
  description = '',
}: IdeaText): IndustryProfile | undefined {
  const industryStems = stemsOf(industry);
  const otherStems = stemsOf(`${category} . ${description}`);
  let best: IndustryProfile | undefined;
  let bestScore = MIN_SCORE - 1;
  for (const profile of INDUSTRY_CATALOGUE) {
    const score = INDUSTRY_WEIGHT * hits(profile, industryStems) + hits(profile, otherStems);
    if (score > bestScore) {
      best = profile;
      bestScore = score;
    }
  }
  return best;
}

/** The catalogue entry for an industry (with optional category and description), or the generic profile. */
export function profileFor(idea: IdeaText | string): IndustryProfile {
  return matchProfile(typeof idea === 'string' ? { industry: idea } : idea) ?? GENERIC_PROFILE;
}
