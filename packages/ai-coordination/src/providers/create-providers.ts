import type { IProvider } from '@startup-factory/contracts';
import { OfflineProvider } from '../offline/offline-provider';
import { AnthropicProvider } from './anthropic-provider';
import { OpenAICompatibleProvider } from './openai-compatible-provider';

export interface ProviderEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_MODEL?: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
  ANTHROPIC_MODEL?: string;
  PERPLEXITY_API_KEY?: string;
  PERPLEXITY_BASE_URL?: string;
  PERPLEXITY_MODEL?: string;
  [key: string]: string | undefined;
}

export const PERPLEXITY_BASE_URL = 'https://api.perplexity.ai';

const present = (value: string | undefined): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Providers from environment variables: OpenAI (or any OpenAI-compatible server through
 * OPENAI_BASE_URL), Anthropic, Perplexity, and always the offline drafter last. A provider
 * without a key is not offered.
 */
export function createProviders(
  env: ProviderEnv = process.env,
  options: { stream?: boolean; timeoutMs?: number } = {},
): IProvider[] {
  const providers: IProvider[] = [];
  if (present(env.OPENAI_API_KEY)) {
    providers.push(
      new OpenAICompatibleProvider({
        name: 'openai',
        apiKey: env.OPENAI_API_KEY,
        ...(present(env.OPENAI_BASE_URL) ? { baseURL: env.OPENAI_BASE_URL } : {}),
        ...(present(env.OPENAI_MODEL) ? { defaultModel: env.OPENAI_MODEL } : {}),
        ...options,
      }),
    );
  }
  if (present(env.ANTHROPIC_API_KEY)) {
    providers.push(
      new AnthropicProvider({
        name: 'anthropic',
        apiKey: env.ANTHROPIC_API_KEY,
        ...(present(env.ANTHROPIC_BASE_URL) ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
        ...(present(env.ANTHROPIC_MODEL) ? { defaultModel: env.ANTHROPIC_MODEL } : {}),
        ...options,
      }),
    );
  }
  if (present(env.PERPLEXITY_API_KEY)) {
    providers.push(
      new OpenAICompatibleProvider({
        name: 'perplexity',
        apiKey: env.PERPLEXITY_API_KEY,
        baseURL: present(env.PERPLEXITY_BASE_URL) ? env.PERPLEXITY_BASE_URL : PERPLEXITY_BASE_URL,
        defaultModel: present(env.PERPLEXITY_MODEL) ? env.PERPLEXITY_MODEL : 'sonar',
        ...options,
      }),
    );
  }
  providers.push(new OfflineProvider());
  return providers;
}
