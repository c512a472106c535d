import type { z } from 'zod';

export type ParsedOutput = { ok: true; value: unknown } | { ok: false; errors: string[] };

/** Pulls the JSON value out of model text: bare JSON, or JSON inside a ``` fence or surrounding prose. */
function extractJson(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(trimmed);
    if (fenced?.[1]) return JSON.parse(fenced[1]);
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start >= 0 && end > start) return JSON.parse(trimmed.slice(start, end + 1));
    throw new Error('no JSON object found');
  }
}

/** Parses model text as JSON and validates it; errors name the field paths, for a re-ask. */
export function parseModelJson(text: string, schema: z.ZodType): ParsedOutput {
  let raw: unknown;
  try {
    raw = extractJson(text);
  } catch (error) {
    return { ok: false, errors: [`the reply is not valid JSON (${(error as Error).message})`] };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}
