// Finds `instanceof` checks on factory errors (contracts' error classes). instanceof fails when two
// copies of contracts are installed; `SomeError.isInstance(error)` or a `code` check holds.
import { join } from 'node:path';
import ts from 'typescript';
import { forEachNode, lineOf, parseSources } from './source-files.mjs';

/** FactoryError and every class in contracts' `src/errors/` that extends one of them. */
function factoryErrorClasses(sources) {
  const errorsDir = join('packages', 'contracts', 'src', 'errors');
  const names = new Set(['FactoryError']);
  for (const { path, source } of sources) {
    if (!path.startsWith(errorsDir)) continue;
    for (const statement of source.statements) {
      if (ts.isClassDeclaration(statement) && statement.name) names.add(statement.name.text);
    }
  }
  return names;
}

/** The class a check names: `X` or `contracts.X`. */
const nameOf = (node) =>
  ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;

/** Matchers that test with instanceof when given a class. */
const INSTANCEOF_MATCHERS = new Set(['toBeInstanceOf', 'toThrow', 'toThrowError']);

/**
 * Every `x instanceof SomeFactoryError` and `expect(x).toBeInstanceOf(SomeFactoryError)` /
 * `.toThrow(SomeFactoryError)` under `packages/` and `apps/` of `baseDir`, as file, line and class.
 */
export function findFactoryErrorInstanceofChecks(baseDir) {
  const sources = parseSources(baseDir);
  const classes = factoryErrorClasses(sources);
  const found = [];
  for (const { path, source } of sources) {
    forEachNode(source, (node) => {
      let named;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
        named = nameOf(node.right);
      } else if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        INSTANCEOF_MATCHERS.has(node.expression.name.text) &&
        node.arguments.length === 1
      ) {
        named = nameOf(node.arguments[0]);
      }
      if (named && classes.has(named)) found.push({ file: path, line: lineOf(node), errorClass: named });
    });
  }
  return found;
}
