import type { CompletionRequest, CompletionResponse, IProvider } from '@startup-factory/contracts';

/** Passes every call through and reports how long each real provider call took. */
export class LatencyProbe implements IProvider {
  readonly name: string;
  readonly defaultModel: string;
  readonly offline: boolean;

  constructor(
    private readonly inner: IProvider,
    private readonly onLatency: (ms: number) => void,
  ) {
    this.name = inner.name;
    this.defaultModel = inner.defaultModel;
    this.offline = inner.offline;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const started = performance.now();
    try {
      return await this.inner.complete(request);
    } finally {
      this.onLatency(performance.now() - started);
    }
  }
}
