// Where the program names a function: the identifiers of its files that refer to it, read
// through the type checker. Both backward questions about a function (does only a test call
// it, can a server reach it) start from here.
import { Node, ts, type SourceFile } from 'ts-morph';
import { identifiersNamed } from '../identifierIndex';
import { wrapperOf } from '../syntaxDescendants';
import { resolveFunction } from './functionTargets';
import type { FunctionLike } from './syncRegion';

export interface FunctionUses {
  /** The references to the function itself. */
  uses: Node[];
  /** Method-style calls by the same name that resolve to no function (`client.refresh()` on `any`): they may call it. */
  unresolvedCalls: Node[];
}

/** The name the function is called by: its own, its variable's, or its method's. */
export function calledName(fn: FunctionLike): string | undefined {
  if (Node.isConstructorDeclaration(fn)) return undefined;
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  return Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) ? parent.getName() : undefined;
}

/**
 * The identifiers of the project's files that refer to `fn` (imports and same-name
 * re-exports aside), each file read only when its text has the name. A renaming import or
 * export counts as a use that is not a call.
 */
export function usesOf(fn: FunctionLike, name: string): FunctionUses {
  const found: FunctionUses = { uses: [], unresolvedCalls: [] };
  for (const sourceFile of fn.getProject().getSourceFiles()) {
    if (sourceFile.isDeclarationFile() || !sourceFile.getFullText().includes(name)) continue;
    for (const id of identifiersNamed(sourceFile, name)) {
      if (isDeclarationName(id) || isPlainImportOrExport(id)) continue;
      const use = referenceOf(sourceFile, id);
      const target = resolveFunction(use);
      if (target === fn) found.uses.push(use);
      else if (!target && Node.isPropertyAccessExpression(use) && isCallee(use)) found.unresolvedCalls.push(use);
    }
  }
  return found;
}

/** Whether a use is what a call calls: `f()`, `this.f()`, `(f)()`. */
export function isCallee(use: Node): boolean {
  let current = use;
  while (Node.isParenthesizedExpression(current.getParentOrThrow())) current = current.getParentOrThrow();
  const call = current.getParent();
  return Node.isCallExpression(call) && call.getExpression() === current;
}

function isDeclarationName(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (
    (ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
    parent.name === id
  );
}

/** `import { f }`, `export { f }`: the same function under the same name, not a use. */
function isPlainImportOrExport(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && !parent.propertyName;
}

/** The expression a use resolves through: `p.isPoetryEnvironment` for the name after a dot. */
function referenceOf(sourceFile: SourceFile, id: ts.Identifier): Node {
  const parent = id.parent;
  return wrapperOf(sourceFile, ts.isPropertyAccessExpression(parent) && parent.name === id ? parent : id);
}
