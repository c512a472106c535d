import type { StartupContext } from '../schemas/startup-context';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model?: string;
  system?: string;
  messages: ChatMessage[];
  /** Ask for JSON satisfying this JSON Schema (native structured output where the API has it). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** What the call is for; the offline provider drafts from it. */
  taskType: string;
  startupId?: string;
  context?: StartupContext;
  /** The task's own input, whole (the prompt carries it bounded); the offline provider works from it. */
  input?: Record<string, unknown>;
}

export interface CompletionResponse {
  text: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  finishReason: 'stop' | 'length' | 'error' | 'other';
  /** True when a cache answered without calling the vendor; recorded as outcome 'cached' (free, no quota). */
  cached?: boolean;
}

/** One LLM vendor (or the offline drafter). Failures are ProviderError with `permanent` and `retryAfterMs`. */
export interface IProvider {
  readonly name: string;
  readonly defaultModel: string;
  /** True when the provider needs no network (the offline drafter). */
  readonly offline: boolean;
  complete(request: CompletionRequest): Promise<CompletionResponse>;
  /**
   * Optional: the stored answer for this exact request (with `cached: true`) or null, never calling
   * the vendor. The coordinator uses it when the startup's quota is exhausted, so a cache hit still
   * answers at no cost.
   */
  answerFromCache?(request: CompletionRequest): Promise<CompletionResponse | null>;
}
