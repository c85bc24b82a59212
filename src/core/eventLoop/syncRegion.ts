// The code a function runs before it returns: its body, plus the callbacks it runs on the
// spot (array methods, IIFEs, a Promise executor). A nested function that runs later (a
// timer, a listener, a `.then` callback) is not part of it: it is an entry of its own.
import {
  Node,
  SyntaxKind,
  type ArrowFunction,
  type ConstructorDeclaration,
  type Expression,
  type FunctionDeclaration,
  type FunctionExpression,
  type GetAccessorDeclaration,
  type MethodDeclaration,
  type SetAccessorDeclaration,
} from 'ts-morph';

export type FunctionLike =
  | FunctionDeclaration
  | FunctionExpression
  | ArrowFunction
  | MethodDeclaration
  | ConstructorDeclaration
  | GetAccessorDeclaration
  | SetAccessorDeclaration;

export function isFunctionLike(node: Node): node is FunctionLike {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** An inline function, or a name or property that may refer to one: what a registration may be handed. */
export function isCallbackArgument(node: Node | undefined): node is Expression {
  if (!node) return false;
  return isFunctionLike(node) || Node.isIdentifier(node) || (Node.isPropertyAccessExpression(node) && !Node.isCallExpression(node.getExpression()));
}

export function isAsyncFunction(fn: FunctionLike): boolean {
  return !Node.isConstructorDeclaration(fn) && !Node.isGetAccessorDeclaration(fn) && !Node.isSetAccessorDeclaration(fn) && fn.isAsync();
}

/** Array methods that call their callback once per element, before they return. */
export const ITERATING_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
]);

/**
 * The call that runs `fn` synchronously and immediately, if any: `xs.map(fn)`,
 * `(() => ...)()`, `new Promise(fn)`, `Array.from(xs, fn)`, `xs.sort(fn)`.
 */
export function inlineCallerOf(fn: FunctionLike): Node | undefined {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  if (fn.isAsync()) return undefined;
  let outer: Node = fn;
  while (Node.isParenthesizedExpression(outer.getParentOrThrow())) outer = outer.getParentOrThrow();
  const parent = outer.getParent();
  if (Node.isCallExpression(parent) && parent.getExpression() === outer) return parent;
  if (Node.isNewExpression(parent) && parent.getExpression().getText() === 'Promise' && parent.getArguments()[0] === fn) return parent;
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(fn)) return undefined;
  const callee = parent.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  if (ITERATING_METHODS.has(method) || method === 'sort' || method === 'toSorted') return parent;
  if (method === 'from' && callee.getExpression().getText() === 'Array') return parent;
  return undefined;
}

/** The nearest function-like around a node, if any. */
export function enclosingFunction(node: Node): FunctionLike | undefined {
  return node.getFirstAncestor<FunctionLike>(isFunctionLike);
}

/** A `for await`, or a loop with an `await` (or `yield`) of its own in its body: each iteration hands the thread back. */
export function loopYields(loop: Node): boolean {
  if (Node.isForOfStatement(loop) && loop.isAwaited()) return true;
  const body = loopBody(loop);
  if (!body) return false;
  let yields = false;
  const step = (node: Node): void => {
    if (yields || isFunctionLike(node)) return;
    if (node.getKind() === SyntaxKind.AwaitExpression || node.getKind() === SyntaxKind.YieldExpression) {
      yields = true;
      return;
    }
    if (Node.isForOfStatement(node) && node.isAwaited()) {
      yields = true;
      return;
    }
    node.forEachChild(step);
  };
  step(body);
  return yields;
}

type LoopStatement = Node & { getStatement(): Node };

export function isLoop(node: Node): node is LoopStatement {
  return Node.isForStatement(node) || Node.isForOfStatement(node) || Node.isForInStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node);
}

function loopBody(loop: Node): Node | undefined {
  return isLoop(loop) ? loop.getStatement() : undefined;
}
