import { describe, expect, it } from 'vitest';
import { checkDartStructure } from './dart-structure';

describe('checkDartStructure', () => {
  it('accepts strings, raw strings, interpolation and comments holding brackets', () => {
    const source = [
      "const a = 'it\\'s { not a brace';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dart interpolation, not a JS template.
      'const b = "${x.map((y) => \'}\').join()} done";',
      "const c = r'\\${';",
      "const d = '''multi { line",
      "''';",
      '// a comment with ( and {',
      '/* block ) */',
      'void main() { print([a, b]); }',
    ].join('\n');
    expect(checkDartStructure(source)).toEqual([]);
  });

  it('names the line of an unclosed brace, a stray bracket and an unterminated string', () => {
    expect(checkDartStructure('class A {\n  void f() {\n}\n')).toEqual([
      { line: 1, message: '{ is never closed' },
    ]);
    expect(checkDartStructure('void f() {\n  g(]);\n}')[0]).toMatchObject({ line: 2 });
    expect(checkDartStructure("const s = 'open;\nvoid f() {}")[0]).toMatchObject({
      line: 1,
      message: 'string literal is not closed on its line',
    });
  });
});
