import nunjucks from 'nunjucks';

/** Extensions whose rendered text lands in markup, so plain `{{ x }}` is HTML-escaped there. */
const MARKUP = /\.(html?|tsx|jsx|vue|xml|svg)$/i;

/** A JSON string literal that is also safe inside `<script>`, JSX and template literals' neighbours. */
export function jsLiteral(value: unknown, indent?: number): string {
  return (JSON.stringify(value ?? null, null, indent) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A single-quoted Dart string literal: `$` and `\` escaped so nothing interpolates. */
export function dartLiteral(value: unknown): string {
  const text = String(value ?? '');
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\$/g, '\\$')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

function makeEnvironment(autoescape: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape, throwOnUndefined: true });
  const safe = (text: string) => new nunjucks.runtime.SafeString(text);
  env.addFilter('js', (value: unknown) => safe(jsLiteral(value)));
  env.addFilter('json', (value: unknown) => safe(jsLiteral(value)));
  env.addFilter('dart', (value: unknown) => safe(dartLiteral(value)));
  return env;
}

const escaping = makeEnvironment(true);
const plain = makeEnvironment(false);

/**
 * Renders one template string. `name` picks escaping by extension and names the source in errors.
 * Variable values are data: their own `{{ }}` is never rendered again.
 */
export function renderString(source: string, context: Record<string, unknown>, name: string): string {
  const env = MARKUP.test(name) ? escaping : plain;
  return new nunjucks.Template(source, env, name).render(context);
}

/** Renders a file or folder name: never escaped, since the result is checked as a path segment. */
export function renderName(source: string, context: Record<string, unknown>): string {
  if (!source.includes('{')) return source;
  return plain.renderString(source, context);
}
