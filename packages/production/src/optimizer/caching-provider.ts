import type {
  CompletionRequest,
  CompletionResponse,
  IProvider,
  IResultCache,
} from '@startup-factory/contracts';
import { cacheKey } from './result-cache';

export interface CachingProviderOptions {
  ttlMs?: number;
  /** Called on every lookup; a metrics counter of hits and misses hangs here. */
  onLookup?: (event: { hit: boolean; provider: string; model: string; taskType: string }) => void;
  clock?: () => number;
}

/**
 * Wraps any provider: an identical request (provider, model, prompt, schema, sampling settings)
 * answers from the cache without calling the inner provider. A hit reports zero tokens, so the
 * coordinator prices it at nothing against the quota. Only complete answers (`stop`) are cached.
 */
export class CachingProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline: boolean;
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly inner: IProvider,
    private readonly cache: IResultCache,
    private readonly options: CachingProviderOptions = {},
  ) {
    this.name = inner.name;
    this.defaultModel = inner.defaultModel;
    this.offline = inner.offline;
  }

  get stats(): { hits: number; misses: number; hitRatio: number } {
    const total = this.hitCount + this.missCount;
    return { hits: this.hitCount, misses: this.missCount, hitRatio: total === 0 ? 0 : this.hitCount / total };
  }

  /** True when the response came from the cache (it carries no token usage). */
  static isCached(response: CompletionResponse): boolean {
    return response.cached === true;
  }

  /** The stored answer for this request (a hit, counted as such) or null; never calls the inner provider. */
  async answerFromCache(request: CompletionRequest): Promise<CompletionResponse | null> {
    const model = request.model ?? this.inner.defaultModel;
    const found = await this.cache.get(this.keyOf(request, model)).catch(() => null);
    if (!found) return null;
    this.hitCount += 1;
    this.options.onLookup?.({ hit: true, provider: this.inner.name, model, taskType: request.taskType });
    return {
      text: found.text,
      model: found.model,
      inputTokens: 0,
      outputTokens: 0,
      finishReason: found.finishReason,
      cached: true,
    };
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const hit = await this.answerFromCache(request);
    if (hit) return hit;
    const model = request.model ?? this.inner.defaultModel;
    const key = this.keyOf(request, model);
    const lookup = { provider: this.inner.name, model, taskType: request.taskType };
    this.missCount += 1;
    this.options.onLookup?.({ hit: false, ...lookup });
    const response = await this.inner.complete(request);
    if (response.finishReason === 'stop') {
      await this.cache
        .set(
          key,
          {
            text: response.text,
            model: response.model,
            inputTokens: response.inputTokens,
            outputTokens: response.outputTokens,
            finishReason: response.finishReason,
            storedAt: (this.options.clock ?? Date.now)(),
          },
          this.options.ttlMs,
        )
        .catch(() => undefined);
    }
    return response;
  }

  private keyOf(request: CompletionRequest, model: string): string {
    return cacheKey({
      provider: this.inner.name,
      model,
      prompt: { system: request.system ?? null, messages: request.messages },
      schema: request.jsonSchema ?? null,
      settings: { maxTokens: request.maxTokens ?? null, temperature: request.temperature ?? null },
    });
  }
}
