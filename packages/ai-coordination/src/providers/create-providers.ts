import type { IProvider } from '@startup-factory/contracts';
import { OfflineProvider } from '../offline/offline-provider';
import { AnthropicProvider } from './anthropic-provider';
import { DEFAULT_MODELS } from './default-models';
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

/** How one provider is called; anything unset falls back to the shared settings, the env, then the defaults. */
export interface ProviderSettings {
  /** Model id; default from `<PROVIDER>_MODEL`, then DEFAULT_MODELS. */
  model?: string;
  /** Server to call; default from `<PROVIDER>_BASE_URL`, then the vendor's. */
  baseUrl?: string;
  /** Per call, the whole answer included (default 60 s). */
  timeoutMs?: number;
  /** Stream answers (SSE) and assemble them (default false). */
  stream?: boolean;
}

/** Settings of every provider (`timeoutMs`, `stream`), and of each by name. */
export interface ProvidersSettings {
  timeoutMs?: number;
  stream?: boolean;
  openai?: ProviderSettings;
  anthropic?: ProviderSettings;
  perplexity?: ProviderSettings;
}

export const PERPLEXITY_BASE_URL = 'https://api.perplexity.ai';

const present = (value: string | undefined): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Providers from environment variables: OpenAI (or any OpenAI-compatible server through
 * OPENAI_BASE_URL), Anthropic, Perplexity, and always the offline drafter last (the coordinator
 * lets it draft only when no other is configured or the user allows the fallback). A provider
 * without a key is not offered. Keys come from the environment only; `settings` choose model,
 * server, timeout and streaming per provider.
 */
export function createProviders(
  env: ProviderEnv = process.env,
  settings: ProvidersSettings = {},
): IProvider[] {
  const resolve = (name: keyof typeof DEFAULT_MODELS, prefix: string, vendorBaseUrl?: string) => {
    const own = settings[name] ?? {};
    const baseURL =
      own.baseUrl ?? (present(env[`${prefix}_BASE_URL`]) ? env[`${prefix}_BASE_URL`] : vendorBaseUrl);
    const timeoutMs = own.timeoutMs ?? settings.timeoutMs;
    const stream = own.stream ?? settings.stream;
    return {
      name,
      defaultModel:
        own.model ??
        (present(env[`${prefix}_MODEL`]) ? (env[`${prefix}_MODEL`] as string) : DEFAULT_MODELS[name]),
      ...(baseURL ? { baseURL } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(stream !== undefined ? { stream } : {}),
    };
  };
  const providers: IProvider[] = [];
  if (present(env.OPENAI_API_KEY)) {
    providers.push(
      new OpenAICompatibleProvider({ apiKey: env.OPENAI_API_KEY, ...resolve('openai', 'OPENAI') }),
    );
  }
  if (present(env.ANTHROPIC_API_KEY)) {
    providers.push(
      new AnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY, ...resolve('anthropic', 'ANTHROPIC') }),
    );
  }
  if (present(env.PERPLEXITY_API_KEY)) {
    providers.push(
      new OpenAICompatibleProvider({
        apiKey: env.PERPLEXITY_API_KEY,
        ...resolve('perplexity', 'PERPLEXITY', PERPLEXITY_BASE_URL),
      }),
    );
  }
  providers.push(new OfflineProvider());
  return providers;
}
