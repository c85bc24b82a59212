// Lost updates: shared state read before an `await` and written after it from what was
// read. While the first call waits, a second call reads the same old value; both write
// what they computed from it, and the first write is overwritten.
//   this.spent += await priceOf(sku);              // `+=` reads this.spent before the await
//   count = count + (await delta());
//   const current = this.balance; await audit(); this.balance = current - amount;
// And the call that clears what another call set: `ref.current = controller; await
// stream(); ref.current = null` leaves a second call's controller out of reach.
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  ts,
  type BinaryExpression,
  type SourceFile,
  type VariableDeclaration,
  type VariableStatement,
} from 'ts-morph';
import { calledOnlyInOrderedSections } from '../awaits/calledOnlyInOrderedSections';
import { writtenTarget } from '../awaits/calleeSummary';
import { runsInOrderedSection } from '../awaits/orderedSections';
import type { FunctionLike } from '../eventLoop/syncRegion';
import type { AnalyzerSettings } from '../settings';
import { compilerDescendants, descendants, wrapperOf } from '../syntaxDescendants';
import { awaitPathExits } from './awaitPaths';
import { answerReplacesKeptValue, choosesReadOrAnswer } from './awaitedAnswers';
import { runsOneAtATime } from './busyFlags';
import { racingFunctionsIn } from './racingFunctions';
import { rechecksAfter } from './rechecks';
import { readsState, sharedStateOf, stateKey, type SharedState } from './sharedState';

export interface LostUpdate {
  fn: FunctionLike;
  /** The assignment that writes the stale value. */
  write: BinaryExpression;
  state: SharedState;
  /**
   * `compound`: `x += await f()`, the operator reads first. `inline`: `x = x + (await f())`.
   * `derived`: the value comes through a variable, `const v = x; await f(); x = v - 1`.
   * `reset`: the call set its own value before the await and clears it after, whatever is
   * there by then: `ref.current = controller; await stream(); ref.current = null`.
   */
  kind: 'compound' | 'inline' | 'derived' | 'reset';
  /** Where the state is read: the target of a compound assignment, or the read itself; for `reset`, the call's own earlier write. */
  read: Node;
  /** `derived`: the declaration that keeps the value read (`const current = this.balance;`). */
  readStatement?: VariableStatement;
  /** The first await between the read and the write. */
  awaited: Node;
}

/** Operators that fill a slot only when it is empty: a check-then-act, not an update from a read. */
const FILL_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** The lost updates of one file, in the async functions that can run while another call of them waits. */
export function lostUpdatesIn(sourceFile: SourceFile, settings: AnalyzerSettings, checker: ts.TypeChecker): LostUpdate[] {
  return racingFunctionsIn(sourceFile).flatMap((fn) => lostUpdatesOf(fn, settings, checker));
}

function lostUpdatesOf(fn: FunctionLike, settings: AnalyzerSettings, checker: ts.TypeChecker): LostUpdate[] {
  const body = fn.getBody();
  if (!body) return [];
  // Most async functions wait but update nothing shared: decide that on the compiler's
  // nodes, and wrap the whole body only for the few that do.
  const ownCode = compilerDescendants(body.compilerNode, true);
  if (!ownCode.some((node) => ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) return [];
  const writes = ownCode
    .filter((node): node is ts.BinaryExpression => ts.isBinaryExpression(node) && isUpdateOperator(node.operatorToken.kind))
    .map((node) => wrapperOf(fn, node) as BinaryExpression)
    .flatMap((write) => {
      const state = sharedStateOf(write.getLeft(), fn);
      return state ? [{ write, state }] : [];
    });
  if (writes.length === 0) return [];
  const own = ownCode.map((node) => wrapperOf(fn, node));
  const awaits = own.filter((node) => Node.isAwaitExpression(node) || (Node.isForOfStatement(node) && node.isAwaited()));
  const out: LostUpdate[] = [];
  for (const { write, state } of writes) {
    const assigns = write.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
    const found = assigns
      ? (staleReset(write, state, fn, own, awaits) ?? staleAssignment(write, state, fn, own, awaits, checker))
      : staleCompound(write, state, fn, awaits);
    if (!found) continue;
    // A reset in `finally` runs on every path: a cancellation test on one of them does not
    // guard it, only a test of the state around the reset itself does.
    const guarded =
      found.kind === 'reset' ? testsStateAround(write, state, fn) : rechecksAfter(found.awaited, write, fn, own, (part) => readsState(part, state, fn));
    if (guarded || runsOneAtATime(fn, found.awaited, write, own)) continue;
    if (runsInOrderedSection(write, settings) || calledOnlyInOrderedSections(write, settings)) continue;
    out.push(found);
  }
  return out;
}

function isUpdateOperator(operator: ts.SyntaxKind): boolean {
  return operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment && !FILL_OPERATORS.has(operator);
}

/** `x += await f()`: the operator reads `x`, then the right side waits. */
function staleCompound(write: BinaryExpression, state: SharedState, fn: FunctionLike, awaits: readonly Node[]): LostUpdate | undefined {
  const awaited = awaits.find((a) => inside(a, write.getRight()));
  return awaited && { fn, write, state, kind: 'compound', read: write.getLeft(), awaited };
}

/**
 * `ref.current = null` after an await, where this call set `ref.current` to an object it
 * made itself (`new AbortController()`, or a local holding one) before that await: a second
 * call may have stored its own object in between, and this clears it. A flag (`busy = true`
 * … `busy = false`) or a counter is not such a value: only a fresh object tells calls apart.
 */
function staleReset(write: BinaryExpression, state: SharedState, fn: FunctionLike, own: readonly Node[], awaits: readonly Node[]): LostUpdate | undefined {
  if (!isEmptyValue(write.getRight())) return undefined;
  const sets = own.filter(
    (node): node is BinaryExpression =>
      Node.isBinaryExpression(node) &&
      node.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
      node.getEnd() <= write.getStart() &&
      stateKey(node.getLeft()) === state.key &&
      sharedStateOf(node.getLeft(), fn)?.rootSymbol === state.rootSymbol &&
      isFreshObject(node.getRight()),
  );
  const set = sets.at(-1);
  const awaited = set && awaits.find((a) => a.getStart() >= set.getEnd() && a.getEnd() <= write.getStart() && !awaitPathExits(a, write));
  return set && awaited ? { fn, write, state, kind: 'reset', read: set, awaited } : undefined;
}

/** `if (ref.current === controller) ref.current = null`: an `if` around the write that tests the state. */
function testsStateAround(write: Node, state: SharedState, fn: FunctionLike): boolean {
  for (let node = write.getParent(); node && node !== fn; node = node.getParent()) {
    if (Node.isIfStatement(node) && [node.getExpression(), ...descendants(node.getExpression())].some((part) => readsState(part, state, fn))) return true;
  }
  return false;
}

/** `null`, `undefined`, `void 0`. */
function isEmptyValue(node: Node): boolean {
  return node.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(node) && node.getText() === 'undefined') || Node.isVoidExpression(node);
}

/** `new AbortController()`, or a `const` of this function that holds one. */
function isFreshObject(node: Node): boolean {
  if (Node.isNewExpression(node)) return true;
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getValueDeclaration();
  return (
    Node.isVariableDeclaration(declaration) &&
    declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const &&
    Node.isNewExpression(declaration.getInitializer())
  );
}

function staleAssignment(
  write: BinaryExpression,
  state: SharedState,
  fn: FunctionLike,
  own: readonly Node[],
  awaits: readonly Node[],
  checker: ts.TypeChecker,
): LostUpdate | undefined {
  const right = write.getRight();
  const readsIt = (part: Node): boolean => readsState(part, state, fn);
  // `x = x + (await f())`: the read comes first, left to right. Not `x = x ? x : await p`,
  // which writes back what it read or the answer alone.
  for (const awaited of choosesReadOrAnswer(right, readsIt) ? [] : awaits.filter((a) => inside(a, right))) {
    // Before the await, or in what it awaits (`x = await f(x)`): either way read before it suspends.
    const read = own.find((node) => inside(node, right) && node.getEnd() <= awaited.getEnd() && readsIt(node));
    if (read) return { fn, write, state, kind: 'inline', read, awaited };
  }
  // `const v = x; await f(); x = v - 1`: the latest such read, so the await is the one that matters.
  const reads = own.filter((node) => node.getEnd() <= write.getStart() && readsIt(node)).reverse();
  for (const read of reads) {
    const declaration = keepingDeclaration(read);
    if (!declaration) continue;
    const symbol = declaration.getNameNode().getSymbol()?.compilerSymbol;
    if (!symbol || !usesKeptValue(right, symbol, checker)) continue;
    // `v = await this.pending` on the path that waits: from there `v` is the answer, not the read.
    const replaced = (a: Node): boolean => answerReplacesKeptValue(a, symbol, (part) => readsIt(part) || usesKeptValue(part, symbol, checker));
    const awaited = awaits.find((a) => a.getEnd() > read.getEnd() && a.getEnd() <= write.getStart() && !awaitPathExits(a, write) && !replaced(a));
    // `cur = this.x` again after the await: the write uses the fresh value.
    if (!awaited || reassignedBetween(symbol, awaited, write, own)) return undefined;
    const statement = declaration.getVariableStatement();
    return { fn, write, state, kind: 'derived', read, readStatement: statement, awaited };
  }
  return undefined;
}

/** `const current = this.balance`: the variable a read's value is kept in, read straight from the initializer. */
function keepingDeclaration(read: Node): VariableDeclaration | undefined {
  for (let current: Node = read, parent = read.getParent(); parent; current = parent, parent = parent.getParent()) {
    if (Node.isVariableDeclaration(parent)) return parent.getInitializer() === current && Node.isIdentifier(parent.getNameNode()) ? parent : undefined;
    if (!Node.isExpression(parent) || Node.isCallExpression(parent) || Node.isAwaitExpression(parent)) return undefined;
  }
  return undefined;
}

/**
 * Whether `node` computes from the kept value itself, directly or through variables
 * derived from it without waiting. A value that only went into an awaited call
 * (`const res = await refresh(token); this.token = res.token`) is that call's answer, not
 * the old value updated.
 */
function usesKeptValue(node: Node, symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  const followed = new Set<ts.Node>();
  const visit = (current: ts.Node): boolean => {
    if (ts.isAwaitExpression(current) || ts.isFunctionLike(current)) return false;
    if (ts.isIdentifier(current)) {
      const found = checker.getSymbolAtLocation(current);
      if (found === symbol) return true;
      const declaration = found?.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || followed.has(declaration)) return false;
      followed.add(declaration);
      return declaration.getSourceFile() === current.getSourceFile() && visit(declaration.initializer);
    }
    return ts.forEachChild(current, visit) ?? false;
  };
  return visit(node.compilerNode);
}

function reassignedBetween(symbol: ts.Symbol, awaited: Node, write: Node, own: readonly Node[]): boolean {
  return own.some((node) => {
    if (node.getStart() < awaited.getEnd() || node.getEnd() > write.getStart()) return false;
    const target = writtenTarget(node);
    return !!target && Node.isIdentifier(target) && target.getSymbol()?.compilerSymbol === symbol;
  });
}

function inside(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}
