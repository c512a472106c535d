import type { IProvider } from '@startup-factory/contracts';
import {
  mockProviderBackend,
  providerContract,
  type ScriptedBackend,
} from '@startup-factory/contracts/testing';
import { CountingProvider } from '../../test/fixtures';
import { OfflineProvider } from '../offline/offline-provider';
import { type LoopbackServer, startLoopbackServer } from '../testing/loopback-server';
import { AnthropicProvider } from './anthropic-provider';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

/** The loopback server as the suite's scripted vendor: one queued reply per call, in either protocol. */
function loopbackBackend(server: LoopbackServer): ScriptedBackend {
  return {
    answerNext: (text) => server.enqueue({ content: text, inputTokens: 20, outputTokens: 12 }),
    failNext: (failure) =>
      server.enqueue(
        failure === 'rate_limited'
          ? { status: 429, headers: { 'retry-after': '2' } }
          : failure === 'server_error'
            ? { status: 500 }
            : { status: 401 },
      ),
    calls: () => server.requests.length,
  };
}

const sdkProviders = {
  'OpenAICompatibleProvider (openai SDK)': (server: LoopbackServer, stream: boolean): IProvider =>
    new OpenAICompatibleProvider({
      apiKey: 'sk-loopback-openai-0123456789abcdef',
      baseURL: server.openaiBaseURL,
      stream,
      timeoutMs: 10_000,
    }),
  'AnthropicProvider (@anthropic-ai/sdk)': (server: LoopbackServer, stream: boolean): IProvider =>
    new AnthropicProvider({
      apiKey: 'sk-ant-loopback-0123456789abcdef',
      baseURL: server.anthropicBaseURL,
      stream,
      timeoutMs: 10_000,
    }),
};

for (const [name, make] of Object.entries(sdkProviders)) {
  for (const stream of [false, true]) {
    providerContract(
      `${name}${stream ? ', streaming' : ''} against the loopback server`,
      'scripted',
      async () => {
        // Nothing is answered unless the case queued it: the default reply would hide a missed call.
        const server = await startLoopbackServer({
          responder: () => ({ status: 500, body: { error: { message: 'nothing queued for this call' } } }),
        });
        return {
          provider: make(server, stream),
          backend: loopbackBackend(server),
          cleanup: () => server.close(),
        };
      },
    );
  }
}

providerContract('OfflineProvider', 'offline', async () => ({ provider: new OfflineProvider() }));

providerContract('CountingProvider (test fixture) around a scripted vendor', 'scripted', async () => {
  const { provider, backend } = mockProviderBackend({ name: 'openai' });
  return { provider: new CountingProvider(provider), backend };
});
