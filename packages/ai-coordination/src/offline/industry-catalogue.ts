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

export type { IndustryProfile } from './industry-profile';
export { GENERIC_PROFILE };

/** The industries the offline drafter knows; on a keyword tie the earlier entry wins. */
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

/** The catalogue entry whose keywords best match the text, or the generic profile. */
export function profileFor(...texts: string[]): IndustryProfile {
  const haystack = ` ${texts
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')} `;
  let best: IndustryProfile = GENERIC_PROFILE;
  let bestScore = 0;
  for (const profile of INDUSTRY_CATALOGUE) {
    const score = profile.keywords.filter((k) => haystack.includes(` ${k} `)).length;
    if (score > bestScore) {
      best = profile;
      bestScore = score;
    }
  }
  return best;
}
