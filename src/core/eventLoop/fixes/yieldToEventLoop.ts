// "Yield to the event loop every 1,000 iterations": for a heavy loop that has to stay in
// its async function, a pause in the innermost loop of the nest lets timers, I/O and
// other requests in between slices of the work. Only when every loop of the heavy path is
// a loop statement of that function: an `await` cannot go into an array method's callback
// (`.map`, `.filter`, `.includes`) or a called function, and a pause outside them would
// still let all of their work run between two pauses.
//   let iteration = 0;
//   for (const a of pts) {
//     for (const b of pts) {
//       if (++iteration % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
//       ...
import { Node, type SourceFile } from 'ts-morph';
import type { Fix, TextEdit } from '../../finding';
import { startsLine } from '../../locks/codeLayout';
import { replaceSpan } from '../../ranges';
import { fixTitle } from '../../templateText';
import type { PathStep } from '../callGraph';
import { enclosingFunction, isAsyncFunction, isLoop, type FunctionLike } from '../syncRegion';
import { freeName, indentUnit, indentationOf, isTypeScript } from './moduleStyle';

const YIELD_EVERY = 1000;

type LoopStatement = Node & { getStatement(): Node };

/** The fix for the heavy loop `loop` (with the inner loops of its heaviest path) when it sits directly in an async function. */
export function yieldToEventLoopFix(loop: Node, path: readonly PathStep[]): Fix | undefined {
  const fn = enclosingFunction(loop);
  if (!fn || !isAsyncFunction(fn) || !isLoop(loop)) return undefined;
  const innermost = innermostLoopIn(fn, loop, path);
  if (!innermost) return undefined;
  const body = innermost.getStatement();
  const sourceFile = loop.getSourceFile();
  const counter = freeName(sourceFile, 'iteration');
  const outerIndent = indentationOf(statementOf(loop));
  const innerIndent = bodyIndentation(innermost);
  const pause = `if (++${counter} % ${YIELD_EVERY} === 0) await ${pauseExpression(sourceFile)};`;

  const edits: TextEdit[] = [replaceSpan(sourceFile, statementOf(loop).getStart(), statementOf(loop).getStart(), `let ${counter} = 0;\n${outerIndent}`)];
  if (Node.isBlock(body)) {
    const open = body.getStart() + 1;
    edits.push(replaceSpan(sourceFile, open, open, `\n${innerIndent}${pause}`));
  } else {
    // The brace goes after the loop's `)`, also when the statement is on the next line; a comment there stays.
    const fromParen = /^\s*$/.test(sourceFile.getFullText().slice(body.getPos(), body.getStart()));
    const block = `{\n${innerIndent}${pause}\n${innerIndent}${body.getText()}\n${indentationOf(innermost)}}`;
    edits.push(replaceSpan(sourceFile, fromParen ? body.getPos() : body.getStart(), body.getEnd(), fromParen ? ` ${block}` : block));
  }
  return { ...fixTitle('Yield to the event loop every {count} iterations', { count: YIELD_EVERY.toLocaleString('en-US') }), isPreferred: false, edits };
}

/** The deepest loop of the nest, when every loop of its heavy path is in `fn` itself, where `await` is allowed. */
function innermostLoopIn(fn: FunctionLike, loop: LoopStatement, path: readonly PathStep[]): LoopStatement | undefined {
  let innermost = loop;
  for (const step of path) {
    if (step.role !== 'loop' || !isLoop(step.node) || enclosingFunction(step.node) !== fn) return undefined;
    innermost = step.node;
  }
  return innermost;
}

/** The indentation of the loop's body as the file writes it: its first statement's, else one level deeper than the loop. */
function bodyIndentation(loop: LoopStatement): string {
  const body = loop.getStatement();
  const first = Node.isBlock(body) ? body.getStatements()[0] : body;
  if (first && startsLine(loop.getSourceFile().getFullText(), first.getStart())) return indentationOf(first);
  return indentationOf(loop) + indentUnit(loop.getSourceFile());
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
