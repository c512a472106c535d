/** USD per one million tokens. */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

/**
 * List prices of common models (standard tier, prompts under the long-context thresholds); pass
 * your own table to AICoordinator to override or extend it. The current defaults of each provider
 * (providers/default-models.ts) must have an entry.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-6-luna': { inputPerMTok: 0.1, outputPerMTok: 0.5 },
  'gpt-6-sol': { inputPerMTok: 2, outputPerMTok: 10 },
  'gpt-5.6-luna': { inputPerMTok: 0.2, outputPerMTok: 1.2 },
  'gpt-5.6-terra': { inputPerMTok: 2, outputPerMTok: 12 },
  'gpt-5.6-sol': { inputPerMTok: 5, outputPerMTok: 30 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'claude-sonnet-5-5': { inputPerMTok: 2, outputPerMTok: 10 },
  'claude-sonnet-5': { inputPerMTok: 2, outputPerMTok: 10 },
  'claude-haiku-5-5': { inputPerMTok: 0.1, outputPerMTok: 0.5 },
  'claude-opus-5-5': { inputPerMTok: 4, outputPerMTok: 20 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  sonar: { inputPerMTok: 1, outputPerMTok: 1 },
  'sonar-pro': { inputPerMTok: 3, outputPerMTok: 15 },
  'offline-drafter-1': { inputPerMTok: 0, outputPerMTok: 0 },
};

/** Price used for a model the table does not know, so unknown models are never free by accident. */
export const FALLBACK_PRICE: ModelPrice = { inputPerMTok: 5, outputPerMTok: 15 };

/** Looks a model up exactly, then by the longest known prefix (dated model ids such as gpt-4o-2024-08-06). */
export function priceFor(
  model: string,
  table: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES,
): ModelPrice {
  const exact = table[model];
  if (exact) return exact;
  const prefix = Object.keys(table)
    .filter((k) => model.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (table[prefix] as ModelPrice) : FALLBACK_PRICE;
}

export function costUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  table?: Readonly<Record<string, ModelPrice>>,
): number {
  const price = priceFor(model, table);
  return (inputTokens * price.inputPerMTok + outputTokens * price.outputPerMTok) / 1_000_000;
}
