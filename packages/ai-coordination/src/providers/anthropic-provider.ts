import Anthropic from '@anthropic-ai/sdk';
import {
  type CompletionRequest,
  type CompletionResponse,
  type IProvider,
  ProviderError,
} from '@startup-factory/contracts';
import { SecretRedactor } from '../coordination/secret-redactor';
import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MODELS } from './default-models';
import { toProviderError } from './to-provider-error';

export interface AnthropicProviderOptions {
  name?: string;
  apiKey: string;
  baseURL?: string;
  /** Default DEFAULT_MODELS.anthropic. */
  defaultModel?: string;
  /** Stream the message (SSE) and assemble it. */
  stream?: boolean;
  /** The whole call, streamed or not, fails as timed out after this long (default 60 s). */
  timeoutMs?: number;
  /** Retries inside the SDK; the coordinator retries itself, so the default is 0. */
  maxRetries?: number;
  /**
   * Force the structured-output tool (`tool_choice` naming it). Default: forced, except for models
   * that refuse forced tool use, which get the tool with `tool_choice: auto` and the system
   * prompt's JSON instruction; either way the reply is read from the tool input or the text.
   */
  forceTool?: boolean;
}

/** Models whose API answers a forced `tool_choice` with 400 (Claude Sonnet 5.5, per its release notes). */
const REFUSES_FORCED_TOOLS = [/^claude-sonnet-5-5/];

/**
 * Anthropic Messages through the official client. Structured output is a tool whose input schema
 * is the task's JSON Schema, so the reply is the tool input, already JSON.
 */
export class AnthropicProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline = false;
  private readonly client: Anthropic;
  private readonly redactor: SecretRedactor;
  private readonly stream: boolean;
  private readonly timeoutMs: number;
  private readonly forceTool: boolean | undefined;

  constructor(options: AnthropicProviderOptions) {
    this.name = options.name ?? 'anthropic';
    this.defaultModel = options.defaultModel ?? DEFAULT_MODELS.anthropic;
    this.stream = options.stream ?? false;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.forceTool = options.forceTool;
    this.redactor = new SecretRedactor([options.apiKey]);
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const model = request.model ?? this.defaultModel;
    const tool = request.jsonSchema
      ? {
          name: request.jsonSchema.name,
          description: 'Return the result. Its input is the whole answer.',
          input_schema: { ...request.jsonSchema.schema, type: 'object' as const },
        }
      : undefined;
    const forced = this.forceTool ?? !REFUSES_FORCED_TOOLS.some((pattern) => pattern.test(model));
    const body: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(request.system ? { system: request.system } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(tool
        ? {
            tools: [tool],
            tool_choice: forced ? { type: 'tool' as const, name: tool.name } : { type: 'auto' as const },
          }
        : {}),
    };
    // The SDK's timeout covers a response's start; this deadline covers a stream to its end too.
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    try {
      const message = this.stream
        ? await this.client.messages.stream(body, { signal }).finalMessage()
        : await this.client.messages.create(body, { signal });
      return toResponse(message, model);
    } catch (error) {
      if (deadline.aborted && !request.signal?.aborted) {
        throw new ProviderError({
          provider: this.name,
          cause: error,
          message: `Provider ${this.name} timed out after ${this.timeoutMs} ms. A later attempt may succeed.`,
        });
      }
      throw toProviderError(this.name, error, (t) => this.redactor.redact(t));
    }
  }
}

function toResponse(message: Anthropic.Message, model: string): CompletionResponse {
  const toolUse = message.content.find((b) => b.type === 'tool_use');
  // Thinking blocks come before the answer; only tool input or text is the answer.
  const text = toolUse
    ? JSON.stringify(toolUse.input)
    : message.content
        .filter((b) => b.type === 'text')
        .map((b) => (b as Anthropic.TextBlock).text)
        .join('');
  const stop = message.stop_reason;
  return {
    text,
    model: message.model || model,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    finishReason:
      stop === 'max_tokens' ? 'length' : stop === 'end_turn' || stop === 'tool_use' ? 'stop' : 'other',
  };
}
