// The TypeScript sources of the workspace, parsed with the compiler API, for the repo checks.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Every `.ts` file under `packages/` and `apps/` of `baseDir`, parsed (syntax only: no program, so
 * a few hundred files parse in about a second), with its path relative to `baseDir`.
 */
export function parseSources(baseDir, groups = ['packages', 'apps']) {
  return groups
    .flatMap((group) => (existsSync(join(baseDir, group)) ? walk(join(baseDir, group)) : []))
    .map((path) => ({
      path: relative(baseDir, path),
      isTest: path.endsWith('.test.ts'),
      source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
    }));
}

/** Calls `visit` on every node of `source`, depth first. */
export function forEachNode(source, visit) {
  const walkNode = (node) => {
    visit(node);
    ts.forEachChild(node, walkNode);
  };
  walkNode(source);
}

/** 1-based line of `node` in its file. */
export function lineOf(node) {
  const source = node.getSourceFile();
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/**
 * Local name -> imported name for the named imports of `source`, so `import { IProvider as P }`
 * still counts as IProvider.
 */
export function importedNames(source) {
  const names = new Map();
  for (const statement of source.statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      names.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  return names;
}
