import { TemplateUnsupportedError } from '@startup-factory/contracts';

/**
 * The part of Jinja2 the built-in renderer reproduces exactly as cookiecutter renders it, checked
 * and evaluated here rather than by a JavaScript template engine with its own semantics:
 * `{{ cookiecutter.x }}` with the filters lower, upper, replace('a', 'b') and jsonify;
 * `{% if %}`/`{% elif %}`/`{% else %}`/`{% endif %}` on `[not] cookiecutter.x` or
 * `cookiecutter.x == 'literal'` (or `!=`); `{% raw %}`; `{# comments #}`. Anything else is refused
 * with the file, the line and the construct.
 */

type Filter = { name: 'lower' | 'upper' | 'jsonify' } | { name: 'replace'; from: string; to: string };
interface Output {
  kind: 'out';
  name: string;
  filters: Filter[];
  offset: number;
  text: string;
}
interface Condition {
  name: string;
  negate: boolean;
  op?: '==' | '!=';
  literal?: string;
  offset: number;
  text: string;
}
type Node =
  | { kind: 'text'; text: string }
  | Output
  | { kind: 'if'; branches: { cond: Condition | null; body: Node[] }[] };

/** Attributes Jinja finds on the context dict itself before any key of that name. */
const DICT_ATTRIBUTES = new Set([
  'items',
  'keys',
  'values',
  'get',
  'copy',
  'pop',
  'popitem',
  'update',
  'clear',
  'setdefault',
  'fromkeys',
  'move_to_end',
]);

const HINT =
  'the built-in renderer reproduces only {{ cookiecutter.x }} with lower, upper, replace and jsonify, {% if %} on variables, {% raw %} and comments; install cookiecutter (apt-get install cookiecutter, or pip install cookiecutter) to render this template. Nothing was written';

export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function refuse(file: string, source: string, offset: number, construct: string, why: string): never {
  const line = lineAt(source, offset);
  const shown = construct.length > 80 ? `${construct.slice(0, 77)}...` : construct;
  throw new TemplateUnsupportedError({
    file,
    line,
    construct: shown,
    message: `${file}, line ${line}: ${shown} ${why}; ${HINT}.`,
  });
}

const LITERAL = String.raw`(?:'((?:[^'\\{}%\r\n]|\\[\\'"nrt])*)'|"((?:[^"\\{}%\r\n]|\\[\\'"nrt])*)")`;
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };
/** A Python string literal's text, for the escapes LITERAL lets through. */
const pythonUnescape = (text: string | undefined) =>
  text?.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
const NAME = String.raw`cookiecutter\.([A-Za-z_][A-Za-z0-9_]*)`;
const FILTER = new RegExp(
  String.raw`^\|\s*(lower|upper|jsonify|replace)\s*(?:\(\s*${LITERAL}\s*,\s*${LITERAL}\s*\))?\s*`,
);
const CONDITION = new RegExp(String.raw`^(not\s+)?${NAME}\s*(?:(==|!=)\s*${LITERAL})?$`);
/** Characters one of Python's str.isspace and JavaScript's `\s` counts as whitespace and the other may not. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.isspace counts U+001C..U+001F
const AMBIGUOUS_SPACE = /[\s\u001c-\u001f\u0085]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, NUL included
const NON_ASCII = /[^\u0000-\u007f]/;

function parseOutput(inner: string, file: string, source: string, offset: number, text: string): Output {
  const head = inner.trim().match(new RegExp(`^${NAME}\\s*`));
  if (!head?.[1]) refuse(file, source, offset, text, 'is not a plain cookiecutter variable');
  const name = head[1];
  if (DICT_ATTRIBUTES.has(name))
    refuse(file, source, offset, text, `names the dict method ${name}, not a variable`);
  let rest = inner.trim().slice(head[0].length);
  const filters: Filter[] = [];
  while (rest.length > 0) {
    const m = rest.match(FILTER);
    if (!m?.[1]) refuse(file, source, offset, text, 'uses an expression or filter outside the supported set');
    const args = m[2] !== undefined || m[3] !== undefined;
    if (m[1] === 'replace') {
      const from = pythonUnescape(m[2] ?? m[3]);
      const to = pythonUnescape(m[4] ?? m[5]);
      if (from === undefined || to === undefined || from === '')
        refuse(file, source, offset, text, 'needs replace with two string literals, the first not empty');
      filters.push({ name: 'replace', from, to });
    } else {
      if (args) refuse(file, source, offset, text, `passes arguments to ${m[1]}`);
      filters.push({ name: m[1] as 'lower' | 'upper' | 'jsonify' });
    }
    rest = rest.slice(m[0].length);
  }
  return { kind: 'out', name, filters, offset, text };
}

function parseCondition(expr: string, file: string, source: string, offset: number, text: string): Condition {
  const m = expr.trim().match(CONDITION);
  if (!m?.[2])
    refuse(file, source, offset, text, 'has a condition outside [not] cookiecutter.x [== or != a string]');
  if (DICT_ATTRIBUTES.has(m[2]))
    refuse(file, source, offset, text, `names the dict method ${m[2]}, not a variable`);
  return {
    name: m[2],
    negate: Boolean(m[1]),
    ...(m[3] ? { op: m[3] as '==' | '!=', literal: pythonUnescape(m[4] ?? m[5]) ?? '' } : {}),
    offset,
    text,
  };
}

/** Removes whitespace before a `{%-`, as Jinja does, refusing whitespace the two languages classify differently. */
function trimEnd(nodes: Node[], file: string, source: string, offset: number, text: string): void {
  const last = nodes[nodes.length - 1];
  if (last?.kind !== 'text') return;
  const kept = last.text.replace(/[ \t\n\r\f\v]+$/, '');
  if (AMBIGUOUS_SPACE.test(kept.slice(-1)))
    refuse(file, source, offset, text, 'trims whitespace that Python and JavaScript classify differently');
  last.text = kept;
}

function trimStart(source: string, from: number, file: string, text: string): number {
  let i = from;
  while (i < source.length && /[ \t\n\r\f\v]/.test(source[i] ?? '')) i++;
  if (AMBIGUOUS_SPACE.test(source[i] ?? ''))
    refuse(file, source, from, text, 'trims whitespace that Python and JavaScript classify differently');
  return i;
}

/** Parses a template in the supported subset; throws TemplateUnsupportedError on anything else. */
export function parseSubset(source: string, file: string): Node[] {
  const root: Node[] = [];
  const stack: { branches: { cond: Condition | null; body: Node[] }[]; offset: number; sawElse: boolean }[] =
    [];
  const current = () => {
    const top = stack[stack.length - 1];
    return top ? (top.branches[top.branches.length - 1]?.body ?? root) : root;
  };
  let pos = 0;
  const open = /\{[{%#]/g;
  for (;;) {
    open.lastIndex = pos;
    const m = open.exec(source);
    const start = m ? m.index : source.length;
    if (start > pos) current().push({ kind: 'text', text: source.slice(pos, start) });
    if (!m) break;
    const kind = source[start + 1];
    const close = kind === '{' ? '}}' : kind === '%' ? '%}' : '#}';
    const end = source.indexOf(close, start + 2);
    if (end < 0) refuse(file, source, start, source.slice(start, start + 20), 'is never closed');
    const text = source.slice(start, end + 2);
    let inner = source.slice(start + 2, end);
    const trimLeft = inner.startsWith('-');
    const trimRight = inner.endsWith('-');
    if (inner.startsWith('+') || inner.endsWith('+'))
      refuse(file, source, start, text, 'uses + whitespace control');
    if (kind !== '%' && (trimLeft || trimRight))
      refuse(file, source, start, text, 'uses - whitespace control outside {% if %}');
    inner = inner.slice(trimLeft ? 1 : 0, inner.length - (trimRight ? 1 : 0));
    pos = end + 2;
    if (kind === '#') continue;
    if (kind === '{') {
      current().push(parseOutput(inner, file, source, start, text));
      continue;
    }
    const words = inner.trim().match(/^([a-z_]+)\b\s*([\s\S]*)$/);
    const tag = words?.[1] ?? '';
    const rest = words?.[2] ?? '';
    if (tag === 'raw') {
      if (trimLeft || trimRight || rest)
        refuse(file, source, start, text, 'uses whitespace control or arguments on raw');
      const endRaw = /\{%(-?)\s*endraw\s*(-?)%\}/g;
      endRaw.lastIndex = pos;
      const e = endRaw.exec(source);
      if (!e) refuse(file, source, start, text, 'is never closed by {% endraw %}');
      if (e[1] || e[2]) refuse(file, source, e.index, e[0], 'trims whitespace around endraw');
      current().push({ kind: 'text', text: source.slice(pos, e.index) });
      pos = e.index + e[0].length;
      continue;
    }
    if (trimLeft) trimEnd(current(), file, source, start, text);
    if (tag === 'if') {
      const branches = [{ cond: parseCondition(rest, file, source, start, text), body: [] as Node[] }];
      current().push({ kind: 'if', branches });
      stack.push({ branches, offset: start, sawElse: false });
    } else if (tag === 'elif' || tag === 'else' || tag === 'endif') {
      const top = stack[stack.length - 1];
      if (!top || (top.sawElse && tag !== 'endif'))
        refuse(file, source, start, text, `has no matching {% if %}`);
      if (tag === 'elif')
        top.branches.push({ cond: parseCondition(rest, file, source, start, text), body: [] });
      else if (tag === 'else') {
        if (rest) refuse(file, source, start, text, 'has arguments');
        top.branches.push({ cond: null, body: [] });
        top.sawElse = true;
      } else {
        if (rest) refuse(file, source, start, text, 'has arguments');
        stack.pop();
      }
    } else {
      refuse(file, source, start, text, `is a {% ${tag || inner.trim()} %} statement`);
    }
    if (trimRight) pos = trimStart(source, pos, file, text);
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) refuse(file, source, unclosed.offset, '{% if %}', 'is never closed by {% endif %}');
  return root;
}

/** Python's `json.dumps` of a string: ASCII only, `\uXXXX` in lowercase hex. */
export function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function variableValue(
  scope: Record<string, unknown>,
  name: string,
  node: { offset: number; text: string },
  file: string,
  source: string,
): string {
  if (!Object.hasOwn(scope, name))
    refuse(
      file,
      source,
      node.offset,
      node.text,
      `uses cookiecutter.${name}, which cookiecutter.json does not define (cookiecutter fails on it)`,
    );
  const value = scope[name];
  if (typeof value !== 'string')
    refuse(file, source, node.offset, node.text, `uses cookiecutter.${name}, which is not a string`);
  return value;
}

function evaluate(nodes: Node[], scope: Record<string, unknown>, file: string, source: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'out') {
      let value = variableValue(scope, node.name, node, file, source);
      for (const filter of node.filters) {
        if (filter.name === 'jsonify') value = pythonJsonString(value);
        else if (filter.name === 'replace') value = value.split(filter.from).join(filter.to);
        else {
          // Python and JavaScript change the case of some non-ASCII letters differently (final sigma).
          if (NON_ASCII.test(value))
            refuse(file, source, node.offset, node.text, `applies ${filter.name} to non-ASCII text`);
          value = filter.name === 'lower' ? value.toLowerCase() : value.toUpperCase();
        }
      }
      out += value;
    } else {
      for (const branch of node.branches) {
        if (branch.cond === null || holds(branch.cond, scope, file, source)) {
          out += evaluate(branch.body, scope, file, source);
          break;
        }
      }
    }
  }
  return out;
}

function holds(cond: Condition, scope: Record<string, unknown>, file: string, source: string): boolean {
  const value = variableValue(scope, cond.name, cond, file, source);
  const result =
    cond.op === '==' ? value === cond.literal : cond.op === '!=' ? value !== cond.literal : value !== '';
  return cond.negate ? !result : result;
}

/** Renders one template text (a file, a name, a default) with `cookiecutter` as the context. */
export type TextRenderer = (source: string, context: Record<string, unknown>, file: string) => string;

/** Renders `source` as cookiecutter would, or throws TemplateUnsupportedError naming file, line and construct. */
export function renderSubset(source: string, scope: Record<string, unknown>, file: string): string {
  if (!/\{[{%#]/.test(source)) return source;
  return evaluate(parseSubset(source, file), scope, file, source);
}
