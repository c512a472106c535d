import type {
  ChatMessage,
  IStateStore,
  JsonRecord,
  ProviderInteraction,
  SharedInsights,
} from '@startup-factory/contracts';
import { SecretRedactor } from './secret-redactor';

const COLLECTION = 'ai-context';
const INSIGHT_KEYS = ['marketInsights', 'userPersonas', 'monetization'] as const;

export interface StoredContext {
  interactions: ProviderInteraction[];
  sharedInsights: SharedInsights;
}

/** A provider's message shape: OpenAI puts the system prompt in the list, Anthropic beside it. */
export type MessageFormat = 'openai' | 'anthropic';

export interface AdaptedContext {
  format: MessageFormat;
  system: string;
  messages: ChatMessage[];
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export function formatFor(provider: string): MessageFormat {
  return /anthropic|claude/i.test(provider) ? 'anthropic' : 'openai';
}

/**
 * One context per startup (interactions and shared insights), kept in the store so every
 * provider and every worker sees it. Adapting trims old interactions to a token budget but
 * always keeps the shared insights.
 */
export class CrossProviderContext {
  private readonly store: IStateStore;
  private readonly tokenBudget: number;
  private readonly redactor: SecretRedactor;
  private readonly maxInteractions: number;

  constructor({
    store,
    tokenBudget = 4000,
    redactor = new SecretRedactor(),
    maxInteractions = 200,
  }: { store: IStateStore; tokenBudget?: number; redactor?: SecretRedactor; maxInteractions?: number }) {
    this.store = store;
    this.tokenBudget = tokenBudget;
    this.redactor = redactor;
    this.maxInteractions = maxInteractions;
  }

  async load(startupId: string): Promise<StoredContext> {
    return (
      (await this.store.getDocument<StoredContext>(COLLECTION, startupId)) ?? {
        interactions: [],
        sharedInsights: {},
      }
    );
  }

  /** Appends an interaction and merges insights; everything is redacted before it is stored. */
  async record(
    startupId: string,
    interaction: ProviderInteraction,
    insights: SharedInsights = {},
  ): Promise<StoredContext> {
    const current = await this.load(startupId);
    const next: StoredContext = this.redactor.redactJson({
      interactions: [...current.interactions, interaction].slice(-this.maxInteractions),
      sharedInsights: { ...current.sharedInsights, ...insights },
    });
    await this.store.putDocument(COLLECTION, startupId, next);
    return next;
  }

  /** The context as system prompt plus messages, trimmed to the budget, newest interactions kept. */
  adapt(stored: StoredContext, provider: string): AdaptedContext {
    const insightText =
      Object.keys(stored.sharedInsights).length > 0
        ? `Shared insights so far: ${JSON.stringify(stored.sharedInsights)}`
        : '';
    let budget = this.tokenBudget - estimateTokens(insightText);
    const kept: ProviderInteraction[] = [];
    for (const interaction of [...stored.interactions].reverse()) {
      const cost = estimateTokens(interaction.content) + 8;
      if (cost > budget) break;
      budget -= cost;
      kept.unshift(interaction);
    }
    const messages: ChatMessage[] = kept.map((i) => ({
      role: 'assistant',
      content: `[${i.provider} on ${i.taskType}] ${i.content}`,
    }));
    return { format: formatFor(provider), system: insightText, messages };
  }

  /** Splits an incoming context into shared insights (known keys or `sharedInsights`) and the rest. */
  static insightsOf(context: JsonRecord): SharedInsights {
    const nested = (context.sharedInsights ?? {}) as JsonRecord;
    const picked: SharedInsights = { ...(typeof nested === 'object' && nested !== null ? nested : {}) };
    for (const key of INSIGHT_KEYS) if (context[key] !== undefined) picked[key] = context[key];
    return picked;
  }
}

/** Renders an adapted context in the provider's own wire shape. */
export function toWireShape(adapted: AdaptedContext): JsonRecord {
  if (adapted.format === 'anthropic') {
    return { format: 'anthropic', system: adapted.system, messages: adapted.messages };
  }
  return {
    format: 'openai',
    messages: [...(adapted.system ? [{ role: 'system', content: adapted.system }] : []), ...adapted.messages],
  };
}
