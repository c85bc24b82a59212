// Loops that never give the thread back: a busy-wait on the clock, and a loop with no way
// out and no await (including a spin on a flag that nothing can change while it spins).
import { Node, SyntaxKind, type Expression } from 'ts-morph';
import { isFunctionLike, isLoop, loopYields } from './syncRegion';

const CLOCK_READS = /\b(Date\.now\(\)|performance\.now\(\)|new Date\(\)|process\.hrtime(\.bigint)?\()/;

/** `while (Date.now() < end) {}`: waiting for time to pass by checking the clock as fast as possible. */
export function isBusyWait(loop: Node): boolean {
  const condition = loopCondition(loop);
  return !!condition && CLOCK_READS.test(condition.getText()) && !loopYields(loop);
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
  return empty && !CLOCK_READS.test(condition.getText()) && !condition.getFirstDescendant((n) => Node.isCallExpression(n) || Node.isNewExpression(n) || isAssignmentLike(n));
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
