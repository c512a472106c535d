import { randomUUID } from 'node:crypto';
import type {
  ChatMessage,
  IStateStore,
  JsonRecord,
  ProviderInteraction,
  SharedInsights,
} from '@startup-factory/contracts';
import { boundedJson } from './bounded-json';
import { SecretRedactor } from './secret-redactor';

/**
 * Each interaction and each shared insight is its own document, in one collection of the startup's
 * own (so a task loads its context in one read): tasks of one startup that finish at once (market
 * research's four subtasks) each add theirs without a read-modify-write that could drop another's.
 */
const collectionOf = (startupId: string) => `ai-context/${startupId}`;
const INTERACTION = 'interaction/';
const INSIGHT = 'insight/';
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
  /** No turn, or one user turn of notes; a caller adds its task to that turn rather than after it. */
  messages: ChatMessage[];
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);
/** Insights are always sent, so they are summarised to this many characters, never dropped. */
const INSIGHT_CHARS = 6000;

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
  private sequence = 0;

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
    const documents = await this.store.listDocuments(collectionOf(startupId));
    const interactions = documents.filter((d) => d.key.startsWith(INTERACTION));
    const insights = documents.filter((d) => d.key.startsWith(INSIGHT));
    interactions.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const excess = interactions.splice(0, Math.max(0, interactions.length - this.maxInteractions));
    for (const old of excess) await this.store.deleteDocument(collectionOf(startupId), old.key);
    return {
      interactions: interactions.map((d) => d.value as ProviderInteraction),
      sharedInsights: Object.fromEntries(
        insights.map((d) => [d.key.slice(INSIGHT.length), d.value]),
      ) as SharedInsights,
    };
  }

  /**
   * Adds an interaction and sets insights (one document each). Only what is new is redacted and
   * written, so a call costs the same at the 200th interaction as at the first.
   */
  async record(
    startupId: string,
    interaction: ProviderInteraction,
    insights: SharedInsights = {},
  ): Promise<void> {
    await this.store.putDocuments(this.documentsOf(startupId, interaction, insights));
  }

  /** The documents `record` writes, for a caller to write with its own in one statement. */
  documentsOf(
    startupId: string,
    interaction: ProviderInteraction,
    insights: SharedInsights = {},
  ): Array<{ collection: string; key: string; value: unknown }> {
    const at = new Date(interaction.at).getTime();
    this.sequence = (this.sequence + 1) % 1_000_000;
    // Time first, so documents list in the order they were recorded (then per-process sequence).
    const key = `${String(at).padStart(15, '0')}.${String(this.sequence).padStart(6, '0')}.${randomUUID().slice(0, 8)}`;
    const collection = collectionOf(startupId);
    return [
      { collection, key: `${INTERACTION}${key}`, value: this.redactor.redactJson(interaction) },
      ...Object.entries(this.redactor.redactJson(insights)).map(([name, value]) => ({
        collection,
        key: `${INSIGHT}${name}`,
        value,
      })),
    ];
  }

  /**
   * The context as a system prompt (the shared insights) plus at most one user turn of notes from
   * earlier interactions, trimmed to the budget with the newest kept. Notes are never assistant
   * turns: a conversation must open with the user and alternate, or strict servers refuse it.
   */
  adapt(stored: StoredContext, provider: string): AdaptedContext {
    const insightText =
      Object.keys(stored.sharedInsights).length > 0
        ? `Shared insights so far: ${boundedJson(stored.sharedInsights, INSIGHT_CHARS).text}`
        : '';
    let budget = this.tokenBudget - estimateTokens(insightText);
    const kept: string[] = [];
    for (const interaction of [...stored.interactions].reverse()) {
      if (interaction.content.trim() === '') continue;
      const note = `[${interaction.provider} on ${interaction.taskType}] ${interaction.content}`;
      const cost = estimateTokens(note) + 2;
      if (cost > budget) break;
      budget -= cost;
      kept.unshift(note);
    }
    const messages: ChatMessage[] =
      kept.length > 0
        ? [
            {
              role: 'user',
              content: `Notes from earlier tasks on this startup, oldest first:\n${kept.join('\n')}`,
            },
          ]
        : [];
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
