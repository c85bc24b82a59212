// Check-then-act: shared state tested, an `await`, then the act the test was guarding, with
// nothing tested again after the await. While the first call waits, a second call makes the
// same test, gets the same answer, and both act.
//   if (!cache.has(k)) { const v = await load(k); cache.set(k, v); }   // both load, both store
//   if (!conn) conn = await connect();                                 // two connections, one leaks
//   if (!(await exists(p))) await writeFile(p, data);                  // both write
// Which functions, which state is shared, re-checks and locks: as for lost updates.
import { Node, SyntaxKind, ts, type IfStatement, type SourceFile } from 'ts-morph';
import { calledOnlyInOrderedSections } from '../awaits/calledOnlyInOrderedSections';
import { runsInOrderedSection } from '../awaits/orderedSections';
import type { FunctionLike } from '../eventLoop/syncRegion';
import type { AnalyzerSettings } from '../settings';
import { compilerDescendants, isInside, wrapperOf } from '../syntaxDescendants';
import { alwaysLeaves, awaitPathExits } from './awaitPaths';
import { runsOneAtATime } from './busyFlags';
import { pathActOf, pathTestOf, type FileSystemCall } from './fileSystemCalls';
import { racingFunctionsIn } from './racingFunctions';
import { rechecksAfter } from './rechecks';
import { readsState, sharedStateOf, stateKey, type SharedState } from './sharedState';

/** `cache`: a map entry filled when missing. `lazy-init`: a slot filled when empty. `file`: a path tested, then created or removed. */
export type CheckThenActKind = 'cache' | 'lazy-init' | 'file';

export interface CheckThenAct {
  fn: FunctionLike;
  kind: CheckThenActKind;
  /** What is tested and acted on, as written: `cache`, `this.client`, or the path (`p`). */
  state: string;
  /** `cache`: the key as written (`k`). */
  key?: string;
  /** The test: `cache.has(k)`, `conn`, `exists(p)`; for `x ??= await f()`, the `x`. */
  check: Node;
  /** The first await after the test that comes before the act. */
  awaited: Node;
  /** `cache.set(k, v)`, `conn = await connect()`, `writeFile(p, data)`. */
  act: Node;
  /** The `if` whose test guards the act; undefined for `x ??= await f()`. */
  guard?: IfStatement;
  /** `cache` and `lazy-init`: the map or the slot. */
  shared?: SharedState;
  /** `file`: the call that acts on the path. */
  fileAct?: FileSystemCall;
}

interface Test {
  kind: CheckThenActKind;
  /** What is evaluated to test; for a value kept in a variable, the variable's initializer. */
  check: Node;
  shared?: SharedState;
  key?: Node;
  path?: Node;
}

const EQUALITY = new Set([
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
]);
const FILLS = new Set([SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

/** The check-then-acts of one file, in the async functions that can run while another call of them waits. */
export function checkThenActsIn(sourceFile: SourceFile, settings: AnalyzerSettings): CheckThenAct[] {
  return racingFunctionsIn(sourceFile).flatMap((fn) => checkThenActsOf(fn, settings));
}

function checkThenActsOf(fn: FunctionLike, settings: AnalyzerSettings): CheckThenAct[] {
  const body = fn.getBody();
  if (!body) return [];
  const ownCode = compilerDescendants(body.compilerNode, true);
  if (!ownCode.some(ts.isAwaitExpression)) return [];
  const own = ownCode.map((node) => wrapperOf(fn, node));
  const awaits = own.filter(Node.isAwaitExpression);
  const found: CheckThenAct[] = [];
  for (const node of own) {
    const candidate = Node.isIfStatement(node) ? guardedAct(node, fn, own, awaits, found) : fillWithAwait(node, fn, awaits);
    if (
      !candidate ||
      runsOneAtATime(fn, candidate.awaited, candidate.act, own) ||
      runsInOrderedSection(candidate.act, settings) ||
      calledOnlyInOrderedSections(candidate.act, settings)
    )
      continue;
    found.push(candidate);
  }
  return found;
}

/** The first act `guard`'s test guards with an await between, unless something tests again after the await. */
function guardedAct(
  guard: IfStatement,
  fn: FunctionLike,
  own: readonly Node[],
  awaits: readonly Node[],
  found: readonly CheckThenAct[],
): CheckThenAct | undefined {
  const tested = testOf(guard.getExpression(), fn);
  if (!tested) return undefined;
  const { test, whenMissing } = tested;
  const scope = guardedScope(guard);
  for (const act of own) {
    if (act.getStart() < guard.getExpression().getEnd() || act.getEnd() > scope.getEnd()) continue;
    if (found.some((f) => f.act === act)) continue;
    const fileAct = test.kind === 'file' ? pathActOf(act) : undefined;
    if (test.kind === 'file' ? !fileAct || stateKey(fileAct.path) !== stateKey(test.path!) : !fillsState(act, test, fn, awaits)) continue;
    const side = guardedSide(guard, act);
    if (!side || (test.kind !== 'file' && side !== (whenMissing ? 'then' : 'else'))) continue;
    const awaited = awaits.find(
      (a) =>
        (test.kind === 'file' ? a.getEnd() >= test.check.getEnd() : a.getStart() >= test.check.getEnd()) &&
        (isInside(a, act) || (a.getEnd() <= act.getStart() && !awaitPathExits(a, act))),
    );
    if (!awaited) continue;
    if (rechecksAfter(awaited, act, fn, own, (part) => testsAgain(part, test, fn))) return undefined;
    return {
      fn,
      kind: test.kind,
      state: test.kind === 'file' ? stateKey(test.path!) : test.shared!.key,
      key: test.key && stateKey(test.key),
      check: test.check,
      awaited,
      act,
      guard,
      shared: test.shared,
      fileAct,
    };
  }
  return undefined;
}

/** A test of the same state after the await: a read of the map or the slot, or the path tested once more. */
function testsAgain(part: Node, test: Test, fn: FunctionLike): boolean {
  if (test.kind !== 'file') return readsState(part, test.shared!, fn);
  const again = pathTestOf(part);
  return !!again && stateKey(again.path) === stateKey(test.path!);
}

/** `this.client ??= await createClient()`: the operator tests the slot, and the assignment lands after the await. */
function fillWithAwait(node: Node, fn: FunctionLike, awaits: readonly Node[]): CheckThenAct | undefined {
  if (!Node.isBinaryExpression(node) || !FILLS.has(node.getOperatorToken().getKind())) return undefined;
  const shared = sharedStateOf(node.getLeft(), fn);
  const awaited = awaits.find((a) => isInside(a, node.getRight()) || a === node.getRight());
  return shared && awaited && !loadsModule(node.getRight())
    ? { fn, kind: 'lazy-init', state: shared.key, check: node.getLeft(), awaited, act: node, shared }
    : undefined;
}

/**
 * What `condition` tests, and whether it holds when the entry, the slot or the path is
 * missing: `!cache.has(k)`, `conn === undefined`, `!(await exists(p))`; `hit` for
 * `const hit = users.get(id)`.
 */
function testOf(condition: Node, fn: FunctionLike): { test: Test; whenMissing: boolean } | undefined {
  let node = condition;
  let negated = false;
  for (;;) {
    if (Node.isParenthesizedExpression(node)) node = node.getExpression();
    else if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
      negated = !negated;
      node = node.getOperand();
    } else break;
  }
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    const [left, right] = [node.getLeft(), node.getRight()];
    if (!EQUALITY.has(operator) || (!isNullish(left) && !isNullish(right))) return undefined;
    const test = atomOf(isNullish(right) ? left : right, fn);
    const equal = operator === SyntaxKind.EqualsEqualsEqualsToken || operator === SyntaxKind.EqualsEqualsToken;
    return test && { test, whenMissing: equal !== negated };
  }
  const test = atomOf(node, fn);
  return test && { test, whenMissing: negated };
}

function atomOf(node: Node, fn: FunctionLike): Test | undefined {
  const pathTest = pathTestOf(node);
  if (pathTest) return { kind: 'file', check: pathTest.call, path: pathTest.path };
  const lookup = mapLookupOf(node, fn);
  if (lookup) return lookup;
  const kept = keptValueOf(node, fn);
  if (kept) return atomOf(kept, fn);
  if (Node.isElementAccessExpression(node)) {
    // `cache[k]`: an entry of an object used as a map.
    const shared = sharedStateOf(node.getExpression(), fn);
    const key = node.getArgumentExpression();
    return shared && key && { kind: 'cache', check: node, shared, key };
  }
  if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node)) return undefined;
  const shared = sharedStateOf(node, fn);
  return shared && { kind: 'lazy-init', check: node, shared };
}

/** `cache.has(k)`, `users.get(id)` on a shared map: a synchronous lookup, not a store behind an await. */
function mapLookupOf(call: Node, fn: FunctionLike): Test | undefined {
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const [key, ...rest] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || !['has', 'get'].includes(callee.getName()) || !key || rest.length > 0) return undefined;
  const shared = sharedStateOf(callee.getExpression(), fn);
  return shared && { kind: 'cache', check: call, shared, key };
}

/**
 * The initializer of the variable a test reads (`hit` of `const hit = users.get(id)`, `s`
 * of `s.isFile()` where `const s = await stat(p)`), when it is a lookup or a path test
 * made in this function.
 */
function keptValueOf(node: Node, fn: FunctionLike): Node | undefined {
  let root = node;
  while (Node.isPropertyAccessExpression(root) || Node.isCallExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root)) return undefined;
  const declaration = root.getSymbol()?.getValueDeclaration();
  if (!Node.isVariableDeclaration(declaration) || !isInside(declaration, fn)) return undefined;
  const initializer = declaration.getInitializer();
  if (!initializer) return undefined;
  if (pathTestOf(initializer)) return initializer;
  return root === node && Node.isCallExpression(initializer) && mapLookupOf(initializer, fn) ? initializer : undefined;
}

/**
 * Whether `act` fills what the test found missing with a value it waited for:
 * `cache.set(k, v)` for `cache.has(k)`, `conn = await connect()` for `conn`. A flag set
 * after the await (`this.ready = true`) is not the awaited value.
 */
function fillsState(act: Node, test: Test, fn: FunctionLike, awaits: readonly Node[]): boolean {
  const shared = test.shared!;
  const sameState = (node: Node): boolean => stateKey(node) === shared.key && sharedStateOf(node, fn)?.rootSymbol === shared.rootSymbol;
  if (test.kind === 'cache' && Node.isElementAccessExpression(test.check)) {
    if (!Node.isBinaryExpression(act) || act.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
    const target = act.getLeft();
    const key = Node.isElementAccessExpression(target) ? target.getArgumentExpression() : undefined;
    return (
      Node.isElementAccessExpression(target) &&
      !!key &&
      sameState(target.getExpression()) &&
      stateKey(key) === stateKey(test.key!) &&
      holdsAwaitedValue(act.getRight(), test, awaits)
    );
  }
  if (test.kind === 'cache') {
    if (!Node.isCallExpression(act)) return false;
    const callee = act.getExpression();
    const [key, value, ...rest] = act.getArguments();
    return (
      Node.isPropertyAccessExpression(callee) &&
      callee.getName() === 'set' &&
      !!value &&
      rest.length === 0 &&
      sameState(callee.getExpression()) &&
      stateKey(key) === stateKey(test.key!) &&
      holdsAwaitedValue(value, test, awaits)
    );
  }
  return (
    Node.isBinaryExpression(act) &&
    act.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
    sameState(act.getLeft()) &&
    holdsAwaitedValue(act.getRight(), test, awaits) &&
    !loadsModule(act.getRight())
  );
}

/** `(await import('mermaid')).default`: the module loader hands every call the same module, so neither copy is lost. */
function loadsModule(value: Node): boolean {
  let current = value;
  while (Node.isParenthesizedExpression(current) || Node.isAwaitExpression(current) || Node.isPropertyAccessExpression(current))
    current = current.getExpression();
  return Node.isCallExpression(current) && current.getExpression().getKind() === SyntaxKind.ImportKeyword;
}

/** The value waits itself (`await connect()`), or names a variable set from an await after the test. */
function holdsAwaitedValue(value: Node, test: Test, awaits: readonly Node[]): boolean {
  const parts = [value, ...compilerDescendants(value.compilerNode, true).map((n) => wrapperOf(value, n))];
  return parts.some((part) => {
    if (Node.isAwaitExpression(part)) return true;
    if (!Node.isIdentifier(part)) return false;
    const declaration = part.getSymbol()?.getValueDeclaration();
    const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
    return !!initializer && initializer.getStart() >= test.check.getEnd() && awaits.some((a) => a === initializer || isInside(a, initializer));
  });
}

/** Where the acts `guard` guards can be: the `if` itself, or also the rest of its block when its `then` always leaves. */
function guardedScope(guard: IfStatement): Node {
  if (guard.getElseStatement() || !alwaysLeaves(guard.getThenStatement())) return guard;
  const list = guard.getParent();
  return Node.isBlock(list) || Node.isSourceFile(list) || Node.isCaseClause(list) || Node.isDefaultClause(list) ? list : guard;
}

/** The side of `guard` `act` runs on: its `then` branch, or its `else` (also the code after an `if` whose `then` always leaves). */
function guardedSide(guard: IfStatement, act: Node): 'then' | 'else' | undefined {
  if (isInside(act, guard.getThenStatement())) return 'then';
  const otherwise = guard.getElseStatement();
  if (otherwise) return isInside(act, otherwise) ? 'else' : undefined;
  return alwaysLeaves(guard.getThenStatement()) && act.getStart() >= guard.getEnd() ? 'else' : undefined;
}

function isNullish(node: Node): boolean {
  return node.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(node) && node.getText() === 'undefined');
}
