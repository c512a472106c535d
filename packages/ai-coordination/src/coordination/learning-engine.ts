import { randomUUID } from 'node:crypto';
import type { IStateStore } from '@startup-factory/contracts';
import { type RandomSource, sampleBeta } from './seeded-random';

/**
 * One document per origin holds its counts for every task type, so a process reads all it learned
 * in one statement and another origin's in one more, however many task types there are.
 */
const COLLECTION = 'ai-learning';
/** Counts over every task type (the sum of the per-type counts), a name no dotted task type takes. */
const ALL_TYPES = '*';

/** An origin's counts: per task type, per provider. */
type OriginCounts = Record<string, Record<string, ArmStats>>;

export interface ArmStats {
  pulls: number;
  failures: number;
  /** Beta posterior over the reward in [0, 1]. */
  alpha: number;
  beta: number;
  qualitySum: number;
  costSum: number;
  latencySum: number;
}

export interface CallOutcome {
  success: boolean;
  /** 0..1: the quality the provider delivered (the orchestrator's score, re-asks discounted). */
  quality: number;
  costUsd: number;
  /** Every call the provider made for the task, failed and timed-out ones included. */
  latencyMs: number;
  /**
   * Calls the provider made for the task (default 1). Each beyond the first (a retry after an error
   * or timeout, a re-ask after schema-invalid JSON) was wasted and counts as one more observation
   * of reward 0.
   */
  calls?: number;
}

export interface LearningEngineOptions {
  store: IStateStore;
  random?: RandomSource;
  /** Cost at which the reward is halved: quality per cost. */
  costScaleUsd?: number;
  /** Latency at which the reward is halved (default 20 s). */
  latencyScaleMs?: number;
  /**
   * Weight of what a provider did on other task types when ranking it for one (default 0.5): a
   * provider that sends invalid JSON or times out tends to do so on every task, so a new task type
   * starts from that instead of from nothing. 0 keeps task types apart.
   */
  poolWeight?: number;
  /**
   * Names what this engine learns from in the store (default: a fresh id per instance). Each origin
   * writes only its own counts, so engines of several processes add up instead of overwriting each
   * other; give one process the same origin across restarts to keep one document per task type.
   */
  origin?: string;
  /** How long other origins' counts are reused before the store is read again (default 2 s). */
  refreshMs?: number;
}

/** One document to put (IStateStore.putDocuments). */
export interface DocumentWrite {
  collection: string;
  key: string;
  value: unknown;
}

/** Counts of one origin: alpha and beta without the Beta(1, 1) prior, which is added once on top. */
const zeroArm = (): ArmStats => ({
  pulls: 0,
  failures: 0,
  alpha: 0,
  beta: 0,
  qualitySum: 0,
  costSum: 0,
  latencySum: 0,
});

const FIELDS = Object.keys(zeroArm()) as Array<keyof ArmStats>;

/** Per provider, the sum of several origins' counts. */
function sumArms(sets: Array<Record<string, ArmStats>>): Record<string, ArmStats> {
  const total: Record<string, ArmStats> = {};
  for (const arms of sets) {
    for (const [provider, arm] of Object.entries(arms)) {
      const into = total[provider] ?? zeroArm();
      for (const field of FIELDS) into[field] += Number(arm[field] ?? 0);
      total[provider] = into;
    }
  }
  return total;
}

/**
 * Per task type and provider, a Thompson-sampling bandit over a reward that blends quality,
 * cost and latency. Statistics live in the store, so a new process keeps what was learned.
 */
export class LearningEngine {
  readonly origin: string;
  private readonly store: IStateStore;
  private readonly random: RandomSource;
  private readonly costScaleUsd: number;
  private readonly latencyScaleMs: number;
  private readonly poolWeight: number;
  private readonly refreshMs: number;
  /** This origin's counts, loaded once and then kept here. */
  private own: Promise<OriginCounts> | undefined;
  /** Other origins' counts summed per task type, re-read at most every refreshMs. */
  private others: { readAt: number; counts: OriginCounts } | undefined;

  constructor({
    store,
    random = Math.random,
    costScaleUsd = 0.01,
    latencyScaleMs = 20_000,
    poolWeight = 0.5,
    origin = randomUUID(),
    refreshMs = 2000,
  }: LearningEngineOptions) {
    this.store = store;
    this.random = random;
    this.costScaleUsd = costScaleUsd;
    this.latencyScaleMs = latencyScaleMs;
    this.poolWeight = poolWeight;
    this.origin = origin;
    this.refreshMs = refreshMs;
  }

  /**
   * The reward a provider earned on a task, in [0, 1]: nothing for a failure (no valid answer,
   * timeouts, errors), else the delivered quality (a re-asked answer arrives already halved) per
   * cost, discounted for the latency of all its calls.
   */
  reward(outcome: CallOutcome): number {
    if (!outcome.success) return 0;
    const cost = 1 / (1 + outcome.costUsd / this.costScaleUsd);
    const latency = 1 / (1 + Math.max(0, outcome.latencyMs) / this.latencyScaleMs);
    return Math.max(0, Math.min(1, outcome.quality * cost * latency));
  }

  /**
   * Providers best first, by one posterior draw each (so untried providers get explored). The
   * posterior is the task type's counts plus `poolWeight` times the provider's counts on other types.
   */
  async rank(taskType: string, providers: string[]): Promise<string[]> {
    // One provider (the offline drafter alone, say) has no order to learn: nothing to read.
    if (providers.length < 2) return [...providers];
    const arms = await this.stats(taskType);
    const all = this.poolWeight > 0 ? await this.stats(ALL_TYPES) : {};
    const drawn = providers.map((p) => {
      const arm = arms[p] ?? { ...zeroArm(), alpha: 1, beta: 1 };
      const pooled = all[p] ?? { ...zeroArm(), alpha: 1, beta: 1 };
      // Both carry the Beta(1, 1) prior; what the other types add is their difference.
      const alpha = arm.alpha + this.poolWeight * Math.max(0, pooled.alpha - arm.alpha);
      const beta = arm.beta + this.poolWeight * Math.max(0, pooled.beta - arm.beta);
      return { p, draw: sampleBeta(alpha, beta, this.random) };
    });
    return drawn.sort((a, b) => b.draw - a.draw).map((d) => d.p);
  }

  /**
   * Counts one outcome. With `batch`, the documents to write are added to it instead of written,
   * for the caller to store with its own write (each holds the origin's whole count, so a batch
   * lost to a crash is made good by the next write).
   */
  async record(
    taskType: string,
    provider: string,
    outcome: CallOutcome,
    batch?: DocumentWrite[],
  ): Promise<void> {
    const r = this.reward(outcome);
    const own = await this.ownCounts();
    const arms = own[taskType] ?? {};
    own[taskType] = arms;
    const arm = arms[provider] ?? zeroArm();
    arms[provider] = arm;
    arm.pulls += 1;
    arm.failures += outcome.success ? 0 : 1;
    arm.alpha += r;
    arm.beta += 1 - r + Math.max(0, (outcome.calls ?? 1) - 1);
    arm.qualitySum += outcome.quality;
    arm.costSum += outcome.costUsd;
    arm.latencySum += outcome.latencyMs;
    const updated: DocumentWrite = { collection: COLLECTION, key: this.origin, value: own };
    if (batch) batch.push(updated);
    else await this.store.putDocuments([updated]);
  }

  /**
   * What has been learned for a task type (`*`: over all of them), per provider, over every origin
   * (prior included).
   */
  async stats(taskType: string): Promise<Record<string, ArmStats>> {
    const others = await this.otherCounts();
    const own = await this.ownCounts();
    const total = sumArms([...armsOf(own, taskType), ...armsOf(others, taskType)]);
    for (const arm of Object.values(total)) {
      arm.alpha += 1;
      arm.beta += 1;
    }
    return total;
  }

  private ownCounts(): Promise<OriginCounts> {
    if (!this.own) {
      const own = this.store
        .getDocument<OriginCounts>(COLLECTION, this.origin)
        .then((stored) => stored ?? {});
      own.catch(() => {
        if (this.own === own) this.own = undefined;
      });
      this.own = own;
    }
    return this.own;
  }

  private async otherCounts(): Promise<OriginCounts> {
    if (this.others && Date.now() - this.others.readAt < this.refreshMs) return this.others.counts;
    const docs = await this.store.listDocuments<OriginCounts>(COLLECTION);
    // The same read holds this origin's own counts: the first one needs no read of its own.
    if (!this.own) this.own = Promise.resolve(docs.find((d) => d.key === this.origin)?.value ?? {});
    const counts: OriginCounts = {};
    for (const doc of docs) {
      if (doc.key === this.origin) continue;
      for (const [taskType, arms] of Object.entries(doc.value)) {
        counts[taskType] = sumArms([counts[taskType] ?? {}, arms]);
      }
    }
    this.others = { readAt: Date.now(), counts };
    return counts;
  }
}

/** The per-provider counts of one task type, or of every type for `*`. */
function armsOf(counts: OriginCounts, taskType: string): Array<Record<string, ArmStats>> {
  if (taskType === ALL_TYPES) return Object.values(counts);
  const arms = counts[taskType];
  return arms ? [arms] : [];
}
