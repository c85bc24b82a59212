// Following names to what they declare, for the lock analysis. The analysis walks the
// compiler's own nodes (not ts-morph wrappers) because it covers the whole program;
// only findings are turned back into ts-morph nodes, in the rules.
import { ts } from 'ts-morph';
import type { ImportedName } from '../importedNames';
import type { AnalyzerSettings } from '../settings';

export interface LockContext {
  /** The program the checker belongs to, which the caches of whole-program answers are keyed by. */
  program: ts.Program;
  checker: ts.TypeChecker;
  settings: AnalyzerSettings['locks'];
  /** Local names bound by imports in a file (see `importedNames.ts`). */
  bindingsOf: (file: ts.SourceFile) => ReadonlyMap<string, ImportedName>;
  /**
   * Records that the analysis of the current file read a declaration in `file`, so a cached
   * summary is recomputed when that file changes.
   */
  touch(file: ts.SourceFile): void;
}

const LIBRARY_FILE = /[\\/]node_modules[\\/]|\.d\.[cm]?ts$/;

/** Code the user wrote and the analysis summarises: not a declaration file, not a dependency. */
export function isUserFile(file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && !LIBRARY_FILE.test(file.fileName);
}

export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The symbol a name refers to, through import and export aliases. */
export function symbolOf(node: ts.Node, ctx: LockContext): ts.Symbol | undefined {
  const target = ts.isPropertyAccessExpression(node) ? node.name : node;
  let symbol = ctx.checker.getSymbolAtLocation(target);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
    const aliased = ctx.checker.getAliasedSymbol(symbol);
    if (!ctx.checker.isUnknownSymbol(aliased)) symbol = aliased;
  }
  return symbol;
}

/** The declaration a name refers to, recording its file as a dependency when it lies in another one. */
export function declarationOf(node: ts.Node, ctx: LockContext): ts.Declaration | undefined {
  const symbol = symbolOf(node, ctx);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (declaration) ctx.touch(declaration.getSourceFile());
  return declaration;
}

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** The function with a body in user code that an expression names (`withLedger`, `this.audit`), if any. */
export function functionDeclarationOf(expression: ts.Expression, ctx: LockContext): FunctionNode | undefined {
  const declaration = declarationOf(skipOuterExpressions(expression), ctx);
  if (!declaration || !isUserFile(declaration.getSourceFile())) return undefined;
  const fn = functionOfDeclaration(declaration);
  return fn?.body ? fn : undefined;
}

/** `function f() {}`, `f = () => {}`, `{ f() {} }`, `f: function () {}`: the function a declaration binds. */
export function functionOfDeclaration(declaration: ts.Declaration): FunctionNode | undefined {
  if (isFunctionNode(declaration)) return declaration;
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
    const init = skipOuterExpressions(declaration.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** The import binding of the identifier at the root of `a.b.c`, with the member path below it. */
export function importedPath(expression: ts.Expression, ctx: LockContext): { module: string; path: string } | undefined {
  const parts: string[] = [];
  let current = skipOuterExpressions(expression);
  while (ts.isPropertyAccessExpression(current)) {
    parts.unshift(current.name.text);
    current = skipOuterExpressions(current.expression);
  }
  if (!ts.isIdentifier(current)) return undefined;
  const imported = ctx.bindingsOf(current.getSourceFile()).get(current.text);
  if (!imported) return undefined;
  if (imported.name !== '*') parts.unshift(imported.name);
  return { module: imported.module, path: parts.join('.') };
}

/** Whether a type annotation names a type imported from `module` (`Mutex`, `am.Mutex`). */
export function typeNodeFromModule(typeNode: ts.TypeNode | undefined, module: string, ctx: LockContext): boolean {
  if (!typeNode || !ts.isTypeReferenceNode(typeNode)) return false;
  let name: ts.EntityName = typeNode.typeName;
  while (ts.isQualifiedName(name)) name = name.left;
  return ctx.bindingsOf(name.getSourceFile()).get(name.text)?.module === module;
}

/** Whether a declaration lies in the installed package `module` (or its `@types`). */
export function declaredInPackage(declaration: ts.Declaration, module: string): boolean {
  const file = declaration.getSourceFile().fileName.replace(/\\/g, '/');
  return file.includes(`/node_modules/${module}/`) || file.includes(`/node_modules/@types/${module.replace(/^@/, '').replace('/', '__')}/`);
}

export function isFunctionLikeExpression(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** Whether `node` sits at the top level of its file, outside every function and class body. */
export function isModuleLevel(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (isFunctionNode(current) || ts.isClassStaticBlockDeclaration(current)) return false;
  }
  return true;
}

/** The type a declaration is annotated with: a variable's, a property's or a parameter's. */
export function annotatedType(declaration: ts.Declaration | undefined): ts.TypeNode | undefined {
  if (!declaration) return undefined;
  const annotated =
    ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isParameter(declaration);
  return annotated ? declaration.type : undefined;
}
