import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = join(packageDir, 'test/fixtures/phase-type-errors');

/** Compiles every fixture in one program with the package's options; error messages per file name. */
function compileFixtures(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(packageDir, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  const files = readdirSync(fixtures).map((f) => join(fixtures, f));
  const program = ts.createProgram(files, config!.options);
  const errors = new Map<string, string>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName.split('/').at(-1) ?? '(global)';
    errors.set(name, `${errors.get(name) ?? ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}\n`);
  }
  return errors;
}

describe('the compiler names every missing piece of a phase', () => {
  let errors: Map<string, string>;
  // Type-checking a program takes many seconds on a loaded machine.
  beforeAll(() => {
    errors = compileFixtures();
  });

  it('compiles nothing but the fixtures with errors', () => {
    expect([...errors.keys()].sort()).toEqual(readdirSync(fixtures).sort());
  });

  it('a registry entry without an implementation', () => {
    expect(errors.get('missing-implementation.ts')).toMatch(/Property 'legal_review' is missing/);
  });

  it('a declared document without a renderer', () => {
    expect(errors.get('missing-document.ts')).toMatch(/Property '"?docs\/legal-review\.md"?' is missing/);
  });

  it('a default phase left out', () => {
    expect(errors.get('default-phase-left-out.ts')).toMatch(/Property 'validation' is missing/);
  });

  it('a step given an AI plan instead of its code', () => {
    expect(errors.get('step-without-run.ts')).toMatch(/Property 'run' is missing/);
  });
});
