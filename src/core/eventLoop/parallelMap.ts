// `await Promise.all(paths.map((p) => new Promise((resolve) => { spawnSync(...); resolve(); })))`:
// the code asks for the calls to run side by side, yet `map` runs each callback up to its
// first await before it starts the next, so a blocking call there runs them one after another.
import { Node, SyntaxKind } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import { enclosingFunction, type FunctionLike } from './syncRegion';

const PARALLEL_COMBINATOR = /^Promise\.(all|allSettled)$/;

/** Whether `node` runs in a callback of `Promise.all(items.map(cb))` before the callback's first await. */
export function runsInParallelMap(node: Node): boolean {
  let fn = enclosingFunction(node);
  // A promise executor runs right away, as part of the callback that creates the promise.
  if (fn && isPromiseExecutor(fn)) {
    if (awaitsBefore(fn, node)) return false;
    node = fn.getParentOrThrow();
    fn = enclosingFunction(node);
  }
  return !!fn && isParallelMapCallback(fn) && !awaitsBefore(fn, node);
}

function isPromiseExecutor(fn: FunctionLike): boolean {
  const parent = fn.getParent();
  return Node.isNewExpression(parent) && parent.getExpression().getText() === 'Promise' && parent.getArguments()[0] === fn;
}

function isParallelMapCallback(fn: FunctionLike): boolean {
  const map = fn.getParent();
  if (!Node.isCallExpression(map) || !map.getArguments().includes(fn)) return false;
  const callee = map.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'map') return false;
  const combinator = map.getParent();
  return Node.isCallExpression(combinator) && combinator.getArguments().includes(map) && PARALLEL_COMBINATOR.test(combinator.getExpression().getText());
}

/** An `await` of `fn` itself (not of a function inside it) that comes before `node`. */
function awaitsBefore(fn: FunctionLike, node: Node): boolean {
  return descendantsOfKind(fn, SyntaxKind.AwaitExpression, true).some((awaited) => awaited.getEnd() <= node.getStart());
}
