// Whether the passes of a loop could run at the same time: nothing one pass does decides
// what the next one does, or whether there is a next one. Precision first: anything that
// looks like deliberate sequencing (pagination, retries, pacing, locks, one ordered
// channel, early exits, a pipeline of steps, hand-made chunking) makes the loop
// dependent; loops over jobs or tasks, and loops that run commands, are uncertain, which
// the rule reports only in the experimental tier.
import { Node, SyntaxKind } from 'ts-morph';
import { resolveCallee } from '../importedNames';
import type { AnalyzerSettings } from '../settings';
import { carriedRead, outerAccesses, type PlaceAccess } from './loopCarriedState';
import { orderedCall, type OrderedCall } from './loopOrderedCalls';
import { fixedPassCount, isFunctionBoundary, isLoopStatement, loopShape, type LoopShape, type LoopStatement } from './loopShape';

export type DependenceReason =
  | 'for-await'
  | 'no-index'
  | 'awaited-condition'
  | 'single-pass'
  | 'early-exit'
  | 'retry'
  | 'carried-state'
  | 'pipeline'
  | 'chunked'
  | 'shared-iterator'
  | OrderedCall['reason'];

export type LoopVerdict =
  | { kind: 'independent'; shape: LoopShape; accesses: PlaceAccess[] }
  | { kind: 'uncertain'; shape: LoopShape; accesses: PlaceAccess[]; reason: 'task-names' | 'subprocess' }
  | { kind: 'dependent'; reason: DependenceReason; node?: Node };

/** Matched against whole words of camelCase and snake_case names (`maxRetries`, `attempt`). */
const RETRY_WORDS = /^(attempts?|retry|retries|tries|tried|backoff)$/i;
/**
 * Items that are meant to run in order: each one builds on what the previous one left
 * (migrations, middleware), or is a change to apply on top of the last (events, deltas).
 */
const PIPELINE_WORDS =
  /^(migrations?|steps?|stages?|middlewares?|plugins?|hooks?|patch(es)?|phases?|seeds?|upgrades?|events?|ev|changes?|deltas?|mutations?|actions?|ops|operations?)$/i;
/** Work cut into chunks so that only one chunk runs at a time: bounded concurrency on purpose. */
const CHUNK_WORDS = /^(batch(es)?|chunks?)$/i;
/** Units of work that may or may not be meant to run in turn. */
const TASK_WORDS = /^(tasks?|jobs?|commands?|handlers?|listeners?|callbacks?|updates?|messages?)$/i;

const SUBPROCESS_MODULES = new Set(['child_process', 'execa', 'zx', 'cross-spawn']);
const SUBPROCESS_NAMES = /^(exec|execFile|execa|execaCommand|spawn|fork|\$)(Async)?$/;

export function loopVerdict(loop: LoopStatement, settings: AnalyzerSettings): LoopVerdict {
  if (Node.isForOfStatement(loop) && loop.isAwaited()) return { kind: 'dependent', reason: 'for-await' };
  const shape = loopShape(loop);
  if (!shape) return { kind: 'dependent', reason: 'no-index' };
  const headAwait = shape.repeatedHead.flatMap(ownAwaits)[0];
  if (headAwait) return { kind: 'dependent', reason: 'awaited-condition', node: headAwait };
  // An iterator (not a collection) is used up as it goes, often by several workers that
  // share it on purpose: a hand-made pool with bounded concurrency.
  if (shape.collection && isIterator(shape.collection)) return { kind: 'dependent', reason: 'shared-iterator' };
  const passes = fixedPassCount(shape);
  if (passes !== undefined && passes <= 1) return { kind: 'dependent', reason: 'single-pass' };
  const exit = earlyExit(shape);
  if (exit) return { kind: 'dependent', reason: 'early-exit', node: exit };
  const retry = retryPattern(shape);
  if (retry) return { kind: 'dependent', reason: 'retry', node: retry };
  const ordered = orderedCall(shape, settings);
  if (ordered) return { kind: 'dependent', reason: ordered.reason, node: ordered.call };
  const accesses = outerAccesses(shape);
  const carried = carriedRead(accesses);
  if (carried) return { kind: 'dependent', reason: 'carried-state', node: carried.node };
  const lastWords = headNames(shape).map((n) => words(n).pop() ?? '');
  if (lastWords.some((w) => PIPELINE_WORDS.test(w))) return { kind: 'dependent', reason: 'pipeline' };
  if (lastWords.some((w) => CHUNK_WORDS.test(w))) return { kind: 'dependent', reason: 'chunked' };
  if (lastWords.some((w) => TASK_WORDS.test(w))) return { kind: 'uncertain', shape, accesses, reason: 'task-names' };
  if (ownDescendants(shape.body).some(isSubprocessCall)) return { kind: 'uncertain', shape, accesses, reason: 'subprocess' };
  return { kind: 'independent', shape, accesses };
}

/**
 * Commands run in a loop (`exec`, `spawn`, `execa`) are often build or release steps in
 * a deliberate order, and many at once can swamp the machine.
 */
function isSubprocessCall(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  if (fromSubprocessModule(callee)) return true;
  if (!Node.isIdentifier(callee)) return false;
  // Only a bare `exec(...)`: `pattern.exec(line)` and `db.exec(sql)` are something else.
  if (SUBPROCESS_NAMES.test(callee.getText())) return true;
  // `const run = promisify(execFile)`
  const declaration = callee.getSymbol()?.getValueDeclaration();
  const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  if (!Node.isCallExpression(initializer) || !/(^|\.)promisify$/.test(initializer.getExpression().getText())) return false;
  const [wrapped] = initializer.getArguments();
  return !!wrapped && fromSubprocessModule(wrapped);
}

function fromSubprocessModule(node: Node): boolean {
  const module = resolveCallee(node)?.module;
  return !!module && SUBPROCESS_MODULES.has(module);
}

function isIterator(collection: Node): boolean {
  const type = collection.getType();
  return !type.isArray() && !type.isTuple() && type.getProperty('next') !== undefined;
}

/** Descendants of `root` that run as part of it, not inside a nested function. */
export function ownDescendants(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (node: Node): void => {
    if (node !== root && isFunctionBoundary(node)) return;
    out.push(node);
    node.forEachChild(visit);
  };
  visit(root);
  return out;
}

function ownAwaits(root: Node): Node[] {
  return ownDescendants(root).filter(Node.isAwaitExpression);
}

/**
 * A statement that ends the loop before its collection is exhausted: `return`, `break`
 * or `continue outer`, an uncaught `throw`, a `yield` that hands control to a consumer.
 * In an index `while` loop, a `continue` also counts: it repeats the pass without `i++`.
 */
function earlyExit(shape: LoopShape): Node | undefined {
  const { loop, body } = shape;
  const indexWhile = shape.kind === 'while' || shape.kind === 'do-while';
  return ownDescendants(body).find((node) => {
    if (Node.isReturnStatement(node) || Node.isYieldExpression(node)) return true;
    if (Node.isThrowStatement(node)) return !caughtWithin(node, body);
    if (Node.isBreakStatement(node) || Node.isContinueStatement(node)) {
      const target = jumpTarget(node);
      if (!target) return true;
      if (target === loop) return Node.isBreakStatement(node) || indexWhile;
      return !within(target, body);
    }
    return false;
  });
}

function within(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}

/** The statement a `break`/`continue` leaves or repeats. */
export function jumpTarget(jump: Node & { getLabel(): Node | undefined }): Node | undefined {
  const label = jump.getLabel()?.getText();
  const isBreak = Node.isBreakStatement(jump);
  for (let parent = jump.getParent(); parent; parent = parent.getParent()) {
    if (isFunctionBoundary(parent)) return undefined;
    if (label !== undefined) {
      if (Node.isLabeledStatement(parent) && parent.getLabel().getText() === label) return parent.getStatement();
    } else if (isLoopStatement(parent) || (isBreak && Node.isSwitchStatement(parent))) {
      return parent;
    }
  }
  return undefined;
}

function caughtWithin(node: Node, body: Node): boolean {
  let child: Node = node;
  for (let parent = node.getParent(); parent && parent !== body.getParent(); child = parent, parent = parent.getParent()) {
    if (Node.isTryStatement(parent) && parent.getTryBlock() === child && parent.getCatchClause()) return true;
  }
  return false;
}

/** A `catch` that awaits again, or a loop whose names say it counts attempts. */
function retryPattern(shape: LoopShape): Node | undefined {
  const retryingCatch = ownDescendants(shape.body)
    .filter(Node.isCatchClause)
    .find((clause) => ownAwaits(clause.getBlock()).length > 0);
  if (retryingCatch) return retryingCatch;
  const names = [shape.counter?.name, shape.counter?.bound.getText(), shape.collection?.getText(), shape.binding?.getText()];
  return names.some((n) => n !== undefined && words(n).some((w) => RETRY_WORDS.test(w))) ? shape.loop : undefined;
}

/** `pendingMigrations` → `pending`, `Migrations`; `max_retries` → `max`, `retries`. */
function words(name: string): string[] {
  return name.split(/(?=[A-Z][a-z])|[^A-Za-z0-9]+/).filter((w) => w !== '');
}

/** The names in a loop head: `this.pendingMigrations`, `Object.keys(steps)`, `for (const job of ...)`. */
function headNames(shape: LoopShape): string[] {
  return [shape.collection, shape.binding]
    .flatMap((n) => (n ? ownDescendants(n) : []))
    .filter((n) => n.getKind() === SyntaxKind.Identifier)
    .map((n) => n.getText());
}
