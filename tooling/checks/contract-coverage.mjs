// Finds every implementation of a contracts interface (classes that `implements` it, object
// literals and factories typed as it) with the TypeScript compiler API, and reports those no test
// runs the interface's contract suite against. Run by `pnpm integration` and by a test in apps/factory.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { forEachNode, importedNames, lineOf, parseSources } from './source-files.mjs';

/** `IAICoordinator` -> `aiCoordinatorContract`, `IProvider` -> `providerContract`. */
export function suiteNameFor(iface) {
  const rest = iface.slice(1);
  const caps = /^[A-Z]+(?=[A-Z][a-z])/.exec(rest)?.[0] ?? rest[0];
  return `${caps.toLowerCase()}${rest.slice(caps.length)}Contract`;
}

/** The interfaces contracts declares (`export interface IName`) and the suites its testing entry exports. */
function contractsSurface(sources, baseDir) {
  const interfaces = new Set();
  for (const { path, isTest, source } of sources) {
    if (isTest || !path.startsWith(join('packages', 'contracts', 'src')) || path.includes('testing'))
      continue;
    for (const statement of source.statements) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (ts.isInterfaceDeclaration(statement) && exported && /^I[A-Z]/.test(statement.name.text)) {
        interfaces.add(statement.name.text);
      }
    }
  }
  const testingIndex = join(baseDir, 'packages', 'contracts', 'src', 'testing', 'index.ts');
  const suites = new Set();
  if (existsSync(testingIndex)) {
    const index = ts.createSourceFile(
      testingIndex,
      readFileSync(testingIndex, 'utf8'),
      ts.ScriptTarget.Latest,
    );
    for (const statement of index.statements) {
      const clause = ts.isExportDeclaration(statement) ? statement.exportClause : undefined;
      if (clause && ts.isNamedExports(clause)) for (const e of clause.elements) suites.add(e.name.text);
    }
  }
  return { interfaces, suites };
}

const unwrap = (node) =>
  ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)
    ? unwrap(node.expression)
    : node;

/** The interface a type node names (`IFoo`, `Promise<IFoo>`), resolved through renamed imports. */
function namedInterface(type, imports, interfaces) {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const name = imports.get(type.typeName.text) ?? type.typeName.text;
  if (name === 'Promise' && type.typeArguments?.length === 1) {
    return namedInterface(type.typeArguments[0], imports, interfaces);
  }
  return interfaces.has(name) ? name : undefined;
}

/** The name a test would use to reach `node`: its top-level declaration (function, class or const). */
function topLevelName(node) {
  let top = node;
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
  if ((ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top)) && top.name) return top.name.text;
  if (ts.isVariableStatement(top)) {
    const [first] = top.declarationList.declarations;
    if (first && ts.isIdentifier(first.name)) return first.name.text;
  }
  return undefined;
}

const isFunctionLike = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node);

function enclosingFunction(node) {
  for (let at = node.parent; at; at = at.parent) if (isFunctionLike(at)) return at;
  return undefined;
}

/** Every implementation of a contracts interface in one parsed file. */
function implementationsIn({ path, source }, interfaces) {
  const imports = importedNames(source);
  const found = [];
  const add = (node, iface, kind, name) =>
    found.push({
      name: name ?? `<${kind} at ${path}:${lineOf(node)}>`,
      kind,
      iface,
      file: path,
      line: lineOf(node),
    });
  forEachNode(source, (node) => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
        for (const type of clause.types) {
          if (!ts.isIdentifier(type.expression)) continue;
          const iface = imports.get(type.expression.text) ?? type.expression.text;
          if (interfaces.has(iface)) add(node, iface, 'class', node.name?.text ?? topLevelName(node));
        }
      }
      return;
    }
    if (!ts.isObjectLiteralExpression(node)) return;
    // The object literal's type comes from where it stands: a typed const, `satisfies`/`as`, or
    // the declared return type of the function that returns it.
    let iface;
    let at = node;
    while (
      ts.isParenthesizedExpression(at.parent) ||
      ts.isSatisfiesExpression(at.parent) ||
      ts.isAsExpression(at.parent)
    ) {
      at = at.parent;
      if (ts.isSatisfiesExpression(at) || ts.isAsExpression(at))
        iface ??= namedInterface(at.type, imports, interfaces);
    }
    const parent = at.parent;
    if (!iface && ts.isVariableDeclaration(parent) && parent.initializer === at) {
      iface = namedInterface(parent.type, imports, interfaces);
    }
    if (!iface && (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === at))) {
      const fn = ts.isArrowFunction(parent) ? parent : enclosingFunction(parent);
      iface = fn && namedInterface(fn.type, imports, interfaces);
    }
    if (iface && unwrap(at) === node) add(node, iface, 'object literal', topLevelName(node));
  });
  return found;
}

/**
 * Per test file: the suite functions it calls, each with the labels it is called with (the
 * suite's first argument), and every identifier the file mentions.
 */
function testUsage({ source }) {
  const imports = importedNames(source);
  const calls = new Map();
  const identifiers = new Set();
  forEachNode(source, (node) => {
    if (ts.isIdentifier(node)) identifiers.add(node.text);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = imports.get(node.expression.text) ?? node.expression.text;
      const [label] = node.arguments;
      const labels = calls.get(callee) ?? [];
      if (label && (ts.isStringLiteral(label) || ts.isNoSubstitutionTemplateLiteral(label)))
        labels.push(label.text);
      calls.set(callee, labels);
    }
  });
  return { calls, identifiers };
}

/**
 * A test file runs `suite` on `name` when it calls the suite and either mentions `name` in code
 * or names it in the suite's label (subjects built by a factory, such as `createStateStore`).
 */
function runsSuiteOn({ calls, identifiers }, suite, name) {
  const labels = calls.get(suite);
  if (!labels) return false;
  return identifiers.has(name) || labels.some((l) => new RegExp(`\\b${name}\\b`).test(l));
}

/**
 * Every implementation of a contracts interface under `packages/` and `apps/` of `baseDir`, with
 * `covered` true when some `*.test.ts` file calls that interface's suite and names the
 * implementation (its class, or the function or const that makes the object). An interface
 * without a suite gives `suite: undefined` and `covered: false`.
 */
export function findImplementations(baseDir) {
  const sources = parseSources(baseDir);
  const { interfaces, suites } = contractsSurface(sources, baseDir);
  const usages = sources.filter((s) => s.isTest).map(testUsage);
  return sources
    .filter((s) => !s.isTest)
    .flatMap((s) => implementationsIn(s, interfaces))
    .map((impl) => {
      const suite = suites.has(suiteNameFor(impl.iface)) ? suiteNameFor(impl.iface) : undefined;
      const covered = suite !== undefined && usages.some((u) => runsSuiteOn(u, suite, impl.name));
      return { ...impl, suite, covered };
    });
}

/**
 * The implementations no test runs their interface's suite on, including those of an interface
 * contracts has no suite for yet (the suite has to be written first).
 */
export function findUncoveredImplementations(baseDir) {
  return findImplementations(baseDir).filter((i) => !i.covered);
}

/** One line per uncovered implementation, for the integration report and the test's message. */
export function describeUncovered(impl) {
  const where = `${impl.name} (${impl.kind}, ${impl.file}:${impl.line}) implements ${impl.iface}`;
  return impl.suite
    ? `${where} but no test runs ${impl.suite} on it`
    : `${where} but contracts has no ${suiteNameFor(impl.iface)} for it: add one to packages/contracts/src/testing`;
}
