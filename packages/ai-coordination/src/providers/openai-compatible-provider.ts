import type { CompletionRequest, CompletionResponse, IProvider } from '@startup-factory/contracts';
import OpenAI from 'openai';
import { SecretRedactor } from '../coordination/secret-redactor';
import { conversationFor } from './alternating-turns';
import { DEFAULT_MAX_OUTPUT_TOKENS } from './default-models';
import { toProviderError } from './to-provider-error';

/**
 * How structured output is asked for, best first: `response_format` json_schema, json_object with
 * the schema in the system prompt, or only the schema in the prompt. Ollama, vLLM, LM Studio and
 * llama.cpp each lack one or the other, depending on version.
 */
export type StructuredOutputMode = 'json_schema' | 'json_object' | 'prompt';
const MODES: readonly StructuredOutputMode[] = ['json_schema', 'json_object', 'prompt'];

export interface OpenAICompatibleOptions {
  /** Provider name used for routing and usage records: openai, perplexity, ollama, … */
  name?: string;
  apiKey: string;
  baseURL?: string;
  defaultModel?: string;
  /**
   * The structured output to try first (default json_schema; false is 'prompt'). A server that
   * refuses it with 400 naming response_format gets the next mode, and this instance remembers.
   */
  structuredOutput?: boolean | StructuredOutputMode;
  /** Stream the completion (SSE) and assemble it; usage comes from the final chunk. */
  stream?: boolean;
  timeoutMs?: number;
  /** Retries inside the SDK; the coordinator retries itself, so the default is 0. */
  maxRetries?: number;
  /**
   * The body field that carries the output limit. Default `max_completion_tokens` for OpenAI's own
   * API (its newer models refuse `max_tokens`), `max_tokens` for any other server (Perplexity,
   * Ollama, vLLM, LM Studio, llama.cpp all read it).
   */
  outputLimitField?: 'max_completion_tokens' | 'max_tokens';
}

/** OpenAI Chat Completions through the official client: OpenAI, Perplexity, Ollama, vLLM, LM Studio. */
export class OpenAICompatibleProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline = false;
  private readonly client: OpenAI;
  private readonly redactor: SecretRedactor;
  private readonly stream: boolean;
  private readonly outputLimitField: 'max_completion_tokens' | 'max_tokens';
  private structuredMode: StructuredOutputMode;

  constructor(options: OpenAICompatibleOptions) {
    this.name = options.name ?? 'openai';
    this.defaultModel = options.defaultModel ?? 'gpt-4o-mini';
    const structured = options.structuredOutput ?? true;
    this.structuredMode = structured === true ? 'json_schema' : structured === false ? 'prompt' : structured;
    this.stream = options.stream ?? false;
    this.outputLimitField =
      options.outputLimitField ?? (isOpenAIApi(options.baseURL) ? 'max_completion_tokens' : 'max_tokens');
    this.redactor = new SecretRedactor([options.apiKey]);
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  /** The structured output mode later calls start from, after any refusals so far. */
  get structuredOutputMode(): StructuredOutputMode {
    return this.structuredMode;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    try {
      const turns = conversationFor(this.name, request.messages);
      for (;;) {
        const mode = this.structuredMode;
        const body = this.bodyFor(request, turns, mode);
        try {
          return this.stream
            ? await this.completeStreaming(body, request.signal)
            : await this.completeOnce(body, request.signal);
        } catch (error) {
          if (!body.response_format || !refusesResponseFormat(error)) throw error;
          this.downgradeFrom(mode);
        }
      }
    } catch (error) {
      throw toProviderError(this.name, error, (t) => this.redactor.redact(t));
    }
  }

  private bodyFor(
    request: CompletionRequest,
    turns: CompletionRequest['messages'],
    mode: StructuredOutputMode,
  ): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
    const schema = request.jsonSchema;
    const system = [request.system ?? '', schema && mode !== 'json_schema' ? schemaInstruction(schema) : '']
      .filter(Boolean)
      .join('\n\n');
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      ...(system ? [{ role: 'system' as const, content: system }] : []),
      ...turns.map((m) => ({ role: m.role, content: m.content })),
    ];
    return {
      model: request.model ?? this.defaultModel,
      messages,
      [this.outputLimitField]: request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(schema && mode === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema' as const,
              json_schema: { name: schema.name, schema: schema.schema, strict: false },
            },
          }
        : {}),
      ...(schema && mode === 'json_object' ? { response_format: { type: 'json_object' as const } } : {}),
    };
  }

  /** Moves to the mode after `refused`; never back up, when parallel calls were refused at once. */
  private downgradeFrom(refused: StructuredOutputMode): void {
    const next = Math.min(MODES.indexOf(refused) + 1, MODES.length - 1);
    if (next > MODES.indexOf(this.structuredMode)) this.structuredMode = MODES[next] as StructuredOutputMode;
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

/** True for OpenAI's own API: no baseURL (the SDK's default) or one on api.openai.com. */
function isOpenAIApi(baseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/** A 400 (or 422) that names the structured-output request: the server lacks that mode. */
function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError) || (error.status !== 400 && error.status !== 422)) return false;
  if (error.param === 'response_format') return true;
  return /response_format|json_schema|json_object|structured output/i.test(
    `${error.message} ${JSON.stringify(error.error ?? {})}`,
  );
}

/** The schema as an instruction, for servers that cannot take it as a response format. */
function schemaInstruction(schema: NonNullable<CompletionRequest['jsonSchema']>): string {
  return `Reply with one JSON object and nothing else: no prose, no Markdown fences. It must satisfy this JSON Schema, named "${schema.name}":\n${JSON.stringify(schema.schema)}`;
}

function finishReason(reason: string | null | undefined): CompletionResponse['finishReason'] {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return reason ? 'other' : 'stop';
}
