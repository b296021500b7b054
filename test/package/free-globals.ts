/**
 * Finds the global variables a JavaScript bundle reads, with TypeScript's own scope analysis:
 * an identifier that the checker cannot bind to a declaration (the bundle's, or the ES2022
 * library's) is a free global. For each reference it also tells whether a `typeof NAME` test
 * guards it (the operand of `typeof` itself, a branch of a `?:`, `if`, `&&`, `||` or `??`
 * whose test mentions `typeof NAME`, a `try` block, or a block after an early
 * `if (typeof NAME …) return`).
 */
import ts from "typescript";

/** One read of a free global. */
export interface GlobalReference {
  name: string;
  guarded: boolean;
  /** The bundle's text around the reference, for messages. */
  excerpt: string;
}

const ALWAYS_BOUND = new Set(["undefined", "arguments", "NaN", "Infinity"]);

function isNameOfSomethingElse(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isBindingElement(parent)) return parent.propertyName === node;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent)
  ) {
    return parent.name === node;
  }
  return (
    ts.isLabeledStatement(parent) ||
    ts.isBreakOrContinueStatement(parent) ||
    ts.isMetaProperty(parent)
  );
}

function mentionsTypeof(node: ts.Node, name: string): boolean {
  if (ts.isTypeOfExpression(node)) {
    const operand = node.expression;
    if (ts.isIdentifier(operand) && operand.text === name) return true;
  }
  return ts.forEachChild(node, (child) => mentionsTypeof(child, name) || undefined) ?? false;
}

function isInside(node: ts.Node, container: ts.Node | undefined): boolean {
  return container !== undefined && node.pos >= container.pos && node.end <= container.end;
}

function isEarlyExitGuard(statement: ts.Statement, name: string): boolean {
  if (!ts.isIfStatement(statement) || !mentionsTypeof(statement.expression, name)) return false;
  const exit = statement.thenStatement;
  const last = ts.isBlock(exit) ? exit.statements.at(-1) : exit;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

function isGuarded(reference: ts.Identifier): boolean {
  const name = reference.text;
  if (ts.isTypeOfExpression(reference.parent)) return true;
  for (let node: ts.Node = reference; !ts.isSourceFile(node); node = node.parent) {
    const parent = node.parent;
    if (ts.isConditionalExpression(parent) && node !== parent.condition) {
      if (mentionsTypeof(parent.condition, name)) return true;
    } else if (ts.isIfStatement(parent) && node !== parent.expression) {
      if (mentionsTypeof(parent.expression, name)) return true;
    } else if (ts.isBinaryExpression(parent) && node === parent.right) {
      if (mentionsTypeof(parent.left, name)) return true;
    } else if (ts.isTryStatement(parent) && isInside(node, parent.tryBlock)) {
      return true;
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      const before = parent.statements.filter((statement) => statement.end <= node.pos);
      if (before.some((statement) => isEarlyExitGuard(statement, name))) return true;
    }
  }
  return false;
}

/**
 * Every read of a free global in `code` (plain JavaScript), in source order. The code is
 * analysed as a TypeScript file, so that `require`, `module` and `exports` get none of the
 * CommonJS meaning TypeScript gives them in JavaScript files, and count as free globals.
 */
export function findFreeGlobals(code: string): GlobalReference[] {
  const fileName = "/bundle.ts";
  const options: ts.CompilerOptions = {
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === fileName ? code : readFile(path));
  host.fileExists = (path) => path === fileName || ts.sys.fileExists(path);
  host.getSourceFile = (path, language) =>
    path === fileName
      ? ts.createSourceFile(path, code, language, true, ts.ScriptKind.TS)
      : getSourceFile(path, language);
  const program = ts.createProgram([fileName], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName);
  if (!source) throw new Error("the bundle could not be parsed");

  const references: GlobalReference[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      !ALWAYS_BOUND.has(node.text) &&
      !isNameOfSomethingElse(node) &&
      checker.getSymbolAtLocation(node) === undefined
    ) {
      const start = node.getStart(source);
      references.push({
        name: node.text,
        guarded: isGuarded(node),
        excerpt: code.slice(Math.max(0, start - 40), node.end + 40).replace(/\s+/gu, " "),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return references;
}
