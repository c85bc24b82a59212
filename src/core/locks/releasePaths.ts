// Whether every path from an `acquire()` reaches its release, exceptions included. The
// shapes that are safe: the release in a `finally` that covers everything after the
// acquisition, or a release statement that nothing between can skip (no await or call
// that can throw, no return, break or continue). Anything else leaks the lock on some
// path. A release function that is handed on (returned, stored, passed, called from a
// callback) is someone else's to call, and the acquisition is left alone.
import { ts } from 'ts-morph';
import { recognizeLockCall, type AcquireOperation } from './acquisitions';
import { releaserName } from './heldLocks';
import { lockRefOf, sameLock, type Frame, type LockRef } from './lockIdentity';
import { isFunctionNode, skipOuterExpressions, type LockContext } from './resolution';

export type LeakReason = 'exception' | 'throw' | 'early-exit' | 'some-paths' | 'never';

export interface Leak {
  operation: AcquireOperation;
  /** The function (or top-level code) the acquisition is in. */
  frame: Frame;
  lock: LockRef | undefined;
  /** The lock as the code names it here: `ledgerLock`, `this.lock`, `'ledger'`. */
  lockText: string;
  reason: LeakReason;
  /** The call that can throw, or the `throw`, `return`, `break` or `continue` that skips the release. */
  culprit?: ts.Node;
  /** The statement that takes the lock, in its statement list. */
  statement: ts.Statement;
  statements: readonly ts.Statement[];
  index: number;
  /** The first statement after it that releases on every path it completes, when there is one. */
  release?: { index: number; statement: ts.Statement };
  /** The release function's variable, when the result is bound. */
  binding?: ts.Identifier;
  /** Every call in the function that releases this acquisition. */
  releaseCalls: ts.CallExpression[];
}

/** Calls that cannot reasonably throw between an acquisition and its release. */
const SAFE_CALLEES = /^(?:console\.\w+|Math\.\w+|Date\.now|performance\.now|Number|String|Boolean)$/;
/** Built-in types whose methods do not throw on ordinary use (`items.push(x)`, `cache.get(key)`). */
const QUIET_BUILTINS = new Set(['Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'String', 'Number', 'Math', 'Console', 'Date']);

export function findLeaks(file: ts.SourceFile, ctx: LockContext): Leak[] {
  const leaks: Leak[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const operation = recognizeLockCall(node, ctx);
      if (operation?.kind === 'acquire') {
        const leak = leakOf(operation, ctx);
        if (leak) leaks.push(leak);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return leaks;
}

function leakOf(operation: AcquireOperation, ctx: LockContext): Leak | undefined {
  const statement = acquisitionStatement(operation.call);
  if (!statement) return undefined;
  const container = statement.parent;
  const statements =
    ts.isBlock(container) || ts.isSourceFile(container) || ts.isModuleBlock(container) || ts.isCaseOrDefaultClause(container)
      ? container.statements
      : undefined;
  if (!statements) return undefined;
  const frame = enclosingFrame(statement);
  const lock = lockRefOf(operation.target, frame, ctx);
  const binding = releaserName(operation.call);
  const bindingSymbol = binding && ctx.checker.getSymbolAtLocation(binding);
  // The result is kept somewhere else (`this.release = await m.acquire()`, a variable of an
  // outer scope): whoever reads it there releases.
  if (!binding && !ts.isExpressionStatement(skipToStatementChild(operation.call).parent)) return undefined;
  if (bindingSymbol && !declaredWithin(bindingSymbol, frame)) return undefined;

  const releaseCalls: ts.CallExpression[] = [];
  let handedOn = false;
  const scan = (node: ts.Node, nested: boolean): void => {
    if (node !== frame && isFunctionNode(node)) {
      ts.forEachChild(node, (child) => scan(child, true));
      return;
    }
    if (ts.isCallExpression(node) && node.getStart() > operation.call.getStart() && releases(node, operation, lock, bindingSymbol, frame, ctx)) {
      if (nested) handedOn = true; // released from a callback (`.finally(() => release())`)
      releaseCalls.push(node);
    } else if (
      bindingSymbol &&
      ts.isIdentifier(node) &&
      node !== binding &&
      node.text === binding?.text &&
      ctx.checker.getSymbolAtLocation(node) === bindingSymbol &&
      handsOn(node)
    ) {
      handedOn = true;
    }
    ts.forEachChild(node, (child) => scan(child, nested));
  };
  scan(frame, false);
  if (handedOn) return undefined;
  if (protectedByFinally(statement, frame, (call) => releaseCalls.includes(call))) return undefined;

  const index = statements.indexOf(statement);
  const isRelease = (call: ts.CallExpression): boolean => releaseCalls.includes(call);
  const releaseIndex = statements.findIndex((s, i) => i > index && releasesOnEveryPath(s, isRelease));
  const base = {
    operation,
    frame,
    lock,
    lockText: lockText(operation),
    statement,
    statements,
    index,
    binding,
    releaseCalls,
  };
  if (releaseIndex >= 0) {
    // Taking or giving back another lock does not throw (async-mutex rejects only on `cancel()` or a timeout).
    const quiet = (call: ts.CallExpression): boolean => {
      if (isRelease(call) || isQuietBuiltin(call, ctx)) return true;
      const other = recognizeLockCall(call, ctx);
      if (other?.kind === 'release') return true;
      return other?.kind === 'acquire' && !lockRefOf(other.target, frame, ctx)?.timeout;
    };
    const problem = firstProblem(statements.slice(index + 1, releaseIndex), isRelease, { loopDepth: 0, caught: false, quiet });
    if (!problem) return undefined;
    return { ...base, ...problem, release: { index: releaseIndex, statement: statements[releaseIndex] } };
  }
  const blockEnd = statements[statements.length - 1].getEnd();
  if (releaseCalls.length === 0) return { ...base, reason: 'never' };
  // Released only inside the block, but not on every path; released after it: cannot tell.
  if (releaseCalls.every((call) => call.getEnd() <= blockEnd)) return { ...base, reason: 'some-paths' };
  return undefined;
}

/** `const release = await m.acquire();`, `release = await m.acquire();`, `await m.acquire();`. */
export function acquisitionStatement(call: ts.CallExpression): ts.Statement | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isExpressionStatement(parent)) return parent;
  if (ts.isBinaryExpression(parent) && parent.right === node && ts.isExpressionStatement(parent.parent)) return parent.parent;
  if (
    ts.isVariableDeclaration(parent) &&
    ts.isVariableDeclarationList(parent.parent) &&
    parent.parent.declarations.length === 1 &&
    ts.isVariableStatement(parent.parent.parent)
  ) {
    return parent.parent.parent;
  }
  return undefined;
}

/** The outermost of `await (call)`: what the statement holds. */
function skipToStatementChild(call: ts.CallExpression): ts.Node {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

function declaredWithin(symbol: ts.Symbol, frame: Frame): boolean {
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (node === frame) return true;
  }
  return false;
}

function enclosingFrame(node: ts.Node): Frame {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
    if (ts.isSourceFile(current)) return current;
  }
  return node.getSourceFile();
}

/** `release()`, `release?.()`, `handle.release()`, or `m.release()` on the lock that was taken. */
function releases(
  call: ts.CallExpression,
  operation: AcquireOperation,
  lock: LockRef | undefined,
  binding: ts.Symbol | undefined,
  frame: Frame,
  ctx: LockContext,
): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (binding) {
    const handle = ts.isPropertyAccessExpression(callee) ? skipOuterExpressions(callee.expression) : callee;
    if (ts.isIdentifier(handle) && ctx.checker.getSymbolAtLocation(handle) === binding) return true;
  }
  const release = recognizeLockCall(call, ctx);
  if (release?.kind !== 'release') return false;
  const released = lockRefOf(release.target, frame, ctx);
  if (lock && released) return sameLock(lock, released) || (lock.classKey === released.classKey && lock.instance === released.instance);
  return (
    release.target.kind === 'object' && operation.target.kind === 'object' && release.target.expression.getText() === operation.target.expression.getText()
  );
}

/** A method of a built-in collection, string or number, declared in the standard library. */
function isQuietBuiltin(call: ts.CallExpression, ctx: LockContext): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const declarations = ctx.checker.getSymbolAtLocation(callee.name)?.declarations ?? [];
  return (
    declarations.length > 0 &&
    declarations.every(
      (d) =>
        d.getSourceFile().isDeclarationFile &&
        (ts.isInterfaceDeclaration(d.parent) || ts.isClassDeclaration(d.parent)) &&
        QUIET_BUILTINS.has(d.parent.name?.text ?? ''),
    )
  );
}

function handsOn(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent)) return parent.arguments.includes(node);
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent))
    return true;
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) return parent.initializer === node;
  if (ts.isBinaryExpression(parent)) return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node;
  return false;
}

/** The acquisition sits in a `try` whose `finally` releases it. */
function protectedByFinally(statement: ts.Statement, frame: Frame, isRelease: (call: ts.CallExpression) => boolean): boolean {
  for (let node: ts.Node = statement; node.parent && node !== frame; node = node.parent) {
    const parent = node.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === node && parent.finallyBlock && releasesOnEveryPath(parent.finallyBlock, isRelease)) return true;
  }
  return false;
}

/** Whether every way through `statement` that completes normally releases (a `finally` counts for every way). */
function releasesOnEveryPath(statement: ts.Statement, isRelease: (call: ts.CallExpression) => boolean): boolean {
  if (ts.isExpressionStatement(statement)) {
    let expression = skipOuterExpressions(statement.expression);
    if (ts.isAwaitExpression(expression)) expression = skipOuterExpressions(expression.expression);
    return ts.isCallExpression(expression) && isRelease(expression);
  }
  if (ts.isBlock(statement)) return statement.statements.some((s) => releasesOnEveryPath(s, isRelease));
  if (ts.isTryStatement(statement)) return !!statement.finallyBlock && releasesOnEveryPath(statement.finallyBlock, isRelease);
  if (ts.isIfStatement(statement)) {
    return !!statement.elseStatement && releasesOnEveryPath(statement.thenStatement, isRelease) && releasesOnEveryPath(statement.elseStatement, isRelease);
  }
  return false;
}

interface ScanState {
  /** Loops and switches entered inside the scanned statements: their `break` stays inside. */
  loopDepth: number;
  /** Inside a `try` with a `catch`: exceptions are caught there. */
  caught: boolean;
  /** Calls that cannot throw here: releases, and taking other locks. */
  quiet: (call: ts.CallExpression) => boolean;
}

type Problem = { reason: LeakReason; culprit: ts.Node };

/** The first thing, in order, that skips the release: a jump out, a `throw`, or a call that can throw. */
function firstProblem(statements: readonly ts.Statement[], isRelease: (call: ts.CallExpression) => boolean, state: ScanState): Problem | undefined {
  for (const statement of statements) {
    const problem = statementProblem(statement, isRelease, state);
    if (problem) return problem;
    // Released on this path: what follows cannot leak it.
    if (releasesOnEveryPath(statement, isRelease)) return undefined;
  }
  return undefined;
}

function statementProblem(statement: ts.Statement, isRelease: (call: ts.CallExpression) => boolean, state: ScanState): Problem | undefined {
  if (ts.isReturnStatement(statement)) return throwing(statement.expression, state) ?? { reason: 'early-exit', culprit: statement };
  if (ts.isThrowStatement(statement)) return state.caught ? undefined : { reason: 'throw', culprit: statement };
  if (ts.isBreakOrContinueStatement(statement)) return state.loopDepth === 0 || statement.label ? { reason: 'early-exit', culprit: statement } : undefined;
  if (ts.isBlock(statement)) return firstProblem(statement.statements, isRelease, state);
  if (ts.isIfStatement(statement)) {
    return (
      throwing(statement.expression, state) ??
      firstProblem([statement.thenStatement], isRelease, state) ??
      (statement.elseStatement ? firstProblem([statement.elseStatement], isRelease, state) : undefined)
    );
  }
  if (ts.isTryStatement(statement)) {
    if (statement.finallyBlock && releasesOnEveryPath(statement.finallyBlock, isRelease)) return undefined;
    return (
      firstProblem(statement.tryBlock.statements, isRelease, { ...state, caught: state.caught || !!statement.catchClause }) ??
      (statement.catchClause ? firstProblem(statement.catchClause.block.statements, isRelease, state) : undefined) ??
      (statement.finallyBlock ? firstProblem(statement.finallyBlock.statements, isRelease, state) : undefined)
    );
  }
  if (ts.isIterationStatement(statement, false)) {
    const header = ts.isForStatement(statement)
      ? [statement.initializer, statement.condition]
      : ts.isForInStatement(statement) || ts.isForOfStatement(statement) || ts.isWhileStatement(statement) || ts.isDoStatement(statement)
        ? [statement.expression]
        : [];
    for (const part of header) {
      const problem = part && throwing(part, state);
      if (problem) return problem;
    }
    return firstProblem([statement.statement], isRelease, { ...state, loopDepth: state.loopDepth + 1 });
  }
  if (ts.isSwitchStatement(statement)) {
    const inSelector = throwing(statement.expression, state);
    if (inSelector) return inSelector;
    const inner = { ...state, loopDepth: state.loopDepth + 1 };
    for (const clause of statement.caseBlock.clauses) {
      const problem = firstProblem(clause.statements, isRelease, inner);
      if (problem) return problem;
    }
    return undefined;
  }
  if (ts.isLabeledStatement(statement)) return statementProblem(statement.statement, isRelease, state);
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) return undefined;
  return throwing(statement, state);
}

/** The first await, call or `new` in `node` that can throw (outside nested functions). */
function throwing(node: ts.Node | undefined, state: ScanState): Problem | undefined {
  if (!node || state.caught) return undefined;
  let found: ts.Node | undefined;
  const visit = (current: ts.Node): void => {
    if (found || isFunctionNode(current) || ts.isClassLike(current)) return;
    if (ts.isCallExpression(current) && state.quiet(current)) return;
    if (ts.isAwaitExpression(current)) {
      const operand = skipOuterExpressions(current.expression);
      if (ts.isCallExpression(operand) && state.quiet(operand)) return;
      found = ts.isCallExpression(operand) || ts.isNewExpression(operand) ? operand : current;
      return;
    }
    if ((ts.isCallExpression(current) && !SAFE_CALLEES.test(current.expression.getText())) || ts.isNewExpression(current)) {
      found = current;
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found ? { reason: 'exception', culprit: found } : undefined;
}

function lockText(operation: AcquireOperation): string {
  const target = operation.target;
  if (target.kind === 'object' || target.kind === 'name') return target.expression.getText();
  if (target.kind === 'helper') return `${target.call.expression.getText()}()`;
  return `${target.call.expression.getText()}()`;
}
