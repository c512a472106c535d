import { OUTPUT_SCHEMAS } from '@startup-factory/contracts';
import { z } from 'zod';

const ALL: Record<string, z.ZodType> = OUTPUT_SCHEMAS;

/** The zod schema a task's `outputSchema` names, or undefined when the name is unknown. */
export function schemaForName(name: string): z.ZodType | undefined {
  return Object.hasOwn(ALL, name) ? ALL[name] : undefined;
}

const jsonSchemaCache = new Map<string, Record<string, unknown>>();

/** The JSON Schema sent to providers for a named output schema (input shape, so defaults stay optional). */
export function jsonSchemaForName(
  name: string,
): { name: string; schema: Record<string, unknown> } | undefined {
  const schema = schemaForName(name);
  if (!schema) return undefined;
  let json = jsonSchemaCache.get(name);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    jsonSchemaCache.set(name, json);
  }
  return { name, schema: json };
}
