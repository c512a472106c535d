import type { CompletionRequest, CompletionResponse, IProvider } from '@startup-factory/contracts';
import OpenAI from 'openai';
import { SecretRedactor } from '../coordination/secret-redactor';
import { toProviderError } from './to-provider-error';

export interface OpenAICompatibleOptions {
  /** Provider name used for routing and usage records: openai, perplexity, ollama, … */
  name?: string;
  apiKey: string;
  baseURL?: string;
  defaultModel?: string;
  /** Ask for native structured output (response_format json_schema); off for servers without it. */
  structuredOutput?: boolean;
  /** Stream the completion (SSE) and assemble it; usage comes from the final chunk. */
  stream?: boolean;
  timeoutMs?: number;
  /** Retries inside the SDK; the coordinator retries itself, so the default is 0. */
  maxRetries?: number;
}

/** OpenAI Chat Completions through the official client: OpenAI, Perplexity, Ollama, vLLM, LM Studio. */
export class OpenAICompatibleProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline = false;
  private readonly client: OpenAI;
  private readonly redactor: SecretRedactor;
  private readonly structuredOutput: boolean;
  private readonly stream: boolean;

  constructor(options: OpenAICompatibleOptions) {
    this.name = options.name ?? 'openai';
    this.defaultModel = options.defaultModel ?? 'gpt-4o-mini';
    this.structuredOutput = options.structuredOutput ?? true;
    this.stream = options.stream ?? false;
    this.redactor = new SecretRedactor([options.apiKey]);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const model = request.model ?? this.defaultModel;
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      ...request.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
    const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
      model,
      messages,
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.jsonSchema && this.structuredOutput
        ? {
            response_format: {
              type: 'json_schema' as const,
              json_schema: {
                name: request.jsonSchema.name,
                schema: request.jsonSchema.schema,
                strict: false,
              },
            },
          }
        : {}),
    };
    try {
      return this.stream
        ? await this.completeStreaming(body, request.signal)
        : await this.completeOnce(body, request.signal);
    } catch (error) {
      throw toProviderError(this.name, error, (t) => this.redactor.redact(t));
    }
  }

  private async completeOnce(
    body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
    signal: AbortSignal | undefined,
  ): Promise<CompletionResponse> {
    const response = await this.client.chat.completions.create(body, { signal });
    const choice = response.choices[0];
    return {
      text: choice?.message.content ?? '',
      model: response.model || body.model,
      inputTokens: response.usage?.prompt_tokens ?? 0,
      outputTokens: response.usage?.completion_tokens ?? 0,
      finishReason: finishReason(choice?.finish_reason),
    };
  }

  private async completeStreaming(
    body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
    signal: AbortSignal | undefined,
  ): Promise<CompletionResponse> {
    const stream = await this.client.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
    let text = '';
    let model = body.model;
    let reason: string | null | undefined;
    let inputTokens = 0;
    let outputTokens = 0;
    for await (const chunk of stream) {
      if (chunk.model) model = chunk.model;
      const choice = chunk.choices[0];
      if (choice?.delta?.content) text += choice.delta.content;
      if (choice?.finish_reason) reason = choice.finish_reason;
      if (chunk.usage) {
        inputTokens = chunk.usage.prompt_tokens;
        outputTokens = chunk.usage.completion_tokens;
      }
    }
    return { text, model, inputTokens, outputTokens, finishReason: finishReason(reason) };
  }
}

function finishReason(reason: string | null | undefined): CompletionResponse['finishReason'] {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return reason ? 'other' : 'stop';
}
