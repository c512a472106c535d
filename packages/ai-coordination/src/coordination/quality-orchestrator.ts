import type { Task } from '@startup-factory/contracts';
import type { z } from 'zod';

export interface QualityScore {
  /** 0..1 */
  score: number;
  valid: boolean;
  completeness: number;
  specificity: number;
  judge?: number;
}

/** An optional second opinion, e.g. a judge model, returning 0..1, or undefined when it has none. */
export type QualityJudge = (task: Task, output: unknown) => Promise<number | undefined>;

/** What an answer that took a re-ask to satisfy its schema keeps of its score. */
export const REASKED_QUALITY_FACTOR = 0.5;

/**
 * The quality a provider delivered on a task, 0..1: the orchestrator's score of its answer, halved
 * for each re-ask it took to get valid JSON. Recorded on the kept call for analytics, and what the
 * learning engine rewards, so a successful re-ask never scores in full.
 */
export function deliveredQuality(score: number, reasks: number): number {
  return Math.round(score * REASKED_QUALITY_FACTOR ** reasks * 1000) / 1000;
}

const PLACEHOLDER = /\b(lorem|ipsum|tbd|todo|n\/a|placeholder|example\.com|xxx)\b/i;

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}

const isFilled = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  v !== '' &&
  !(Array.isArray(v) && v.length === 0) &&
  !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * Scores an output 0..1: schema validity (a gate), completeness of its sections, and length and
 * specificity (concrete numbers, no placeholders, not too short). Offline drafts are capped so a
 * real provider's good answer ranks above them.
 */
export class QualityOrchestrator {
  readonly threshold: number;
  private readonly judge: QualityJudge | undefined;

  constructor({ threshold = 0.5, judge }: { threshold?: number; judge?: QualityJudge } = {}) {
    this.threshold = threshold;
    this.judge = judge;
  }

  /** `judge` stands in for the orchestrator's own for this answer (the coordinator's model judge). */
  async score(task: Task, output: unknown, schema?: z.ZodType, judge = this.judge): Promise<QualityScore> {
    const valid = schema ? schema.safeParse(output).success : output !== undefined && output !== '';
    if (!valid) return { score: 0, valid, completeness: 0, specificity: 0 };
    const completeness = this.completeness(output);
    const specificity = this.specificity(output);
    let score = 0.1 + 0.4 * completeness + 0.5 * specificity;
    if (output && typeof output === 'object' && (output as { draftedOffline?: boolean }).draftedOffline) {
      score = Math.min(score, 0.7);
    }
    const opinion = judge ? await judge(task, output) : undefined;
    const judged = opinion === undefined ? undefined : Math.max(0, Math.min(1, opinion));
    if (judged !== undefined) score = 0.5 * score + 0.5 * judged;
    return {
      score: round(score),
      valid,
      completeness,
      specificity,
      ...(judged !== undefined ? { judge: judged } : {}),
    };
  }

  passes(score: QualityScore): boolean {
    return score.valid && score.score >= this.threshold;
  }

  private completeness(output: unknown): number {
    if (typeof output === 'string') return output.trim().length > 0 ? 1 : 0;
    if (!output || typeof output !== 'object') return 0;
    const entries = Object.entries(output).filter(([k]) => k !== 'draftedOffline');
    if (entries.length === 0) return 0;
    return entries.filter(([, v]) => isFilled(v)).length / entries.length;
  }

  private specificity(output: unknown): number {
    const strings = collectStrings(output);
    if (strings.length === 0) return 0.5;
    const words = strings.join(' ').split(/\s+/).filter(Boolean).length;
    const length = Math.min(1, words / 150);
    const concrete =
      strings.filter((s) => /\d/.test(s) || /[A-Z][a-z]+/.test(s.slice(1))).length / strings.length;
    const placeholders = strings.filter((s) => PLACEHOLDER.test(s)).length / strings.length;
    const tooShort = strings.filter((s) => s.trim().length < 3).length / strings.length;
    return Math.max(0, Math.min(1, 0.5 * length + 0.5 * concrete - placeholders - 0.5 * tooShort));
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
