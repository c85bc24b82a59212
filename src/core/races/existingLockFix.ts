// The fix that holds a lock the code already takes over a race's whole section: the test or
// the read, the await, and the act or the write.
//   if (!this.conn) {                   →  await this.lock.runExclusive(async () => {
//     this.conn = await connect();            if (!this.conn) {
//   }                                           this.conn = await connect();
//                                             }
//                                           });
// The lock must be one this file already takes with `runExclusive` or an `acquire` that
// hands back its release (async-mutex's Mutex, or a class of the same shape), and the
// class's or the module's own: a private field or a module variable no other module sees,
// so every place that takes it is in this file. Then the fix checks that nothing in the
// section takes it again and that no code holding it calls this function: with a lock that
// is not reentrant, either would wait for itself for ever. Offered, never preferred: every
// call of the function now waits for the one before it.
import { Node, ts, type Statement } from 'ts-morph';
import type { FunctionLike } from '../eventLoop/syncRegion';
import type { Fix } from '../finding';
import { initializerOf, recognizeLockCall, type LockOperation } from '../locks/acquisitions';
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
} from '../locks/codeLayout';
import { annotatedType, functionDeclarationOf, isFunctionNode, isModuleLevel, skipOuterExpressions, type LockContext } from '../locks/resolution';
import { compilerDescendants } from '../syntaxDescendants';
import type { SharedState } from './sharedState';

/** How deep the search for a call that takes the lock, or reaches the function, follows this file's functions. */
const CALL_DEPTH = 3;

export interface RaceSection {
  fn: FunctionLike;
  /** The first part of the race: the test, or the read. */
  from: Node;
  /** The last part: the act, or the write. */
  to: Node;
  state: SharedState;
  /** The fix's title, naming the lock it holds. */
  title(lock: string): Pick<Fix, 'title' | 'titleTemplate'>;
}

/** A race's quick fixes, and the lock the lock fix holds, if that is the one (the card says so). */
export interface RaceFixes {
  fixes: Fix[];
  heldLock?: string;
}

/** The fix, and the lock it holds. */
export interface LockFix {
  fix: Fix;
  lock: string;
}

interface OwnLock {
  /** The lock as the section will name it: `this.lock`, `mutex`. */
  text: string;
  /** Where the file takes it, and what it holds there: a `runExclusive` callback, or the function that acquires it. */
  held: ts.Node[];
}

export function existingLockFix(section: RaceSection, ctx: LockContext): LockFix | undefined {
  const run = statementRun(section, ctx.checker);
  if (!run) return undefined;
  const lock = ownLockOf(section, ctx);
  if (!lock) return undefined;
  const fnNode = section.fn.compilerNode;
  const takesLock = (call: ts.CallExpression): boolean => isOperationOn(recognizeLockCall(call, ctx), lock.text);
  if (run.statements.some((statement) => reachesCall(statement.compilerNode, takesLock, ctx, CALL_DEPTH))) return undefined;
  const callsFn = (call: ts.CallExpression): boolean => functionDeclarationOf(call.expression, ctx) === fnNode;
  if (lock.held.some((region) => reachesCall(region, callsFn, ctx, CALL_DEPTH))) return undefined;
  if (losesNarrowing(run.statements, section.fn, ctx.checker)) return undefined;
  const fix = wrapEdit(run, lock.text, section.title(lock.text));
  return fix && { fix, lock: lock.text };
}

interface StatementRun {
  statements: Statement[];
  /** `return lock.runExclusive(…)`: the run ends the function and returns from inside it. */
  returns: boolean;
}

/**
 * The statements of one list that hold the whole section, when they can move into a callback
 * unchanged: nothing jumps out of them, a `return` only when they end the function, and
 * nothing they declare is used after them. The run grows over the statements after it that
 * rely on a test made inside it (`return this.client` after `if (!this.client) …`): outside
 * the callback, that narrowing would be lost.
 */
function statementRun({ fn, from, to }: RaceSection, checker: ts.TypeChecker): StatementRun | undefined {
  const body = fn.getBody();
  if (!Node.isBlock(body)) return undefined;
  let list: Node | undefined = from;
  while (list && !(Node.isBlock(list) && list.getStart() <= to.getStart() && to.getEnd() <= list.getEnd())) {
    if (list === body) return undefined;
    list = list.getParent();
  }
  if (!Node.isBlock(list)) return undefined;
  const statements = list.getStatements();
  const first = statements.findIndex((s) => s.getStart() <= from.getStart() && from.getEnd() <= s.getEnd());
  let last = statements.findIndex((s) => s.getStart() <= to.getStart() && to.getEnd() <= s.getEnd());
  if (first < 0 || last < first) return undefined;
  const mentioned = (end: number): Set<string> => referencesIn(statements.slice(first, end + 1).map((s) => s.compilerNode)).texts;
  while (last + 1 < statements.length && narrowedUse([statements[last + 1].compilerNode], mentioned(last), checker)) last++;
  const later = compilerDescendants(body.compilerNode).filter((node) => node.pos >= list.getEnd());
  if (narrowedUse(later, mentioned(last), checker)) return undefined;
  const run = statements.slice(first, last + 1);
  const escapes = run.map((statement) => escapeFromCallback(statement.compilerNode));
  if (escapes.includes('jump')) return undefined;
  const returns = escapes.includes('return');
  if (returns && (list !== body || last !== statements.length - 1)) return undefined;
  const declared = declaredSymbols(
    run.map((s) => s.compilerNode),
    checker,
  );
  if (
    usesAny(
      statements.slice(last + 1).map((s) => s.compilerNode),
      declared,
      checker,
    )
  )
    return undefined;
  return { statements: run, returns };
}

/** The one lock of the class or the module that this file takes and that would keep calls of `fn` apart. */
function ownLockOf(section: RaceSection, ctx: LockContext): OwnLock | undefined {
  const file = section.fn.getSourceFile().compilerNode;
  const fnNode = section.fn.compilerNode;
  const owner = enclosingClass(fnNode);
  const instanceState = section.state.key.startsWith('this.');
  const locks = new Map<string, OwnLock>();
  for (const call of compilerDescendants(file)) {
    if (!ts.isCallExpression(call)) continue;
    const operation = recognizeLockCall(call, ctx);
    const held = operation && heldRegion(operation, ctx);
    if (!operation || !held || operation.target.kind !== 'object') continue;
    const target = skipOuterExpressions(operation.target.expression);
    const text = ownLockText(target, call, owner, instanceState, ctx);
    if (!text) continue;
    const lock = locks.get(text) ?? { text, held: [] };
    lock.held.push(held);
    locks.set(text, lock);
  }
  return locks.size === 1 ? [...locks.values()][0] : undefined;
}

/**
 * What a lock operation holds the lock over, when it is one the fix can take the same way:
 * the callback of `runExclusive`, or the function that calls an `acquire` resolving to its
 * release. A semaphore's `[value, release]`, or a limiter that counts, would not exclude.
 */
function heldRegion(operation: LockOperation, ctx: LockContext): ts.Node | undefined {
  if (operation.target.kind !== 'object' || operation.target.exclusive === false || operation.kind === 'release') return undefined;
  const callee = skipOuterExpressions(operation.call.expression);
  if (!ts.isPropertyAccessExpression(callee) || isSemaphore(operation.target.expression, ctx)) return undefined;
  if (operation.kind === 'scoped') return callee.name.text === 'runExclusive' ? operation.callback : undefined;
  if (operation.tuple || !operation.hasRunExclusive) return undefined;
  let fn: ts.Node | undefined = operation.call.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  return fn;
}

/**
 * `this.lock` taken in a method of `owner` and declared private there, or a module variable of
 * this file that is not exported: names only this file can take. An instance lock keeps
 * apart the calls on one object, so it serves only state of that object.
 */
function ownLockText(
  target: ts.Expression,
  call: ts.CallExpression,
  owner: ts.ClassLikeDeclaration | undefined,
  instanceState: boolean,
  ctx: LockContext,
): string | undefined {
  const symbol = ctx.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(target) ? target.name : target);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || declaration.getSourceFile() !== call.getSourceFile()) return undefined;
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
    if (!instanceState || !owner || enclosingClass(call) !== owner || declaration.parent !== owner) return undefined;
    if (!ts.isPropertyDeclaration(declaration) || !isPrivate(declaration) || isStatic(declaration)) return undefined;
    return `this.${target.name.text}`;
  }
  if (!ts.isIdentifier(target) || !ts.isVariableDeclaration(declaration) || !isModuleLevel(declaration)) return undefined;
  const statement = declaration.parent.parent;
  const exported = ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return exported || !(declaration.parent.flags & ts.NodeFlags.Const) ? undefined : target.text;
}

function isOperationOn(operation: LockOperation | undefined, lockText: string): boolean {
  if (!operation || operation.target.kind !== 'object') return false;
  const target = skipOuterExpressions(operation.target.expression);
  return target.getText() === lockText || (ts.isPropertyAccessExpression(target) && `this.${target.name.text}` === lockText);
}

/** Whether `root`, or a function of this file it calls (to `depth` calls deep), makes a call that `test` picks. */
function reachesCall(root: ts.Node, test: (call: ts.CallExpression) => boolean, ctx: LockContext, depth: number, seen = new Set<ts.Node>()): boolean {
  if (seen.has(root)) return false;
  seen.add(root);
  return compilerDescendants(root).some((node) => {
    if (!ts.isCallExpression(node)) return false;
    if (test(node)) return true;
    if (depth === 0) return false;
    const callee = functionDeclarationOf(node.expression, ctx);
    return !!callee && callee.getSourceFile() === root.getSourceFile() && reachesCall(callee, test, ctx, depth - 1, seen);
  });
}

/**
 * Whether a name the section reads is narrowed by code before it (`if (!this.db) return;`): a
 * callback does not keep the narrowing of a property or of a variable assigned again, so the
 * moved code could stop type-checking. A `const` keeps it.
 */
function losesNarrowing(statements: readonly Statement[], fn: FunctionLike, checker: ts.TypeChecker): boolean {
  const start = statements[0].getStart();
  const before = compilerDescendants(fn.getBody()!.compilerNode).filter((node) => node.end <= start);
  return narrowedUse(
    statements.map((s) => s.compilerNode),
    referencesIn(before).texts,
    checker,
  );
}

/** The names and member accesses (`conn`, `this.client`) among `roots` and their descendants. */
function referencesIn(roots: readonly ts.Node[]): { nodes: Array<ts.Identifier | ts.PropertyAccessExpression>; texts: Set<string> } {
  const nodes = roots
    .flatMap((root) => [root, ...compilerDescendants(root)])
    .filter((node): node is ts.Identifier | ts.PropertyAccessExpression => ts.isIdentifier(node) || ts.isPropertyAccessExpression(node))
    .filter((node) => !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node));
  return { nodes, texts: new Set(nodes.map((node) => node.getText())) };
}

/** Whether one of `texts` is read somewhere in `roots` with a type narrower than the one it is declared with. */
function narrowedUse(roots: readonly ts.Node[], texts: ReadonlySet<string>, checker: ts.TypeChecker): boolean {
  return referencesIn(roots).nodes.some((node) => {
    if (!texts.has(node.getText())) return false;
    const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !isNarrowable(declaration)) return false;
    return checker.getTypeAtLocation(node) !== checker.getTypeOfSymbol(symbol);
  });
}

/** A `let` or `var`, a parameter or a property: what a test can narrow and a callback can forget. */
function isNarrowable(declaration: ts.Declaration): boolean {
  if (ts.isVariableDeclaration(declaration)) return !(declaration.parent.flags & ts.NodeFlags.Const);
  return ts.isParameter(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration);
}

function wrapEdit(run: StatementRun, lock: string, title: Pick<Fix, 'title' | 'titleTemplate'>): Fix | undefined {
  const file = run.statements[0].getSourceFile().compilerNode;
  const text = file.getFullText();
  const first = run.statements[0].getStart();
  const last = run.statements[run.statements.length - 1].getEnd();
  if (!startsLine(text, first) || text.slice(last, nextLineStart(text, last)).trim() !== '') return undefined;
  const newline = newlineOf(text);
  const indent = indentationAt(text, first);
  const bodyStart = lineStartOf(text, first);
  const bodyEnd = nextLineStart(text, last);
  const body = text.slice(bodyStart, bodyEnd);
  const lines = body.endsWith('\n') ? body : body + newline;
  const opening = `${run.returns ? 'return' : 'await'} ${lock}.runExclusive(async () => {`;
  const newText = `${indent}${opening}${newline}${indentLines(lines, indentUnit(text), file, bodyStart)}${indent}});${body.endsWith('\n') ? newline : ''}`;
  return {
    ...title,
    isPreferred: false,
    edits: [spanEdit(file, bodyStart, bodyEnd, newText)],
  };
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (ts.isClassLike(current)) return current;
  return undefined;
}

/** A semaphore by its type, or when types do not resolve, by how it is declared (`new Semaphore(4)`). */
function isSemaphore(target: ts.Expression, ctx: LockContext): boolean {
  const receiver = skipOuterExpressions(target);
  if (/^Semaphore/.test(ctx.checker.getTypeAtLocation(receiver).getSymbol()?.getName() ?? '')) return true;
  const declaration = ctx.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(receiver) ? receiver.name : receiver)?.valueDeclaration;
  if (!declaration) return false;
  const typeNode = annotatedType(declaration);
  return /Semaphore/.test(`${typeNode?.getText() ?? ''} ${initializerOf(declaration)?.getText() ?? ''}`);
}

function isPrivate(declaration: ts.PropertyDeclaration): boolean {
  return ts.isPrivateIdentifier(declaration.name) || !!declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
}

function isStatic(declaration: ts.PropertyDeclaration): boolean {
  return !!declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}
