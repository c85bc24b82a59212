// Writes that put back, on each path, either the state as read with nothing awaited in
// between, or the awaited answer itself: no update is lost.
//   let session = this.session;
//   if (session == null) session = await this.pending;   // the path that waits keeps its answer
//   this.session = session;                              // the other writes back what it read
//   this.session = this.session ? this.session : await this.pending;
// Unlike `this.total = await addTax(this.total)`, where the answer is computed from the read.
import { Node, SyntaxKind, ts } from 'ts-morph';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';

const CHOICES = new Set([SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken, SyntaxKind.AmpersandAmpersandToken]);

/**
 * Whether `awaited` is the whole value assigned to the variable `kept` (`session = await
 * this.pending`), and what it waits for does not depend on the read (`dependsOnRead`): from
 * there on the variable holds the answer, not the value read.
 */
export function answerReplacesKeptValue(awaited: Node, kept: ts.Symbol, dependsOnRead: (part: Node) => boolean): boolean {
  if (!Node.isAwaitExpression(awaited)) return false;
  let value: Node = awaited;
  let parent = awaited.getParent();
  while (Node.isParenthesizedExpression(parent)) {
    value = parent;
    parent = parent.getParent();
  }
  if (!Node.isBinaryExpression(parent) || parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || parent.getRight() !== value) return false;
  const target = parent.getLeft();
  return Node.isIdentifier(target) && target.getSymbol()?.compilerSymbol === kept && !partsOf(awaited.getExpression()).some(dependsOnRead);
}

/**
 * Whether `value` chooses between what was read and an awaited answer: a `? :`, `??`, `||` or
 * `&&` whose test waits for nothing, and each of whose outcomes either waits for nothing
 * (read and written in one step) or does not mention the state (`mentionsState`).
 */
export function choosesReadOrAnswer(value: Node, mentionsState: (part: Node) => boolean): boolean {
  let expression = value;
  while (Node.isParenthesizedExpression(expression)) expression = expression.getExpression();
  if (Node.isConditionalExpression(expression)) {
    return (
      !waits(expression.getCondition()) && [expression.getWhenTrue(), expression.getWhenFalse()].every((outcome) => keepsReadOrAnswer(outcome, mentionsState))
    );
  }
  if (Node.isBinaryExpression(expression) && CHOICES.has(expression.getOperatorToken().getKind())) {
    return !waits(expression.getLeft()) && keepsReadOrAnswer(expression.getRight(), mentionsState);
  }
  return false;
}

function keepsReadOrAnswer(outcome: Node, mentionsState: (part: Node) => boolean): boolean {
  return !waits(outcome) || !partsOf(outcome).some(mentionsState) || choosesReadOrAnswer(outcome, mentionsState);
}

function waits(node: Node): boolean {
  return ts.isAwaitExpression(node.compilerNode) || compilerDescendants(node.compilerNode, true).some(ts.isAwaitExpression);
}

/** `node` and the code under it, not inside functions it defines. */
function partsOf(node: Node): Node[] {
  return [node, ...compilerDescendants(node.compilerNode, true).map((part) => wrapperOf(node, part))];
}
