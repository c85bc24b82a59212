// A test after the await that the code makes before it writes: the author thought of the
// race, and the write happens only when nothing else got there first.
//   if (this.balance !== current) return;            // re-check of the state itself
//   const mine = ++this.seq; … if (mine !== this.seq) return;   // the latest call wins
//   if (signal.aborted) return;                     // cancelled while it waited
import { Node } from 'ts-morph';
import { writtenTarget } from '../awaits/calleeSummary';
import type { FunctionLike } from '../eventLoop/syncRegion';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';
import { sharedStateOf } from './sharedState';

/** Names that say a test is about cancellation or a newer call: `signal.aborted`, `token.isCancellationRequested`, `this.disposed`. */
const CANCELLATION_WORDS = /abort|cancel|dispos|stale|supersed|generation|version|epoch|isCurrent|isLatest/i;

/**
 * Whether a condition between `awaited` and `write` (or around the write, tested after the
 * await) tests the state again (`testsState`: a read of it, or the same check once more),
 * reads a token the function changed before it waited, or asks whether the work was
 * cancelled.
 */
export function rechecksAfter(awaited: Node, write: Node, fn: FunctionLike, own: readonly Node[], testsState: (part: Node) => boolean): boolean {
  const tokens = ownWritesBefore(awaited, fn, own);
  return own.some((node) => {
    const condition = conditionOf(node);
    if (!condition || condition.getStart() < awaited.getEnd() || condition.getStart() > write.getStart()) return false;
    return [condition, ...compilerDescendants(condition.compilerNode, true).map((d) => wrapperOf(fn, d))].some(
      (part) => testsState(part) || tokens.has(sharedKey(part, fn) ?? '') || (Node.isIdentifier(part) && CANCELLATION_WORDS.test(part.getText())),
    );
  });
}

function conditionOf(node: Node): Node | undefined {
  if (Node.isIfStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node)) return node.getExpression();
  if (Node.isConditionalExpression(node)) return node.getCondition();
  return undefined;
}

/** Shared state the function changes before `awaited`: a request counter, a generation. */
function ownWritesBefore(awaited: Node, fn: FunctionLike, own: readonly Node[]): Set<string> {
  const keys = new Set<string>();
  for (const node of own) {
    if (node.getEnd() > awaited.getStart()) break;
    const target = writtenTarget(node);
    const key = target && sharedKey(target, fn);
    if (key) keys.add(key);
  }
  return keys;
}

function sharedKey(node: Node, fn: FunctionLike): string | undefined {
  if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return undefined;
  return sharedStateOf(node, fn)?.key;
}
