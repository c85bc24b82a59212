// Whether the passes of a loop could run at the same time: nothing one pass does decides
// what the next one does, or whether there is a next one. Precision first: anything that
// looks like deliberate sequencing (pagination, retries, pacing, locks, one ordered
// channel, early exits, a pipeline of steps, configured hooks or plugins run in their
// configured order, hand-made chunking, a callee that hands each pass what the last
// one left, names kept unique against what earlier passes saved) makes the loop
// dependent; loops over jobs or tasks, over a stored record's steps, over items sorted
// just before, and loops that run commands, are uncertain, which the rule reports only in
// the experimental tier.
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { resolveCallee } from '../importedNames';
import type { AnalyzerSettings } from '../settings';
import { descendantsOfKind } from '../syntaxDescendants';
import { calleeCarriesState, carriedVariables } from './loopCalleeState';
import { carriedRead, outerAccesses, type PlaceAccess } from './loopCarriedState';
import { orderedCall, type OrderedCall } from './loopOrderedCalls';
import { fixedPassCount, isFunctionBoundary, isLoopStatement, loopShape, type LoopShape, type LoopStatement } from './loopShape';
import { saysSequentialOnPurpose } from './sequentialIntent';

export type DependenceReason =
  | 'for-await'
  | 'no-index'
  | 'awaited-condition'
  | 'single-pass'
  | 'early-exit'
  | 'retry'
  | 'carried-state'
  | 'callee-carried-state'
  | 'configured-order'
  | 'pipeline'
  | 'chunked'
  | 'shared-iterator'
  | 'chosen-sequential'
  | 'said-sequential'
  | 'unique-names'
  | OrderedCall['reason'];

export type LoopVerdict =
  | { kind: 'independent'; shape: LoopShape; accesses: PlaceAccess[] }
  | { kind: 'uncertain'; shape: LoopShape; accesses: PlaceAccess[]; reason: 'task-names' | 'subprocess' | 'stored-steps' | 'sorted-first' }
  | { kind: 'dependent'; reason: DependenceReason; node?: Node };

/** Matched against whole words of camelCase and snake_case names (`maxRetries`, `attempt`). */
const RETRY_WORDS = /^(attempts?|retry|retries|tries|tried|backoff)$/i;
/**
 * Items that are meant to run in order: each one builds on what the previous one left
 * (migrations, middleware), or is a change to apply on top of the last (events, deltas).
 */
const PIPELINE_WORDS =
  /^(migrations?|steps?|stages?|middlewares?|plugins?|hooks?|patch(es)?|phases?|seeds?|upgrades?|events?|ev|changes?|deltas?|mutations?|actions?|ops|operations?)$/i;
/**
 * Lists of configured extensions besides the pipelines above (order processes, shipping
 * strategies, handlers, initializers, storage drivers in order of preference, job
 * buffers): when each item is called, the list's order is the configuration.
 */
const CONFIGURED_WORDS =
  /^(process(es)?|handlers?|strateg(y|ies)|listeners?|initiali[sz]ers?|interceptors?|subscribers?|drivers?|adapters?|buffers?|transports?)$/i;
/** Pipeline words that also name the parts of a stored record: a workflow's steps, a deal's stages. */
const STORED_PART_WORDS = /^(steps?|stages?|phases?)$/i;
/** Type names of records a data layer stores (`NotificationStepEntity`). */
const STORED_ENTITY_TYPES = /Entity$/;
/** Work cut into chunks so that only one chunk runs at a time: bounded concurrency on purpose. */
const CHUNK_WORDS = /^(batch(es)?|chunks?)$/i;
/** `chunk`, `chunkArray`, `toChunks`: a helper that cuts a list into batches. */
const CHUNKING_CALL = /chunk/i;
/** `findUniqueItemTitle`, `ensureUniqueName`, `uniqueSlug`; not Prisma's `findUnique`, a read by key. */
const UNIQUE_NAME = /unique\w*(Title|Name|Slug|Filename|Path)$/i;
/** `sort`, `toSorted`, lodash's `sortBy` and `orderBy`. */
const SORTING_CALL = /^(sort|toSorted|sortBy|orderBy)$/;
/** Units of work that may or may not be meant to run in turn. */
const TASK_WORDS = /^(tasks?|jobs?|commands?|handlers?|listeners?|callbacks?|updates?|messages?)$/i;

const PARALLEL_COMBINATORS = /^Promise\.(all|allSettled)$/;
/** An abort signal's or a cancellation token's flag. */
const CANCELLATION_FLAGS = /^(aborted|isCancellationRequested)$/;

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
  const parallelTwin = parallelAlternative(shape);
  if (parallelTwin) return { kind: 'dependent', reason: 'chosen-sequential', node: parallelTwin };
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
  const carrier = ownDescendants(shape.body).find((n) => Node.isCallExpression(n) && calleeCarriesState(n) && !foldsPassResults(n, shape));
  if (carrier) return { kind: 'dependent', reason: 'callee-carried-state', node: carrier };
  const lastWords = headNames(shape).map((n) => words(n).pop() ?? '');
  const storedSteps = lastWords.some((w) => STORED_PART_WORDS.test(w)) && itemsAreStoredEntities(shape);
  if (!storedSteps && lastWords.some((w) => PIPELINE_WORDS.test(w))) return { kind: 'dependent', reason: 'pipeline' };
  const configured = callsConfiguredItems(shape);
  if (configured) return { kind: 'dependent', reason: 'configured-order', node: configured };
  if (lastWords.some((w) => CHUNK_WORDS.test(w)) || cutIntoChunks(shape.collection)) return { kind: 'dependent', reason: 'chunked' };
  const unique = picksUniqueName(shape);
  if (unique) return { kind: 'dependent', reason: 'unique-names', node: unique };
  // Last: where the code shows its reason, that reason is the one to give.
  if (saysSequentialOnPurpose(loop)) return { kind: 'dependent', reason: 'said-sequential' };
  if (lastWords.some((w) => TASK_WORDS.test(w))) return { kind: 'uncertain', shape, accesses, reason: 'task-names' };
  if (ownDescendants(shape.body).some(isSubprocessCall)) return { kind: 'uncertain', shape, accesses, reason: 'subprocess' };
  if (storedSteps) return { kind: 'uncertain', shape, accesses, reason: 'stored-steps' };
  if (sortedFirst(shape.collection, 0)) return { kind: 'uncertain', shape, accesses, reason: 'sorted-first' };
  return { kind: 'independent', shape, accesses };
}

/**
 * `if (parallel) await Promise.all(items.map(...)) else for (...) await ...`: the code
 * already offers both ways, and this loop is the one-at-a-time way on purpose. Found in
 * the other branch of an `if` around the loop, or in an `if` before it that returns.
 */
function parallelAlternative(shape: LoopShape): Node | undefined {
  const items = shape.collection?.getText() ?? shape.counter?.bound.getText();
  if (!items) return undefined;
  const runsAllTogether = (branch: Node | undefined): Node | undefined =>
    branch
      ? ownDescendants(branch).find(
          (n) =>
            Node.isCallExpression(n) && PARALLEL_COMBINATORS.test(n.getExpression().getText()) && n.getArguments().some((a) => a.getText().includes(items)),
        )
      : undefined;
  let child: Node = shape.loop;
  for (let parent = child.getParent(); parent && !isFunctionBoundary(parent); child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent)) {
      const other = parent.getThenStatement() === child ? parent.getElseStatement() : parent.getThenStatement();
      const found = runsAllTogether(other);
      if (found) return found;
    }
    if (Node.isBlock(parent) || Node.isSourceFile(parent)) {
      const before = parent.getStatements().slice(0, parent.getStatements().indexOf(child as never));
      for (const statement of before) {
        if (!Node.isIfStatement(statement) || statement.getElseStatement() || !endsByLeaving(statement.getThenStatement())) continue;
        const found = runsAllTogether(statement.getThenStatement());
        if (found) return found;
      }
    }
  }
  return undefined;
}

function endsByLeaving(statement: Node): boolean {
  const last = Node.isBlock(statement) ? statement.getStatements().at(-1) : statement;
  return !!last && (Node.isReturnStatement(last) || Node.isThrowStatement(last));
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

/**
 * `for (const step of workflow.steps)` where a step is a `NotificationStepEntity`: rows of
 * a table, each pass handling its own, more likely than stages run in turn; but a workflow
 * engine may also run its stored steps in order, so the rule is less sure.
 */
function itemsAreStoredEntities(shape: LoopShape): boolean {
  const { binding, collection } = shape;
  if (!binding || !collection) return false;
  const type = binding.getType();
  if (STORED_ENTITY_TYPES.test((type.getAliasSymbol() ?? type.getSymbol())?.getName() ?? '')) return true;
  // Where the data layer's types are not installed, the annotation still names them:
  // `steps: NotificationStepEntity[]`, or `workflow: NotificationTemplateEntity` for `workflow.steps`.
  let root: Node = collection;
  while (Node.isPropertyAccessExpression(root) || Node.isNonNullExpression(root)) root = root.getExpression();
  const declaration = Node.isIdentifier(root) ? root.getSymbol()?.getValueDeclaration() : undefined;
  const annotation = Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration) ? declaration.getTypeNode() : undefined;
  return !!annotation && STORED_ENTITY_TYPES.test(annotation.getText().replace(/(\[\])+$/, ''));
}

/** The variable's initializer, for `ids` declared `const ids = …`. */
function initializerOf(node: Node): Node | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = node.getSymbol()?.getValueDeclaration();
  return Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
}

/** `name` of `name(…)` or `x.name(…)`. */
function calledName(call: CallExpression): string {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
}

/** `for (const ids of chunkArray(all, 500))`, directly or through a variable: batches cut on purpose, to bound the load. */
function cutIntoChunks(collection: Node | undefined): boolean {
  const source = collection && (initializerOf(collection) ?? collection);
  return Node.isCallExpression(source) && CHUNKING_CALL.test(calledName(source));
}

/**
 * `findUniqueItemTitle(name)` then a save, or a callee handed `uniqueTitle`: each pass picks a
 * name that no stored item has, so it must see the items the passes before it saved.
 */
function picksUniqueName(shape: LoopShape): Node | undefined {
  return ownDescendants(shape.body).find((n) => n.getKind() === SyntaxKind.Identifier && UNIQUE_NAME.test(n.getText()));
}

/**
 * Items sorted right before the loop (`overrides.sort(disablingFirst)`) are usually sorted
 * to be handled in that order; a sort only for tidy output would leave the fix harmless,
 * but the code cannot say which.
 */
function sortedFirst(collection: Node | undefined, depth: number): boolean {
  if (!collection || depth > 4) return false;
  const inner = initializerOf(collection);
  if (inner) return sortedFirst(inner, depth + 1);
  if (!Node.isCallExpression(collection)) return false;
  if (SORTING_CALL.test(calledName(collection))) return true;
  const callee = collection.getExpression();
  return Node.isPropertyAccessExpression(callee) && sortedFirst(callee.getExpression(), depth + 1);
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
 * `tally(log)` after the pass's last await: a synchronous fold over what the pass fetched.
 * The variables it carries reach no awaited call when they are local to the function
 * around the loop and named only in the fold and after the loop, so the fetches can run
 * together and the fold still sees their results in order.
 */
function foldsPassResults(call: CallExpression, shape: LoopShape): boolean {
  const lastAwait = ownAwaits(shape.body).at(-1);
  if (!lastAwait || call.getStart() < lastAwait.getEnd() || call.getType().getProperty('then')) return false;
  const scope = shape.loop.getFirstAncestor(isFunctionBoundary);
  if (!scope) return false;
  const names = descendantsOfKind(scope, SyntaxKind.Identifier);
  return carriedVariables(call).every(({ fn, variables }) =>
    variables.every(
      (variable) =>
        variable.getFirstAncestor(isFunctionBoundary) === scope &&
        names.every(
          (id) => id.getSymbol()?.getDeclarations()[0] !== variable || within(id, variable) || within(id, fn) || id.getStart() >= shape.loop.getEnd(),
        ),
    ),
  );
}

/**
 * `if (signal.aborted) throw new AbortError()`: the throw reads no pass's result, and where
 * the pass hands the same signal to its calls, run together they still stop, and fail,
 * when it fires. A `return` or `break` there would end quietly, which they would not.
 */
function cancellationExit(exit: Node, shape: LoopShape): boolean {
  if (!Node.isThrowStatement(exit)) return false;
  const check = exit.getFirstAncestor(Node.isIfStatement);
  if (!check || !within(check, shape.body) || !within(exit, check.getThenStatement())) return false;
  const condition = check.getExpression();
  if (!Node.isPropertyAccessExpression(condition) || !CANCELLATION_FLAGS.test(condition.getName())) return false;
  const signal = condition.getExpression().getText();
  return ownDescendants(shape.body).some((n) => Node.isCallExpression(n) && n.getArguments().some((a) => a.getText() === signal));
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
    if (cancellationExit(node, shape)) return false;
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

/**
 * `for (const process of this.orderProcesses) await process.onTransitionStart(…)`,
 * `for (const hook of hooks) await hook(ctx)`: a call whose callee is the item, or a
 * method of it, over a list named as configured extensions.
 */
function callsConfiguredItems(shape: LoopShape): Node | undefined {
  const { collection, binding } = shape;
  if (!collection || !binding) return undefined;
  const listNames = ownDescendants(collection)
    .filter((n) => n.getKind() === SyntaxKind.Identifier)
    .map((n) => words(n.getText()).pop() ?? '');
  if (!listNames.some((w) => CONFIGURED_WORDS.test(w))) return undefined;
  return ownDescendants(shape.body).find((node) => {
    if (!Node.isCallExpression(node)) return false;
    let callee: Node = node.getExpression();
    while (Node.isPropertyAccessExpression(callee)) callee = callee.getExpression();
    const declaration = Node.isIdentifier(callee) ? callee.getSymbol()?.getValueDeclaration() : undefined;
    return !!declaration && declaration.getStart() >= binding.getStart() && declaration.getEnd() <= binding.getEnd();
  });
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
