// Loops that never give the thread back: a busy-wait on the clock, and a loop with no way
// out and no await (including a spin on a flag that nothing can change while it spins).
// A loop that compares the clock with a variable it moves forward (`d = addDays(d, 1)`
// until today) walks the days; it does not wait.
import { Node, SyntaxKind, type Expression } from 'ts-morph';
import { descendantsOfKind, firstDescendant } from '../syntaxDescendants';
import { isFunctionLike, isLoop, loopYields } from './syncRegion';

const CLOCK_READS = /\b(Date\.now\(\)|performance\.now\(\)|new Date\(\)|process\.hrtime(\.bigint)?\()/;
/** Identifiers a clock read is made of, never a variable the loop could advance. */
const CLOCK_NAMES = new Set(['Date', 'now', 'performance', 'process', 'hrtime', 'bigint']);
/** Methods that move a date forward in place: `d.setDate(d.getDate() + 1)`. */
const DATE_SETTERS = /^set(UTC)?(FullYear|Month|Date|Hours|Minutes|Seconds|Milliseconds|Time)$/;

/** Whether the expression reads the clock: `Date.now()`, `new Date()`, `performance.now()`. */
export function readsClock(expression: Node): boolean {
  return CLOCK_READS.test(expression.getText());
}

/** `while (Date.now() < end) {}`: waiting for time to pass by checking the clock as fast as possible. */
export function isBusyWait(loop: Node): boolean {
  const condition = loopCondition(loop);
  return !!condition && readsClock(condition) && !loopYields(loop) && !advancesTowardClock(loop, condition);
}

/**
 * `for (let d = start; d <= Date.now(); d += DAY)`, `while (d < new Date()) { …; d = addDays(d, 1) }`:
 * the loop assigns (or moves with a date setter) a variable its condition compares with the clock.
 */
function advancesTowardClock(loop: Node, condition: Expression): boolean {
  const compared = new Set(
    [condition, ...descendantsOfKind(condition, SyntaxKind.Identifier)]
      .filter(Node.isIdentifier)
      .map((id) => id.getText())
      .filter((name) => !CLOCK_NAMES.has(name)),
  );
  if (compared.size === 0) return false;
  const moves = (node: Node): boolean => {
    if (isAssignmentLike(node)) {
      const target = Node.isBinaryExpression(node) ? node.getLeft() : (node as Node & { getOperand(): Node }).getOperand();
      return compared.has(target.getText());
    }
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      return Node.isPropertyAccessExpression(callee) && DATE_SETTERS.test(callee.getName()) && compared.has(callee.getExpression().getText());
    }
    return false;
  };
  // A callback defined in the loop may never run there: only the loop's own code counts.
  const movesIn = (node: Node): boolean => !isFunctionLike(node) && (moves(node) || node.forEachChild((child) => movesIn(child) || undefined) === true);
  const parts = Node.isForStatement(loop) ? [loop.getIncrementor(), loop.getStatement()] : [(loop as Node & { getStatement(): Node }).getStatement()];
  return parts.some((part) => !!part && movesIn(part));
}

/**
 * No way out and no await: `while (true)` without break, return or throw, or a spin on a
 * condition that nothing can change while the loop holds the thread (`while (!ready) {}`).
 */
export function isEndless(loop: Node): boolean {
  if (!(Node.isForStatement(loop) || Node.isWhileStatement(loop) || Node.isDoStatement(loop)) || loopYields(loop)) return false;
  const condition = loopCondition(loop);
  if (!condition || isAlwaysTrue(condition)) return !hasExit(loop);
  const body = loop.getStatement();
  const empty = Node.isEmptyStatement(body) || (Node.isBlock(body) && body.getStatements().length === 0);
  return empty && !readsClock(condition) && !firstDescendant(condition, (n) => Node.isCallExpression(n) || Node.isNewExpression(n) || isAssignmentLike(n));
}

function loopCondition(loop: Node): Expression | undefined {
  if (Node.isForStatement(loop)) return loop.getCondition();
  if (Node.isWhileStatement(loop) || Node.isDoStatement(loop)) return loop.getExpression();
  return undefined;
}

function isAlwaysTrue(condition: Expression): boolean {
  const text = unparenthesized(condition).getText();
  return text === 'true' || text === '1' || text === '!0';
}

function isAssignmentLike(node: Node): boolean {
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    return operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken;
  }
  return Node.isBinaryExpression(node) && /^[-+*/%&|^<>]*=$/.test(node.getOperatorToken().getText()) && node.getOperatorToken().getText() !== '==';
}

/** A `break` that leaves this loop, a `return`, a `throw`, or `process.exit()` inside it. */
function hasExit(loop: Node): boolean {
  const label = Node.isLabeledStatement(loop.getParent()) ? (loop.getParentOrThrow() as Node & { getLabel(): Node }).getLabel().getText() : undefined;
  let exits = false;
  const visit = (node: Node, nestedBreakable: boolean): void => {
    if (exits || isFunctionLike(node)) return;
    if (Node.isReturnStatement(node) || Node.isThrowStatement(node)) exits = true;
    else if (Node.isBreakStatement(node)) {
      const target = node.getLabel()?.getText();
      if (target ? target === label : !nestedBreakable) exits = true;
    } else if (Node.isCallExpression(node) && node.getExpression().getText() === 'process.exit') exits = true;
    const nested = nestedBreakable || isLoop(node) || Node.isSwitchStatement(node);
    node.forEachChild((child) => visit(child, nested));
  };
  const body = (loop as Node & { getStatement(): Node }).getStatement();
  visit(body, false);
  return exits;
}

function unparenthesized(expression: Expression): Expression {
  return Node.isParenthesizedExpression(expression) ? unparenthesized(expression.getExpression()) : expression;
}
