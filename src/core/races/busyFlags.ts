// A function that marks itself busy before it waits, and returns when it finds the mark:
//   if (this.loading) return;
//   this.loading = true;          // no await between the test and the mark
//   … await …
// A second call made while the first waits returns at the test, so the two never overlap:
// the flag is the lock.
import { Node, SyntaxKind } from 'ts-morph';
import type { FunctionLike } from '../eventLoop/syncRegion';
import { alwaysLeaves } from './awaitPaths';
import { sharedStateOf, stateKey } from './sharedState';

/** Whether, before `awaited`, `fn` returns on a shared flag and then sets it, with nothing awaited in between. */
export function runsOneAtATime(fn: FunctionLike, awaited: Node, own: readonly Node[]): boolean {
  return own.some((test) => {
    if (test.getEnd() > awaited.getStart() || !Node.isIfStatement(test) || test.getElseStatement() || !alwaysLeaves(test.getThenStatement())) return false;
    let condition = test.getExpression();
    while (Node.isParenthesizedExpression(condition)) condition = condition.getExpression();
    const flag = sharedStateOf(condition, fn);
    if (!flag || (!Node.isIdentifier(condition) && !Node.isPropertyAccessExpression(condition))) return false;
    const mark = own.find(
      (node) =>
        node.getStart() > test.getEnd() &&
        node.getEnd() <= awaited.getStart() &&
        Node.isBinaryExpression(node) &&
        node.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
        node.getRight().getKind() === SyntaxKind.TrueKeyword &&
        stateKey(node.getLeft()) === flag.key &&
        node.getParent()?.getParent() === test.getParent(),
    );
    return !!mark && !own.some((node) => Node.isAwaitExpression(node) && node.getStart() > test.getStart() && node.getEnd() <= mark.getStart());
  });
}
