// Keys for declarations that stay the same while the program is edited: the file plus the
// chain of names down to the declaration (`bank.ts#Account.lock`, `bank.ts#transfer`).
// Summaries of one file refer to other files' functions and locks by these keys, so an
// edit elsewhere in a file, or in another file, leaves them valid. A declaration inside a
// function body is not unique by name, so it adds its position: only its own file, which
// is re-summarised whenever it changes, ever refers to it.
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { isFunctionNode, type FunctionNode } from './resolution';

export function declarationKey(node: ts.Node): string {
  return `${node.getSourceFile().fileName}#${qualifiedName(node)}`;
}

/** The key of a function, or of a file's top-level code. */
export function functionKey(fn: FunctionNode | ts.SourceFile): string {
  return ts.isSourceFile(fn) ? `${fn.fileName}#` : declarationKey(fn);
}

/** How a reader names a function: `Account.transfer`, `withLedger`, `main` for a callback inside `main`. */
export function functionDisplayName(fn: FunctionNode | ts.SourceFile): string {
  if (ts.isSourceFile(fn)) return `(top level of ${path.basename(fn.fileName)})`;
  const parts = qualifiedName(fn)
    .replace(/@\d+/g, '')
    .split('/')
    .filter((part) => part !== '<function>');
  return parts.length > 0 ? parts.join('/') : '(anonymous function)';
}

/** `Account.lock`, `transfer`, `transfer/lock@120`, `main/<function@88>`. */
export function qualifiedName(node: ts.Node): string {
  // `const f = () => {}`: the variable names the function, which adds nothing of its own.
  if (isUnnamedExpression(node) && namesItsInitializer(node.parent, node)) return qualifiedName(node.parent);
  const own = ownName(node);
  const parent = namedAncestor(node);
  const local = own !== undefined && !isMember(node) && enclosingFunction(node) !== undefined;
  const name = own === undefined ? `<function@${node.getStart()}>` : local ? `${own}@${node.getStart()}` : own;
  if (!parent) return name;
  return `${qualifiedName(parent)}${isMember(node) ? '.' : '/'}${name}`;
}

function isMember(node: ts.Node): boolean {
  return ts.isClassElement(node) || ts.isTypeElement(node) || ts.isObjectLiteralElementLike(node);
}

function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The nearest ancestor that contributes a name to the chain. */
function namedAncestor(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (contributesName(current)) return current;
  }
  return undefined;
}

function contributesName(node: ts.Node): boolean {
  if (isFunctionNode(node)) return true;
  if (ts.isClassDeclaration(node) || ts.isClassExpression(node) || ts.isInterfaceDeclaration(node) || ts.isModuleDeclaration(node)) return true;
  if (ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) return true;
  // A variable or property names the object literal, class or function it holds.
  return (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && ownName(node) !== undefined;
}

/** The name a node declares; undefined for a function or class expression that nothing names. */
function ownName(node: ts.Node): string | undefined {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) {
    if (node.name) return node.name.text;
    return ts.isExportAssignment(node.parent) ? 'default' : undefined;
  }
  const name = (node as ts.Node & { name?: ts.Node }).name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function namesItsInitializer(parent: ts.Node, node: ts.Node): boolean {
  return (
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    parent.initializer === node &&
    ownName(parent) !== undefined
  );
}

function isUnnamedExpression(node: ts.Node): boolean {
  return (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && !node.name;
}
