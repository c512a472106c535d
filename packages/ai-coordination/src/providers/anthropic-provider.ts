import Anthropic from '@anthropic-ai/sdk';
import type { CompletionRequest, CompletionResponse, IProvider } from '@startup-factory/contracts';
import { SecretRedactor } from '../coordination/secret-redactor';
import { toProviderError } from './to-provider-error';

export interface AnthropicProviderOptions {
  name?: string;
  apiKey: string;
  baseURL?: string;
  defaultModel?: string;
  /** Stream the message (SSE) and assemble it. */
  stream?: boolean;
  timeoutMs?: number;
  /** Retries inside the SDK; the coordinator retries itself, so the default is 0. */
  maxRetries?: number;
}

/**
 * Anthropic Messages through the official client. Structured output is a forced tool whose
 * input schema is the task's JSON Schema, so the reply is the tool input, already JSON.
 */
export class AnthropicProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline = false;
  private readonly client: Anthropic;
  private readonly redactor: SecretRedactor;
  private readonly stream: boolean;

  constructor(options: AnthropicProviderOptions) {
    this.name = options.name ?? 'anthropic';
    this.defaultModel = options.defaultModel ?? 'claude-sonnet-4-5';
    this.stream = options.stream ?? false;
    this.redactor = new SecretRedactor([options.apiKey]);
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs ?? 60_000,
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
    const body: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: request.maxTokens ?? 4096,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(request.system ? { system: request.system } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(tool ? { tools: [tool], tool_choice: { type: 'tool' as const, name: tool.name } } : {}),
    };
    try {
      const message = this.stream
        ? await this.client.messages.stream(body, { signal: request.signal }).finalMessage()
        : await this.client.messages.create(body, { signal: request.signal });
      return toResponse(message, model);
    } catch (error) {
      throw toProviderError(this.name, error, (t) => this.redactor.redact(t));
    }
  }
}

function toResponse(message: Anthropic.Message, model: string): CompletionResponse {
  const toolUse = message.content.find((b) => b.type === 'tool_use');
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
