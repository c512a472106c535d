import { MarketResearch, type Task, type TaskResult } from '@startup-factory/contracts';

/** A phase as subtasks that may run in parallel, plus the step that merges their outputs. */
export interface TaskPlan {
  root: Task;
  subtasks: Task[];
  /** Combines the subtasks' outputs (by subtask id) into the root task's output. */
  merge(outputs: Record<string, unknown>): unknown;
}

const MARKET_PARTS = [
  {
    suffix: 'competitors',
    schema: 'market_competitors',
    ask: 'the main competitors, what they do and their weakness',
  },
  {
    suffix: 'market_size',
    schema: 'market_size',
    ask: 'the market size (TAM, SAM, SOM in USD) with a rationale',
  },
  { suffix: 'personas', schema: 'market_personas', ask: 'the target personas and their pain points' },
  { suffix: 'pricing', schema: 'market_pricing', ask: 'pricing tiers with monthly USD prices and features' },
] as const;

/**
 * Turns a phase task into a DAG: market research fans out into competitors, market size,
 * personas and pricing, merged into one MarketResearch. Other tasks stay a single node.
 */
export class TaskDecomposer {
  plan(task: Task): TaskPlan {
    if (task.type !== 'market_research') return { root: task, subtasks: [task], merge: (o) => o[task.id] };
    const subtasks: Task[] = MARKET_PARTS.map((part) => ({
      ...task,
      id: `${task.id}.${part.suffix}`,
      type: `market_research.${part.suffix}`,
      outputSchema: part.schema,
      prompt: `${task.prompt}\n\nFocus only on ${part.ask}.`.trim(),
      dependsOn: [],
    }));
    return {
      root: task,
      subtasks,
      merge: (outputs) => {
        const parts = Object.assign({}, ...subtasks.map((s) => outputs[s.id] as object)) as Omit<
          MarketResearch,
          'summary' | 'draftedOffline'
        >;
        const offline = subtasks.some((s) => (outputs[s.id] as { draftedOffline?: boolean })?.draftedOffline);
        const summary = `Market research from ${subtasks.length} parallel analyses: ${parts.competitors
          .map((c) => c.name)
          .join(', ')} compete; personas ${parts.personas.map((p) => p.name).join(', ')}; TAM $${Math.round(
          parts.marketSize.tamUsd / 1_000_000,
        )}M; tiers ${parts.pricing.map((p) => p.tier).join(', ')}.`;
        return MarketResearch.parse({ summary, ...parts, draftedOffline: offline });
      },
    };
  }
}

/**
 * Runs subtasks as soon as their dependencies finish (in parallel otherwise) and merges. A failed
 * subtask fails the plan with its error.
 */
export async function runPlan(
  plan: TaskPlan,
  execute: (task: Task) => Promise<TaskResult>,
): Promise<{ output: unknown; results: TaskResult[] }> {
  const started = new Map<string, Promise<TaskResult>>();
  const byId = new Map(plan.subtasks.map((t) => [t.id, t]));
  const run = (task: Task): Promise<TaskResult> => {
    let p = started.get(task.id);
    if (!p) {
      p = Promise.all(task.dependsOn.filter((d) => byId.has(d)).map((d) => run(byId.get(d) as Task))).then(
        () => execute(task),
      );
      started.set(task.id, p);
    }
    return p;
  };
  const results = await Promise.all(plan.subtasks.map(run));
  const failed = results.find((r) => r.status !== 'succeeded');
  if (failed) return { output: undefined, results };
  return { output: plan.merge(Object.fromEntries(results.map((r) => [r.taskId, r.output]))), results };
}
