// Quick fixes for a lock that is not released on every path:
//   try/finally     everything between the acquisition and its release goes into `try`,
//                   the release into `finally` (preferred: it keeps the code's shape);
//   runExclusive    the acquisition, the code and the release become one
//                   `lock.runExclusive(async () => ...)` (async-mutex only).
// A fix is offered only where it keeps the code's meaning: nothing declared inside the
// moved code is used after it, and a release that was already there on an early exit
// (`release(); return;`) is dropped because `finally` now does it.
import { ts } from 'ts-morph';
import type { Fix } from '../finding';
import { fixTitle } from '../templateText';
import {
  declaredSymbols,
  escapeFromCallback,
  indentationAt,
  indentLines,
  indentUnit,
  lineStartOf,
  newlineOf,
  nextLineStart,
  spanEdit,
  startsLine,
  usesAny,
} from './codeLayout';
import type { Leak } from './releasePaths';
import { skipOuterExpressions } from './resolution';

export function leakFixes(leak: Leak, file: ts.SourceFile, checker: ts.TypeChecker): Fix[] {
  const fixes: Fix[] = [];
  const tryFinally = tryFinallyFix(leak, file, checker);
  if (tryFinally) fixes.push(tryFinally);
  const runExclusive = runExclusiveFix(leak, file, checker);
  if (runExclusive) fixes.push(runExclusive);
  return fixes;
}

function tryFinallyFix(leak: Leak, file: ts.SourceFile, checker: ts.TypeChecker): Fix | undefined {
  const text = file.getFullText();
  const newline = newlineOf(text);
  const indent = indentationAt(text, leak.statement.getStart(file));
  const unit = indentUnit(text);
  const regionStart = nextLineStart(text, leak.statement.getEnd());
  const after = leak.statements.slice(leak.index + 1);
  if (after.length === 0 || !startsLine(text, after[0].getStart(file))) return undefined;

  if (leak.release && ts.isTryStatement(leak.release.statement)) {
    // The release is in a `finally` that starts too late: move the code before it into its `try`.
    const tryStatement = leak.release.statement;
    const moved = leak.statements.slice(leak.index + 1, leak.release.index);
    if (usesAny(followingParts(leak, tryStatement), declaredSymbols(moved, checker), checker)) return undefined;
    const tryLineStart = lineStartOf(text, tryStatement.getStart(file));
    if (!startsLine(text, tryStatement.getStart(file))) return undefined;
    const openEnd = tryStatement.tryBlock.getStart(file) + 1;
    if (text.slice(openEnd, nextLineStart(text, openEnd)).trim() !== '') return undefined;
    const body = text.slice(regionStart, tryLineStart);
    const newText = text.slice(tryLineStart, nextLineStart(text, openEnd)) + indentLines(body, unit, file, regionStart);
    return {
      ...fixTitle('Move the code before the try block into it'),
      isPreferred: true,
      edits: [spanEdit(file, regionStart, nextLineStart(text, openEnd), newText)],
    };
  }

  let moved: readonly ts.Statement[];
  let bodyEnd: number;
  let replaceEnd: number;
  let releaseText: string;
  if (leak.release) {
    const release = leak.release.statement;
    if (!startsLine(text, release.getStart(file))) return undefined;
    moved = leak.statements.slice(leak.index + 1, leak.release.index);
    if (usesAny(leak.statements.slice(leak.release.index + 1), declaredSymbols(moved, checker), checker)) return undefined;
    bodyEnd = lineStartOf(text, release.getStart(file));
    replaceEnd = release.getEnd();
    releaseText = release.getText(file);
  } else {
    // Never released: release at the end of the block, whatever way it is left.
    const call = leak.reason === 'never' ? releaseCallText(leak) : undefined;
    if (!call || after.some((s) => ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s))) return undefined;
    moved = after;
    bodyEnd = nextLineStart(text, after[after.length - 1].getEnd());
    replaceEnd = bodyEnd - (text.slice(0, bodyEnd).endsWith('\r\n') ? 2 : text.slice(0, bodyEnd).endsWith('\n') ? 1 : 0);
    if (text.slice(after[after.length - 1].getEnd(), replaceEnd).trim() !== '') return undefined;
    releaseText = `${call};`;
  }
  const kept = withoutEarlyReleases(text.slice(regionStart, bodyEnd), regionStart, leak, moved, file);
  if (kept === undefined) return undefined;
  const body = kept.endsWith('\n') ? kept : kept + newline;
  const newText = `${indent}try {${newline}${indentLines(body, unit, file, regionStart)}${indent}} finally {${newline}${indent}${unit}${releaseText}${newline}${indent}}`;
  return {
    ...fixTitle('Release {lock} in a finally block', { lock: leak.lockText }),
    isPreferred: true,
    edits: [spanEdit(file, regionStart, replaceEnd, newText)],
  };
}

/** Code after a `try` that still sees what was declared before it: its catch and finally, and the rest of the block. */
function followingParts(leak: Leak, tryStatement: ts.TryStatement): ts.Node[] {
  const parts: ts.Node[] = [];
  if (tryStatement.catchClause) parts.push(tryStatement.catchClause);
  if (tryStatement.finallyBlock) parts.push(tryStatement.finallyBlock);
  return [...parts, ...leak.statements.slice((leak.release?.index ?? leak.index) + 1)];
}

/** How to release when the code never does: the bound release function, or `lock.release()`. */
function releaseCallText(leak: Leak): string | undefined {
  if (leak.binding) return `${leak.binding.text}()`;
  if (leak.operation.target.kind === 'object' && leak.operation.hasRunExclusive) return `${leak.operation.target.expression.getText()}.release()`;
  return undefined;
}

/**
 * The moved lines without the releases right before an exit (`release(); return;`): the
 * `finally` releases there now, and releasing twice is wrong for `mutex.release()`.
 * Undefined when the code releases anywhere else, where it would now hold the lock longer.
 */
function withoutEarlyReleases(body: string, bodyStart: number, leak: Leak, moved: readonly ts.Statement[], file: ts.SourceFile): string | undefined {
  const movedStart = moved[0]?.getStart(file) ?? bodyStart;
  const movedEnd = moved[moved.length - 1]?.getEnd() ?? bodyStart;
  const inside = leak.releaseCalls.filter((call) => call.getStart(file) >= movedStart && call.getEnd() <= movedEnd);
  const removals: Array<[number, number]> = [];
  for (const call of inside) {
    const statement = releaseStatement(call);
    if (!statement || !beforeExit(statement) || !startsLine(file.getFullText(), statement.getStart(file))) return undefined;
    const text = file.getFullText();
    removals.push([lineStartOf(text, statement.getStart(file)), nextLineStart(text, statement.getEnd())]);
  }
  let out = body;
  for (const [start, end] of removals.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start - bodyStart) + out.slice(end - bodyStart);
  }
  return out;
}

function releaseStatement(call: ts.CallExpression): ts.ExpressionStatement | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent) ? node.parent : undefined;
}

function beforeExit(statement: ts.Statement): boolean {
  const parent = statement.parent;
  if (!ts.isBlock(parent) && !ts.isCaseOrDefaultClause(parent)) return false;
  const next = parent.statements[parent.statements.indexOf(statement) + 1];
  return !!next && (ts.isReturnStatement(next) || ts.isThrowStatement(next) || ts.isBreakOrContinueStatement(next));
}

function runExclusiveFix(leak: Leak, file: ts.SourceFile, checker: ts.TypeChecker): Fix | undefined {
  const { operation } = leak;
  if (!operation.hasRunExclusive || operation.target.kind !== 'object' || !leak.release) return undefined;
  if (!ts.isAwaitExpression(skipOuterExpressions(operation.call).parent)) return undefined;
  const release = leak.release.statement;
  if (ts.isTryStatement(release) || leak.releaseCalls.length !== 1) return undefined;
  const moved = leak.statements.slice(leak.index + 1, leak.release.index);
  if (moved.length === 0 || moved.some((statement) => escapeFromCallback(statement) !== undefined)) return undefined;
  // `const [value, release] = await sem.acquire()`: the value would be lost.
  if (leak.statement.getText(file).includes('[') && !leak.binding) return undefined;
  if (usesAny(leak.statements.slice(leak.release.index + 1), declaredSymbols(moved, checker), checker)) return undefined;
  const text = file.getFullText();
  if (!startsLine(text, moved[0].getStart(file)) || !startsLine(text, release.getStart(file))) return undefined;
  const newline = newlineOf(text);
  const indent = indentationAt(text, leak.statement.getStart(file));
  const bodyStart = nextLineStart(text, leak.statement.getEnd());
  const body = text.slice(bodyStart, lineStartOf(text, release.getStart(file)));
  const args = operation.call.arguments.map((arg) => `, ${arg.getText(file)}`).join('');
  const lock = operation.target.expression.getText(file);
  const newText = `await ${lock}.runExclusive(async () => {${newline}${indentLines(body, indentUnit(text), file, bodyStart)}${indent}}${args});`;
  return {
    ...fixTitle('Run it inside {lock}.runExclusive()', { lock }),
    isPreferred: false,
    edits: [spanEdit(file, leak.statement.getStart(file), release.getEnd(), newText)],
  };
}
