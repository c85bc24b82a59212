// "Yield to the event loop every 1,000 iterations": for a heavy loop that has to stay in
// its async function, a pause in the innermost loop of the nest lets timers, I/O and
// other requests in between slices of the work.
//   let iteration = 0;
//   for (const a of pts) {
//     for (const b of pts) {
//       if (++iteration % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
//       ...
import { Node, type SourceFile } from 'ts-morph';
import type { Fix, TextEdit } from '../../finding';
import { replaceSpan } from '../../ranges';
import { fixTitle } from '../../templateText';
import type { PathStep } from '../callGraph';
import { enclosingFunction, isAsyncFunction, isLoop, type FunctionLike } from '../syncRegion';
import { freeName, indentUnit, indentationOf, isTypeScript } from './moduleStyle';

const YIELD_EVERY = 1000;

/** The fix for the heavy loop `loop` (with the inner loops of its heaviest path) when it sits directly in an async function. */
export function yieldToEventLoopFix(loop: Node, path: readonly PathStep[]): Fix | undefined {
  const fn = enclosingFunction(loop);
  if (!fn || !isAsyncFunction(fn) || !isLoop(loop)) return undefined;
  const innermost = innermostLoopIn(fn, loop, path);
  const body = innermost.getStatement();
  const sourceFile = loop.getSourceFile();
  const counter = freeName(sourceFile, 'iteration');
  const unit = indentUnit(sourceFile);
  const outerIndent = indentationOf(statementOf(loop));
  const innerIndent = indentationOf(innermost) + unit;
  const pause = `if (++${counter} % ${YIELD_EVERY} === 0) await ${pauseExpression(sourceFile)};`;

  const edits: TextEdit[] = [replaceSpan(sourceFile, statementOf(loop).getStart(), statementOf(loop).getStart(), `let ${counter} = 0;\n${outerIndent}`)];
  if (Node.isBlock(body)) {
    const open = body.getStart() + 1;
    edits.push(replaceSpan(sourceFile, open, open, `\n${innerIndent}${pause}`));
  } else {
    edits.push(replaceSpan(sourceFile, body.getStart(), body.getEnd(), `{\n${innerIndent}${pause}\n${innerIndent}${body.getText()}\n${indentationOf(innermost)}}`));
  }
  return { ...fixTitle('Yield to the event loop every {count} iterations', { count: YIELD_EVERY.toLocaleString('en-US') }), isPreferred: false, edits };
}

/** The deepest loop of the nest that is still in `fn` itself, where `await` is allowed. */
function innermostLoopIn(fn: FunctionLike, loop: Node & { getStatement(): Node }, path: readonly PathStep[]): Node & { getStatement(): Node } {
  let innermost = loop;
  for (const step of path) {
    if (step.role !== 'loop' || !isLoop(step.node) || enclosingFunction(step.node) !== fn) break;
    innermost = step.node;
  }
  return innermost;
}

/** A labelled loop moves with its label. */
function statementOf(loop: Node): Node {
  const parent = loop.getParent();
  return parent && Node.isLabeledStatement(parent) ? parent : loop;
}

/** `setImmediate` where Node's types are present, a zero timeout elsewhere (browsers). */
function pauseExpression(sourceFile: SourceFile): string {
  const node = !!sourceFile.getProject().getAmbientModule('timers') || !!sourceFile.getProject().getAmbientModule('node:timers');
  const promise = isTypeScript(sourceFile) ? 'new Promise<void>' : 'new Promise';
  return node ? `${promise}((resolve) => setImmediate(resolve))` : `${promise}((resolve) => setTimeout(resolve, 0))`;
}
