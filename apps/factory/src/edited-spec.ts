import { InvalidConfigError, MvpSpec, parseInput } from '@startup-factory/contracts';

/**
 * An MVP spec the operator edited (`approve --spec`, the approve API's `spec`), checked strictly:
 * every MvpSpec rule, and no key the schema does not know at any depth (MvpSpec itself drops
 * unknown keys, as AI answers carry extras; an operator's typo must not vanish silently).
 * Throws INVALID_CONFIG naming each bad path; call it before any side effect.
 */
export function parseEditedSpec(input: unknown, subject: string): MvpSpec {
  const spec = parseInput(MvpSpec, input, subject);
  const unknown = droppedKeys(input, spec, []);
  if (unknown.length > 0) {
    throw new InvalidConfigError({
      message: `Invalid ${subject}: unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.join(', ')}. Remove ${unknown.length === 1 ? 'it' : 'them'} (or fix the spelling: the fields are those of mvp-spec.json as the factory wrote it) and try again.`,
      issues: unknown.map((path) => ({ path, message: 'unknown key' })),
    });
  }
  return spec;
}

/** Dotted paths of the keys in `input` that the parse left out of `output`. */
function droppedKeys(input: unknown, output: unknown, path: string[]): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => droppedKeys(item, output[i], [...path, String(i)]));
  }
  if (!isRecord(input) || !isRecord(output)) return [];
  return Object.keys(input).flatMap((key) =>
    Object.hasOwn(output, key)
      ? droppedKeys(input[key], output[key], [...path, key])
      : [[...path, key].join('.')],
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
