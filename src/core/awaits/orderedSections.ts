// Places where the order of awaits is the point, whatever the calls are: while a lock is
// held, inside a transaction, and in a `try` whose `catch` needs to know which call failed.
import { Node, SyntaxKind, ts, type CallExpression, type CatchClause, type TryStatement } from 'ts-morph';
import type { AnalyzerSettings } from '../settings';
import { PerSettings, WeakCache } from '../analysisCaches';
import { descendantsOfKind } from '../syntaxDescendants';
import { callEffects } from './callEffects';
import { decoratedAsTransaction } from './transactionDecorators';

// Whether a body takes a lock or opens a transaction. Depends on: the settings (the lock
// helpers configured) and the body's file (calls are judged by their names and imports).
const orderedBodies = new PerSettings(() => new WeakCache<object, boolean>());

/** The function whose body `node` runs in, or the file for top-level code. */
export function enclosingFunction(node: Node): Node {
  return node.getFirstAncestor((a) => isFunction(a)) ?? node.getSourceFile();
}

function isFunction(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/**
 * Whether code at `node` may run while a lock is held or a transaction is open: it sits in
 * a callback given to a lock or transaction (`runExclusive`, `navigator.locks.request`,
 * `$transaction`), in a method a decorator runs in a transaction (`@Transaction()`), or
 * its function takes a lock or opens a transaction itself.
 */
export function runsInOrderedSection(node: Node, settings: AnalyzerSettings): boolean {
  for (let fn: Node | undefined = node.getFirstAncestor(isFunction); fn; fn = fn.getFirstAncestor(isFunction)) {
    const call = fn.getParent();
    if (Node.isCallExpression(call) && call.getArguments().includes(fn) && orderingRole(call, settings)) return true;
    if (decoratedAsTransaction(fn)) return true;
  }
  return bodyTakesLockOrTransaction(enclosingFunction(node), settings);
}

function orderingRole(call: CallExpression, settings: AnalyzerSettings): boolean {
  const role = callEffects(call, settings).role;
  return role === 'lock' || role === 'transaction';
}

function bodyTakesLockOrTransaction(fn: Node, settings: AnalyzerSettings): boolean {
  return orderedBodies
    .for(settings)
    .get(fn.compilerNode, () =>
      descendantsOfKind(fn, SyntaxKind.CallExpression, true).some((call) => orderingRole(call, settings) && !heldOnlyByCallback(call)),
    );
}

/**
 * `prisma.$transaction(async (tx) => …)`, `mutex.runExclusive(() => …)`: the section is the
 * callback's body, which `runsInOrderedSection` finds among a node's ancestors; code before
 * or after the call in the same function runs outside it.
 */
function heldOnlyByCallback(call: CallExpression): boolean {
  return call.getArguments().some((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a));
}

/**
 * Whether `node` sits in a `try` whose `catch` can tell the calls apart: it inspects the
 * error (`instanceof`, `err.code`, a comparison), or reads a variable the `try` assigns
 * (a step marker, or a result it checks for). With `Promise.all` the first rejection wins
 * and every call has started, so such a handler would see a different story.
 */
export function inOrderSensitiveTry(node: Node): boolean {
  const fn = enclosingFunction(node);
  for (let current: Node | undefined = node; current && current !== fn; current = current.getParent()) {
    const parent = current.getParent();
    if (Node.isTryStatement(parent) && parent.getTryBlock() === current) {
      const handler = parent.getCatchClause();
      if (handler && catchTellsCallsApart(parent, handler)) return true;
    }
  }
  return false;
}

const PLAIN_ERROR_PROPERTIES = new Set(['message', 'stack']);

function catchTellsCallsApart(tryStatement: TryStatement, handler: CatchClause): boolean {
  const declaration = handler.getVariableDeclaration();
  if (declaration) {
    const name = declaration.getNameNode();
    // `catch ({ code })` reads a property to branch on.
    if (!Node.isIdentifier(name)) return true;
    if (inspectsError(handler, name.getText())) return true;
  }
  const assigned = assignedInside(tryStatement.getTryBlock());
  if (assigned.size === 0) return false;
  return descendantsOfKind(handler.getBlock(), SyntaxKind.Identifier).some((id) => {
    const parent = id.getParent();
    // Overwriting a result with a fallback does not read it.
    if (Node.isBinaryExpression(parent) && parent.getLeft() === id && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return false;
    const symbol = id.getSymbol()?.compilerSymbol;
    return !!symbol && assigned.has(symbol);
  });
}

function inspectsError(handler: CatchClause, name: string): boolean {
  return descendantsOfKind(handler.getBlock(), SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== name) return false;
    // `(error as AppError).code` inspects the error as much as `error.code` does.
    let inner: Node = id;
    let parent = id.getParentOrThrow();
    while (Node.isParenthesizedExpression(parent) || Node.isAsExpression(parent) || Node.isNonNullExpression(parent) || Node.isSatisfiesExpression(parent)) {
      inner = parent;
      parent = parent.getParentOrThrow();
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === inner) return !PLAIN_ERROR_PROPERTIES.has(parent.getName());
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === inner) return true;
    if (Node.isBinaryExpression(parent)) {
      const operator = parent.getOperatorToken().getKind();
      // `error instanceof Error` only narrows for logging; every call's failure passes it.
      if (operator === SyntaxKind.InstanceOfKeyword) return parent.getRight().getText() !== 'Error';
      return operator !== SyntaxKind.BarBarToken && operator !== SyntaxKind.QuestionQuestionToken && operator !== SyntaxKind.PlusToken;
    }
    return Node.isSwitchStatement(parent) || Node.isCaseClause(parent);
  });
}

/** Variables declared outside the block, and fields, that it assigns to. */
function assignedInside(block: Node): Set<ts.Symbol> {
  const out = new Set<ts.Symbol>();
  const record = (node: Node): void => {
    const symbol = node.getSymbol()?.compilerSymbol;
    const declaration = symbol?.valueDeclaration;
    if (symbol && !(declaration && declaration.pos >= block.getPos() && declaration.end <= block.getEnd())) out.add(symbol);
  };
  block.forEachDescendant((node) => {
    let target: Node | undefined;
    if (Node.isBinaryExpression(node)) {
      const kind = node.getOperatorToken().getKind();
      if (kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment) target = node.getLeft();
    } else if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
      if (node.getOperatorToken() === SyntaxKind.PlusPlusToken || node.getOperatorToken() === SyntaxKind.MinusMinusToken) target = node.getOperand();
    }
    // `this.step = 'x'` records the field `step`; `state.step = 'x'` records `step` and `state`.
    while (target && (Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target))) {
      if (Node.isPropertyAccessExpression(target)) record(target.getNameNode());
      target = target.getExpression();
    }
    if (target && Node.isIdentifier(target)) record(target);
  });
  return out;
}
