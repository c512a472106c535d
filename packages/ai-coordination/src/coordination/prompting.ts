import type { SharedInsights, StartupContext, Task } from '@startup-factory/contracts';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The user message for a task: what to do, for which startup, with its input and earlier phases. */
export function buildPrompt(task: Task, context: StartupContext): string {
  const c = context.config;
  const lines = [
    `Task: ${task.type}`,
    `Startup: ${c.name} — ${c.category} in ${c.industry}.`,
    c.description ? `Description: ${c.description}` : '',
    task.prompt,
    Object.keys(task.input).length > 0 ? `Input: ${clip(JSON.stringify(task.input), 8000)}` : '',
    Object.keys(context.sharedInsights).length > 0
      ? `Known insights: ${clip(JSON.stringify(context.sharedInsights), 4000)}`
      : '',
    Object.keys(context.phaseOutputs).length > 0
      ? `Earlier phases: ${clip(JSON.stringify(context.phaseOutputs), 8000)}`
      : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/** A short readable trace of an output for the shared context. */
export function summarizeOutput(output: unknown): string {
  if (typeof output === 'string') return clip(output, 1000);
  const summary = (output as { summary?: unknown })?.summary;
  return clip(typeof summary === 'string' ? summary : JSON.stringify(output ?? null), 1000);
}

/** Insights every later provider should see, picked out of a finished market research. */
export function insightsFrom(taskType: string, output: unknown): SharedInsights {
  const [kind, focus] = taskType.split('.', 2);
  if (kind !== 'market_research' || !output || typeof output !== 'object') return {};
  const o = output as { summary?: string; personas?: Array<{ name: string }>; pricing?: unknown };
  // A decomposed subtask (market_research.personas, ...) shares what it focused on; the whole task shares all.
  const wants = (insight: 'summary' | 'personas' | 'pricing') =>
    focus === undefined ||
    focus === insight ||
    (insight === 'summary' && (focus === 'competitors' || focus === 'market_size'));
  return {
    ...(o.summary && wants('summary') ? { marketInsights: o.summary } : {}),
    ...(o.personas && wants('personas') ? { userPersonas: o.personas.map((p) => p.name) } : {}),
    ...(o.pricing && wants('pricing') ? { monetization: o.pricing } : {}),
  };
}
