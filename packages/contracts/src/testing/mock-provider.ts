import type { CompletionRequest, CompletionResponse, IProvider } from '../interfaces/provider';

type MockReply = Partial<CompletionResponse> | Error;
type MockBehaviour =
  | MockReply
  | MockReply[]
  | ((request: CompletionRequest, callIndex: number) => MockReply | Promise<MockReply>);

/**
 * An IProvider for tests, after the AI SDK's mock models: it records every request and answers
 * from a value, a list (one per call) or a function. Anything not configured fails loudly.
 */
export class MockProvider implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline = true;
  readonly calls: CompletionRequest[] = [];
  private readonly behaviour: MockBehaviour | undefined;

  constructor({
    name = 'mock',
    defaultModel = 'mock-1',
    complete,
  }: { name?: string; defaultModel?: string; complete?: MockBehaviour } = {}) {
    this.name = name;
    this.defaultModel = defaultModel;
    this.behaviour = complete;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const index = this.calls.length;
    this.calls.push(request);
    const reply = await this.replyFor(request, index);
    if (reply instanceof Error) throw reply;
    return {
      text: '',
      model: request.model ?? this.defaultModel,
      inputTokens: 0,
      outputTokens: 0,
      finishReason: 'stop',
      ...reply,
    };
  }

  private async replyFor(request: CompletionRequest, index: number): Promise<MockReply> {
    const behaviour = this.behaviour;
    if (behaviour === undefined)
      throw new Error(`MockProvider ${this.name}: complete() was called but no reply is configured`);
    if (typeof behaviour === 'function') return behaviour(request, index);
    if (Array.isArray(behaviour)) {
      const reply = behaviour[index];
      if (reply === undefined) {
        throw new Error(
          `MockProvider ${this.name}: call ${index + 1} made but only ${behaviour.length} replies configured`,
        );
      }
      return reply;
    }
    return behaviour;
  }
}
