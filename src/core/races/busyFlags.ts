// A function that marks itself busy, or done, before it waits, and acts only when it did not
// find the mark:
//   if (this.loading) return;                 if (!this.initialized && this.variable) {
//   this.loading = true;                        this.initialized = true;
//   … await …                                   … await …
// The test and the mark run in one synchronous step (no await between them), so a second call
// made while the first waits finds the mark and never reaches the act: the flag is the lock.
import { Node, SyntaxKind, type IfStatement } from 'ts-morph';
import { writtenTarget } from '../awaits/calleeSummary';
import type { FunctionLike } from '../eventLoop/syncRegion';
import { isInside } from '../syntaxDescendants';
import { alwaysLeaves } from './awaitPaths';
import { sharedStateOf, stateKey } from './sharedState';

/** A flag an `if` tests, and the block whose own statements may set it before the guarded code runs. */
interface FlagTest {
  key: string;
  /** `if (flag) return;`: the `if`'s own block; `if (!flag) { … }`: the `then` block. */
  markedIn: Node;
  /** Whether `node` runs only when the test let the call through. */
  guards(node: Node): boolean;
}

/**
 * Whether, before `awaited`, `fn` tests a shared flag and sets it to `true` with nothing
 * awaited in between, `awaited` and `act` run only past that test, and the flag is not set
 * back before `act` is done (a reset in `finally`, after the act, still keeps calls apart).
 */
export function runsOneAtATime(fn: FunctionLike, awaited: Node, act: Node, own: readonly Node[]): boolean {
  return own.some((test) => {
    if (!Node.isIfStatement(test) || test.getStart() > awaited.getStart()) return false;
    const flag = flagTestOf(test, fn);
    if (!flag || !flag.guards(awaited) || !flag.guards(act)) return false;
    const mark = own.find(
      (node) =>
        node.getStart() > test.getExpression().getEnd() &&
        node.getEnd() <= awaited.getStart() &&
        Node.isBinaryExpression(node) &&
        node.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
        node.getRight().getKind() === SyntaxKind.TrueKeyword &&
        stateKey(node.getLeft()) === flag.key &&
        node.getParent()?.getParent() === flag.markedIn,
    );
    if (!mark) return false;
    const awaitsFirst = own.some((node) => Node.isAwaitExpression(node) && node.getStart() > test.getStart() && node.getEnd() <= mark.getStart());
    const setBack = own.some((node) => node !== mark && node.getStart() > mark.getEnd() && node.getStart() < act.getEnd() && isWriteOf(node, flag.key));
    return !awaitsFirst && !setBack;
  });
}

/** `if (this.loading) return;` or `if (!this.initialized && …) { … }`, on a shared flag. */
function flagTestOf(test: IfStatement, fn: FunctionLike): FlagTest | undefined {
  const condition = unparenthesized(test.getExpression());
  const then = test.getThenStatement();
  if (!test.getElseStatement() && alwaysLeaves(then) && isSharedFlag(condition, fn)) {
    return { key: stateKey(condition), markedIn: test.getParentOrThrow(), guards: (node) => node.getStart() >= test.getEnd() };
  }
  if (!Node.isBlock(then)) return undefined;
  const flag = conjunctsOf(condition).find(
    (part) =>
      Node.isPrefixUnaryExpression(part) && part.getOperatorToken() === SyntaxKind.ExclamationToken && isSharedFlag(unparenthesized(part.getOperand()), fn),
  );
  if (!Node.isPrefixUnaryExpression(flag)) return undefined;
  return { key: stateKey(unparenthesized(flag.getOperand())), markedIn: then, guards: (node) => isInside(node, then) };
}

/** `a && b && c` → `a`, `b`, `c`: each must hold for the `then` branch to run. */
function conjunctsOf(condition: Node): Node[] {
  const node = unparenthesized(condition);
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken)
    return [...conjunctsOf(node.getLeft()), ...conjunctsOf(node.getRight())];
  return [node];
}

function isSharedFlag(node: Node, fn: FunctionLike): boolean {
  return (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node)) && !!sharedStateOf(node, fn);
}

function isWriteOf(node: Node, key: string): boolean {
  const target = writtenTarget(node);
  return !!target && stateKey(target) === key;
}

function unparenthesized(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}
