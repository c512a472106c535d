import {
  ChangeNotUnderstoodError,
  type CompletionRequest,
  type CompletionResponse,
  type IProvider,
  type OutputSchemaName,
  ProviderError,
  SPEC_REVISION_TASK,
  SpecRevisionInput,
  StartupConfig,
} from '@startup-factory/contracts';
import {
  draftArchitecture,
  draftCodeSlots,
  draftFounderAnalysis,
  draftLandscape,
  draftMarketResearch,
  draftMarketSize,
  draftMvpSpec,
  draftPersonas,
  draftPricing,
} from './offline-drafts';
import { reviseSpecOffline } from './spec-reviser';

/** One offline draft per output schema a phase may ask for; the compiler names a schema left out. */
const DRAFTERS: Record<string, (config: StartupConfig) => unknown> = {
  founder_analysis: draftFounderAnalysis,
  market_research: draftMarketResearch,
  mvp_spec: draftMvpSpec,
  architecture: draftArchitecture,
  code_slots: draftCodeSlots,
  market_landscape: draftLandscape,
  market_size: draftMarketSize,
  market_personas: draftPersonas,
  market_pricing: draftPricing,
} satisfies Record<OutputSchemaName, (config: StartupConfig) => unknown>;

/** The pipeline's market-research task types map to the part schemas they ask for. */
const TASK_TYPE_ALIASES: Record<string, string> = {
  'market_research.competitors': 'market_landscape',
  'market_research.market_size': 'market_size',
  'market_research.personas': 'market_personas',
  'market_research.pricing': 'market_pricing',
};

const FALLBACK_CONFIG = StartupConfig.parse({ name: 'New startup', industry: 'Software', category: 'SaaS' });

/** The kinds of output the offline provider can draft. */
export const OFFLINE_DRAFT_KINDS = Object.keys(DRAFTERS);

/** Drafts the structured output for `kind` (an OUTPUT_SCHEMAS or subtask schema name) from a config. */
export function draftOffline(kind: string, config: StartupConfig = FALLBACK_CONFIG): unknown {
  const drafter = DRAFTERS[kind] ?? DRAFTERS[TASK_TYPE_ALIASES[kind] ?? ''];
  return drafter ? drafter(config) : undefined;
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The embedded default: drafts every pipeline artifact from the startup config and a shipped
 * industry catalogue. No network, same input gives the same output, and every draft says
 * `draftedOffline: true`.
 */
export class OfflineProvider implements IProvider {
  readonly name: string;
  readonly defaultModel = 'offline-drafter-1';
  readonly offline = true;

  constructor({ name = 'offline' }: { name?: string } = {}) {
    this.name = name;
  }

  async complete(request: CompletionRequest): Promise<CompletionResponse> {
    const kind = request.jsonSchema?.name ?? request.taskType;
    const config = request.context?.config ?? FALLBACK_CONFIG;
    const draft =
      request.taskType === SPEC_REVISION_TASK
        ? this.revise(request)
        : (draftOffline(kind, config) ?? draftOffline(request.taskType.split('.')[0] ?? '', config));
    const text =
      draft === undefined
        ? `Drafted offline for ${config.name} (${config.industry}): no structured template for "${request.taskType}".`
        : JSON.stringify(draft);
    const prompt = [request.system ?? '', ...request.messages.map((m) => m.content)].join('\n');
    return {
      text,
      model: this.defaultModel,
      inputTokens: estimateTokens(prompt),
      outputTokens: estimateTokens(text),
      finishReason: 'stop',
    };
  }

  /**
   * A spec_revision task: the offline reviser applies the change to the spec in the task's input.
   * A change it cannot read is a permanent failure whose cause is the CHANGE_NOT_UNDERSTOOD error,
   * so the task fails with that code and message instead of answering with the spec unchanged.
   */
  private revise(request: CompletionRequest): unknown {
    const input = SpecRevisionInput.safeParse(request.input ?? {});
    if (!input.success) {
      throw new ProviderError({
        provider: this.name,
        permanent: true,
        message: `A ${SPEC_REVISION_TASK} task needs the input { spec, change }: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      });
    }
    try {
      return reviseSpecOffline(input.data.spec, input.data.change);
    } catch (error) {
      if (!ChangeNotUnderstoodError.isInstance(error)) throw error;
      throw new ProviderError({ provider: this.name, permanent: true, message: error.message, cause: error });
    }
  }
}
