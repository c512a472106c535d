import type { IStateStore } from '@startup-factory/contracts';
import { type RandomSource, sampleBeta } from './seeded-random';

const COLLECTION = 'ai-learning';

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
  /** 0..1 from the quality orchestrator. */
  quality: number;
  costUsd: number;
  latencyMs: number;
}

export interface LearningEngineOptions {
  store: IStateStore;
  random?: RandomSource;
  /** Cost at which the reward is halved: quality per cost. */
  costScaleUsd?: number;
  /** Latency at which the reward loses a quarter. */
  latencyScaleMs?: number;
}

const emptyArm = (): ArmStats => ({
  pulls: 0,
  failures: 0,
  alpha: 1,
  beta: 1,
  qualitySum: 0,
  costSum: 0,
  latencySum: 0,
});

/**
 * Per task type and provider, a Thompson-sampling bandit over a reward that blends quality,
 * cost and latency. Statistics live in the store, so a new process keeps what was learned.
 */
export class LearningEngine {
  private readonly store: IStateStore;
  private readonly random: RandomSource;
  private readonly costScaleUsd: number;
  private readonly latencyScaleMs: number;
  private readonly cache = new Map<string, Record<string, ArmStats>>();

  constructor({
    store,
    random = Math.random,
    costScaleUsd = 0.01,
    latencyScaleMs = 30_000,
  }: LearningEngineOptions) {
    this.store = store;
    this.random = random;
    this.costScaleUsd = costScaleUsd;
    this.latencyScaleMs = latencyScaleMs;
  }

  /** The reward a call earned, in [0, 1]. */
  reward(outcome: CallOutcome): number {
    if (!outcome.success) return 0;
    const cost = 1 / (1 + outcome.costUsd / this.costScaleUsd);
    const latency = 1 - 0.5 * (outcome.latencyMs / (outcome.latencyMs + this.latencyScaleMs));
    return Math.max(0, Math.min(1, outcome.quality * cost * latency));
  }

  /** Providers best first, by one posterior draw each (so untried providers get explored). */
  async rank(taskType: string, providers: string[]): Promise<string[]> {
    const arms = await this.arms(taskType);
    const drawn = providers.map((p) => {
      const arm = arms[p] ?? emptyArm();
      return { p, draw: sampleBeta(arm.alpha, arm.beta, this.random) };
    });
    return drawn.sort((a, b) => b.draw - a.draw).map((d) => d.p);
  }

  async record(taskType: string, provider: string, outcome: CallOutcome): Promise<void> {
    const arms = await this.arms(taskType);
    const arm = arms[provider] ?? emptyArm();
    const r = this.reward(outcome);
    arms[provider] = {
      pulls: arm.pulls + 1,
      failures: arm.failures + (outcome.success ? 0 : 1),
      alpha: arm.alpha + r,
      beta: arm.beta + (1 - r),
      qualitySum: arm.qualitySum + outcome.quality,
      costSum: arm.costSum + outcome.costUsd,
      latencySum: arm.latencySum + outcome.latencyMs,
    };
    await this.store.putDocument(COLLECTION, taskType, arms);
  }

  /** What has been learned for a task type, per provider. */
  async stats(taskType: string): Promise<Record<string, ArmStats>> {
    return structuredClone(await this.arms(taskType));
  }

  private async arms(taskType: string): Promise<Record<string, ArmStats>> {
    let arms = this.cache.get(taskType);
    if (!arms) {
      arms = (await this.store.getDocument<Record<string, ArmStats>>(COLLECTION, taskType)) ?? {};
      this.cache.set(taskType, arms);
    }
    return arms;
  }
}
