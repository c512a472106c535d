/** A JSON string literal that is also safe inside `<script>`, JSX and template literals' neighbours (for generated code). */
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
