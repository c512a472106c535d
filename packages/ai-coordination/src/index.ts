export { AICoordinator, type AICoordinatorOptions } from './coordination/ai-coordinator';
export {
  type AdaptedContext,
  CrossProviderContext,
  type MessageFormat,
  type StoredContext,
  toWireShape,
} from './coordination/cross-provider-context';
export {
  type ArmStats,
  type CallOutcome,
  LearningEngine,
  type LearningEngineOptions,
} from './coordination/learning-engine';
export {
  costUsd,
  DEFAULT_PRICES,
  FALLBACK_PRICE,
  type ModelPrice,
  priceFor,
} from './coordination/price-table';
export { backoffMs, type RetryPolicy } from './coordination/provider-call';
export {
  type QualityJudge,
  QualityOrchestrator,
  type QualityScore,
} from './coordination/quality-orchestrator';
export { maxCallCostUsd, reserveWithinQuota } from './coordination/quota-guard';
export { SecretRedactor } from './coordination/secret-redactor';
export { type RandomSource, seededRandom } from './coordination/seeded-random';
export { GENERIC_BRIEF, hasOwnBrief, type TaskBrief } from './coordination/task-briefs';
export { GENERIC_PROFILE, INDUSTRY_CATALOGUE, type IndustryProfile } from './offline/industry-catalogue';
export { draftOffline, OFFLINE_DRAFT_KINDS, OfflineProvider } from './offline/offline-provider';
export { AnthropicProvider, type AnthropicProviderOptions } from './providers/anthropic-provider';
export {
  createProviders,
  PERPLEXITY_BASE_URL,
  type ProviderEnv,
  type ProviderSettings,
  type ProvidersSettings,
} from './providers/create-providers';
export { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MODELS } from './providers/default-models';
export {
  type OpenAICompatibleOptions,
  OpenAICompatibleProvider,
} from './providers/openai-compatible-provider';
export { mayHaveBeenBilled, retryAfterMsFrom, toProviderError } from './providers/to-provider-error';
export { jsonSchemaForName, schemaForName } from './structured/schema-registry';
