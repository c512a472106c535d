/**
 * The model each provider calls unless told otherwise (`<PROVIDER>_MODEL`, the factory config's
 * `ai.providers.<name>.model`, or a provider's `defaultModel`): current ids, none of them on a
 * deprecation list, as of the SDKs this package ships with (openai 6.49, @anthropic-ai/sdk 1.13).
 * Update this table, and the price table beside the coordinator, when vendors move on.
 */
export const DEFAULT_MODELS = {
  /** GPT-6 Luna, OpenAI's efficient tier (released 2026-09-22); `gpt-6-sol` is the larger one. */
  openai: 'gpt-6-luna',
  /** Claude Sonnet 5.5 (2026-09-28); `claude-haiku-5-5` is the faster, cheaper one. */
  anthropic: 'claude-sonnet-5-5',
  /** Perplexity's search-grounded chat model. */
  perplexity: 'sonar',
} as const;

export type DefaultModelProvider = keyof typeof DEFAULT_MODELS;

/**
 * Output tokens a call may produce when neither the task (`maxOutputTokens`) nor the request sets
 * a limit: what every provider sends as its output limit (OpenAI's `max_completion_tokens` or
 * `max_tokens`, Anthropic's `max_tokens`), and what a reservation books for the call.
 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
