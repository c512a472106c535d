/**
 * What the offline drafter knows about an industry. Entity fields are written in the compact syntax
 * of `parseFields` (`name:type`, `ref(Entity)`, `string(120)`, `integer(1..5)`, `?`, `!cascade`); names
 * obey the MVP spec rules, and an entity comes after every entity it references.
 */
export interface IndustryProfile {
  key: string;
  /** Lowercase words that pick this profile out of a config's industry, category or description. */
  keywords: string[];
  problem: string;
  entities: Array<{ name: string; description: string; fields: string }>;
  personas: Array<{ name: string; description: string; painPoints: string[] }>;
  competitors: Array<{ name: string; description: string; weakness: string }>;
  /** Total addressable market in USD. */
  tamUsd: number;
  basePriceUsd: number;
  features: string[];
  /**
   * Set when no catalogue entry fit and the drafter derived this profile from the idea's own words:
   * the sentence every draft carries to say so.
   */
  genericDraft?: string;
  /** How copy names several of an entity when the idea spelled it ("sheet music"); else a plain plural. */
  pluralLabels?: Record<string, string>;
}
