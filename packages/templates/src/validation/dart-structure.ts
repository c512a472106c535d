export interface DartProblem {
  line: number;
  message: string;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * A structural check of Dart source, the most this machine can do without a Dart SDK: strings
 * (single, double, triple, raw, with `${}` interpolation) and comments are skipped, and brackets
 * must balance. It catches truncated or mis-nested generated code, not type errors.
 */
export function checkDartStructure(source: string): DartProblem[] {
  const stack: { ch: string; line: number; interpolation?: boolean }[] = [];
  let line = 1;
  let i = 0;
  const at = (k: number) => source[k] ?? '';

  function skipString(): DartProblem | null {
    const raw = at(i) === 'r';
    if (raw) i++;
    const quote = at(i);
    const triple = at(i + 1) === quote && at(i + 2) === quote;
    const start = line;
    i += triple ? 3 : 1;
    while (i < source.length) {
      const ch = at(i);
      if (ch === '\n') {
        if (!triple) return { line: start, message: 'string literal is not closed on its line' };
        line++;
      }
      if (!raw && ch === '\\') {
        i += 2;
        continue;
      }
      if (triple ? source.startsWith(quote.repeat(3), i) : ch === quote) {
        i += triple ? 3 : 1;
        return null;
      }
      if (!raw && ch === '$' && at(i + 1) === '{') {
        const problem = skipInterpolation();
        if (problem) return problem;
        continue;
      }
      i++;
    }
    return { line: start, message: 'string literal is not closed' };
  }

  function skipInterpolation(): DartProblem | null {
    const start = line;
    i += 2;
    let depth = 1;
    while (i < source.length && depth > 0) {
      const ch = at(i);
      if (ch === '\n') line++;
      if (ch === "'" || ch === '"') {
        const problem = skipString();
        if (problem) return problem;
        continue;
      }
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      i++;
    }
    return depth === 0 ? null : { line: start, message: 'interpolation ${ is not closed' };
  }

  while (i < source.length) {
    const ch = at(i);
    if (ch === '\n') {
      line++;
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && at(i) !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return [{ line, message: 'block comment is not closed' }];
      line += source.slice(i, end).split('\n').length - 1;
      i = end + 2;
    } else if (
      ch === "'" ||
      ch === '"' ||
      (ch === 'r' && (at(i + 1) === "'" || at(i + 1) === '"') && !/\w/.test(at(i - 1)))
    ) {
      const problem = skipString();
      if (problem) return [problem];
    } else if (ch === '(' || ch === '[' || ch === '{') {
      stack.push({ ch, line });
      i++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      const open = stack.pop();
      if (!open || open.ch !== PAIRS[ch]) {
        return [
          {
            line,
            message: `unexpected ${ch}${open ? ` (the ${open.ch} from line ${open.line} is still open)` : ''}`,
          },
        ];
      }
      i++;
    } else {
      i++;
    }
  }
  return stack.map((open) => ({ line: open.line, message: `${open.ch} is never closed` }));
}
