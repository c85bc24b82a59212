// The levels of the cost model: how many times a loop, or an array method's hidden loop,
// runs, read from the code. A constant (`i < 1e6`, a literal array, `.slice(0, 10)`, an
// enum, a size capped by a guard, √i for trial division), a size of data (`pts.length`),
// or a bound that cannot be read (`while (queue.length)`, a walk up to today).
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type CallExpression,
  type Expression,
  type ForStatement,
  type Identifier,
  type VariableDeclaration,
} from 'ts-morph';
import { descendantsOfKind, firstDescendantOfKind } from '../syntaxDescendants';
import type { Level } from './costModel';
import {
  describeSize,
  enclosingIterations,
  isEmptyWhenWalked,
  lengthTiedToPart,
  loopThatGrows,
  partOfEnclosingIteration,
  rootIdentifier,
  valueDeclarationOf,
} from './dataSizes';
import { exitsOnFirstPass, leavesIterationAfter, passStatements, runsOncePerKey } from './loopExits';
import { readsClock } from './spinningLoops';
import { ITERATING_METHODS, isFunctionLike, isLoop, loopYields } from './syncRegion';

/** The level a loop statement adds. */
export function loopLevel(loop: Node): Level {
  if (loopYields(loop)) return { kind: 'none' };
  if (exitsOnFirstPass(loop)) return { kind: 'constant', count: 1 };
  // Passes the loop around already makes: the inner work adds no dimension of its own.
  if (resumesOuterCounter(loop) || runsOncePerKey(loop) || leavesIterationAfter(loop)) return { kind: 'constant', count: 1 };
  const found = foundCap(loop);
  if (found !== undefined) return { kind: 'constant', count: found };
  if (Node.isForStatement(loop)) return forLevel(loop);
  if (Node.isForOfStatement(loop)) return iterableLevel(loop.getExpression(), loop);
  if (Node.isForInStatement(loop)) return keysLevel(loop.getExpression(), loop);
  if (Node.isWhileStatement(loop)) return whileLevel(loop.getExpression(), loop);
  return unknownLevel(loop);
}

/** `xs.map(cb)`, `xs.includes(x)`, `xs.sort()`, `Array.from(xs, cb)`: a loop hidden in a call. */
export function iterationLevel(call: CallExpression): Level | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiver = callee.getExpression();
  if (method === 'from' && receiver.getText() === 'Array' && call.getArguments().length === 2) {
    return iterableLevel(call.getArguments()[0] as Expression, call);
  }
  const callback = ITERATING_METHODS.has(method) || method === 'sort' || method === 'toSorted';
  const search = method === 'includes' || method === 'indexOf' || method === 'lastIndexOf';
  if (!callback && !search) return undefined;
  if (leavesIterationAfter(call)) return { kind: 'constant', count: 1 };
  if (ITERATING_METHODS.has(method) && !call.getArguments().some((arg) => isFunctionLike(arg) || Node.isIdentifier(arg))) return undefined;
  const type = receiver.getType().getNonNullableType();
  const arrayLike = type.isArray() || type.isReadonlyArray() || type.isTuple();
  if (search && !arrayLike) return undefined;
  if (!arrayLike && !type.isAny()) {
    if (method === 'forEach' && /^(Set|Map|ReadonlySet|ReadonlyMap)$/.test(type.getSymbol()?.getName() ?? ''))
      return sizeLevel(`${receiver.getText()}.size`, receiver, call);
    return undefined;
  }
  return iterableLevel(receiver, call);
}

/** A level the model cannot size, named by the loop's header or the iterating call. */
function unknownLevel(loop: Node): Level {
  return { kind: 'unknown', loop: loopHeader(loop) };
}

/** `for (const a of pts)`, `while (queue.length > 0)`, `do … while (x)`, `rows.map`. */
export function loopHeader(loop: Node): string {
  if (Node.isDoStatement(loop)) return `do … while (${loop.getExpression().getText()})`;
  if (Node.isCallExpression(loop)) return loop.getExpression().getText();
  const body = isLoop(loop) ? loop.getStatement() : undefined;
  if (!body) return loop.getText();
  return loop.getSourceFile().getFullText().slice(loop.getStart(), body.getStart()).trim().replace(/\s+/g, ' ');
}

function forLevel(loop: ForStatement): Level {
  const condition = loop.getCondition();
  const counter = counterOf(loop);
  if (!condition || !counter || !Node.isBinaryExpression(condition)) return unknownLevel(loop);
  const step = stepOf(loop.getIncrementor(), counter);
  if (step === undefined) return unknownLevel(loop);
  if (step === 'geometric') return { kind: 'constant', count: 1 };
  const bound = boundAgainst(condition, counter);
  if (!bound) return unknownLevel(loop);
  const start = counterStart(loop);
  const level = rangeLevel(start, bound.expression, bound.inclusive, step, loop);
  return bound.squareRoot ? squareRootOf(level, loop) : level;
}

/**
 * A counter that stops at the square root of its bound (`j * j <= i`, `j <= Math.sqrt(i)`,
 * trial division): √count passes. A root of a data size has no name in the model: unknown.
 */
function squareRootOf(level: Level, loop: Node): Level {
  if (level.kind === 'constant') return { kind: 'constant', count: Math.ceil(Math.sqrt(level.count)) };
  return level.kind === 'size' ? unknownLevel(loop) : level;
}

function whileLevel(condition: Expression, loop: Node): Level {
  if (!Node.isBinaryExpression(condition)) return unknownLevel(loop);
  const left = condition.getLeft();
  if (!Node.isIdentifier(left)) return unknownLevel(loop);
  const bound = boundAgainst(condition, left.getText());
  if (!bound) return unknownLevel(loop);
  const declaration = left.getSymbol()?.getValueDeclaration();
  const start = declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  return rangeLevel(start, bound.expression, bound.inclusive, 1, loop);
}

function rangeLevel(start: Expression | undefined, end: Expression, inclusive: boolean, step: number, loop: Node): Level {
  // Up to today (`d <= Date.now()`): as many passes as days or hours since the start, not a data size.
  if (readsClock(end)) return unknownLevel(loop);
  const from = start ? constantValue(start) : 0;
  const to = constantValue(end) ?? constantCap(end);
  if (from !== undefined && to !== undefined) {
    return { kind: 'constant', count: Math.max(0, Math.ceil((Math.abs(to - from) + (inclusive ? 1 : 0)) / Math.abs(step))) };
  }
  // Counting down from a size to a constant: the size is the bound.
  const sized = to === undefined ? end : start;
  return sized ? sizeLevel(sized.getText(), sized, loop) : unknownLevel(loop);
}

/** The loop counter a `for` declares or assigns in its initializer. */
function counterOf(loop: ForStatement): string | undefined {
  const init = loop.getInitializer();
  if (Node.isVariableDeclarationList(init)) {
    const [declaration] = init.getDeclarations();
    return declaration && Node.isIdentifier(declaration.getNameNode()) ? declaration.getName() : undefined;
  }
  if (Node.isBinaryExpression(init) && Node.isIdentifier(init.getLeft())) return init.getLeft().getText();
  return undefined;
}

function counterStart(loop: ForStatement): Expression | undefined {
  const init = loop.getInitializer();
  if (Node.isVariableDeclarationList(init)) return init.getDeclarations()[0]?.getInitializer();
  if (Node.isBinaryExpression(init)) return init.getRight();
  return undefined;
}

/** The constant step of `i++`, `i -= 2`, `i = i + k`; `geometric` for `i *= 2`, `i >>= 1`. */
function stepOf(incrementor: Expression | undefined, counter: string): number | 'geometric' | undefined {
  if (!incrementor) return undefined;
  if (Node.isPostfixUnaryExpression(incrementor) || Node.isPrefixUnaryExpression(incrementor)) {
    if (incrementor.getOperand().getText() !== counter) return undefined;
    const operator = incrementor.getOperatorToken();
    return operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken ? 1 : undefined;
  }
  if (!Node.isBinaryExpression(incrementor) || incrementor.getLeft().getText() !== counter) return undefined;
  const operator = incrementor.getOperatorToken().getKind();
  const right = incrementor.getRight();
  if (operator === SyntaxKind.PlusEqualsToken || operator === SyntaxKind.MinusEqualsToken) return constantValue(right) || undefined;
  if (
    operator === SyntaxKind.AsteriskEqualsToken ||
    operator === SyntaxKind.SlashEqualsToken ||
    operator === SyntaxKind.LessThanLessThanEqualsToken ||
    operator === SyntaxKind.GreaterThanGreaterThanEqualsToken ||
    operator === SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken
  ) {
    return 'geometric';
  }
  if (operator === SyntaxKind.EqualsToken && Node.isBinaryExpression(right) && right.getLeft().getText() === counter) {
    const kind = right.getOperatorToken().getKind();
    if (kind === SyntaxKind.PlusToken || kind === SyntaxKind.MinusToken) return constantValue(right.getRight()) || undefined;
    if (kind === SyntaxKind.AsteriskToken || kind === SyntaxKind.SlashToken) return 'geometric';
  }
  return undefined;
}

/** In `i < n`, `n >= i`, `i !== n`: the side that bounds the counter; `j * j <= n` and `j <= Math.sqrt(n)` bound it by √n. */
function boundAgainst(condition: Expression & Node, counter: string): { expression: Expression; inclusive: boolean; squareRoot?: boolean } | undefined {
  if (!Node.isBinaryExpression(condition)) return undefined;
  const operator = condition.getOperatorToken().getKind();
  const left = condition.getLeft();
  const right = condition.getRight();
  const inclusive = operator === SyntaxKind.LessThanEqualsToken || operator === SyntaxKind.GreaterThanEqualsToken;
  const comparison =
    inclusive ||
    operator === SyntaxKind.LessThanToken ||
    operator === SyntaxKind.GreaterThanToken ||
    operator === SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === SyntaxKind.ExclamationEqualsToken;
  if (!comparison) return undefined;
  const bound = (side: Expression, other: Expression): { expression: Expression; inclusive: boolean; squareRoot?: boolean } | undefined => {
    if (side.getText() === counter) {
      const root = squareRootArgument(other);
      return root ? { expression: root, inclusive, squareRoot: true } : { expression: other, inclusive };
    }
    return isSquareOf(side, counter) ? { expression: other, inclusive, squareRoot: true } : undefined;
  };
  return bound(left, right) ?? bound(right, left);
}

/** `j * j`, `j ** 2`. */
function isSquareOf(expression: Expression, counter: string): boolean {
  const node = unwrap(expression);
  if (!Node.isBinaryExpression(node)) return false;
  const kind = node.getOperatorToken().getKind();
  if (kind === SyntaxKind.AsteriskToken) return node.getLeft().getText() === counter && node.getRight().getText() === counter;
  return kind === SyntaxKind.AsteriskAsteriskToken && node.getLeft().getText() === counter && constantValue(node.getRight()) === 2;
}

/** `n` in `Math.sqrt(n)`. */
function squareRootArgument(expression: Expression): Expression | undefined {
  const node = unwrap(expression);
  if (!Node.isCallExpression(node) || node.getExpression().getText() !== 'Math.sqrt') return undefined;
  const [argument] = node.getArguments();
  return argument as Expression | undefined;
}

/** `Math.min(parts.length, 5)`: capped by its smallest constant argument. */
function constantCap(expression: Expression): number | undefined {
  const node = unwrap(expression);
  if (!Node.isCallExpression(node) || node.getExpression().getText() !== 'Math.min') return undefined;
  const caps = node
    .getArguments()
    .map((arg) => constantValue(arg))
    .filter((value): value is number => value !== undefined);
  return caps.length > 0 ? Math.min(...caps) : undefined;
}

/** The level of iterating over `iterable` (a `for...of` or an array method's receiver). */
function iterableLevel(iterable: Expression, loop: Node): Level {
  const expression = unwrap(iterable);
  if (Node.isCallExpression(expression)) {
    const callee = expression.getExpression();
    const args = expression.getArguments() as Expression[];
    if (Node.isPropertyAccessExpression(callee)) {
      const method = callee.getName();
      if ((method === 'entries' || method === 'keys' || method === 'values') && args.length === 0) {
        const target = callee.getExpression();
        if (Node.isIdentifier(target) && target.getText() === 'Object') return unknownLevel(loop);
        return iterableLevel(target, loop);
      }
      if (method === 'slice' && args.length === 2) {
        const from = constantValue(args[0]);
        const to = constantValue(args[1]);
        if (from !== undefined && to !== undefined) return { kind: 'constant', count: Math.max(0, to - from) };
        if (from === 0) return sizeLevel(args[1].getText(), args[1], loop);
      }
      if (callee.getExpression().getText() === 'Object' && /^(keys|values|entries)$/.test(method) && args.length === 1) return keysLevel(args[0], loop);
      // `DERIVED.map((d) => d.code)`, `rows.filter(...)`: no longer than the array they start from.
      if (NO_LONGER_METHODS.has(method) && isArrayLike(callee.getExpression())) return iterableLevel(callee.getExpression(), loop);
      if (callee.getExpression().getText() === 'Array' && method === 'from' && args.length >= 1) return arrayFromLevel(args[0], loop);
    }
    if (Node.isIdentifier(callee) && callee.getText() === 'Array' && args.length === 1) return countLevel(args[0], loop);
  }
  if (Node.isNewExpression(expression) && expression.getExpression().getText() === 'Array' && expression.getArguments().length === 1) {
    return countLevel(expression.getArguments()[0] as Expression, loop);
  }
  const literalCount = literalLength(expression);
  if (literalCount !== undefined) return { kind: 'constant', count: literalCount };
  const type = expression.getType().getNonNullableType();
  if (type.isTuple()) return { kind: 'constant', count: type.getTupleElements().length };
  const typeName = type.getSymbol()?.getName() ?? '';
  const suffix = /^(Set|Map|ReadonlySet|ReadonlyMap)$/.test(typeName)
    ? '.size'
    : type.isArray() || type.isReadonlyArray() || type.isString() || type.isAny()
      ? '.length'
      : '';
  const simple =
    Node.isIdentifier(expression) ||
    Node.isPropertyAccessExpression(expression) ||
    Node.isCallExpression(expression) ||
    Node.isElementAccessExpression(expression);
  return sizeLevel(`${simple ? expression.getText() : `(${expression.getText()})`}${suffix}`, expression, loop);
}

/** Array methods whose result has at most as many elements as their receiver. */
const NO_LONGER_METHODS = new Set(['map', 'filter', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'with']);

function isArrayLike(expression: Expression): boolean {
  const type = expression.getType().getNonNullableType();
  return type.isArray() || type.isReadonlyArray() || type.isTuple();
}

/** `Array.from({ length: n })`, `Array.from(xs)`. */
function arrayFromLevel(source: Expression, loop: Node): Level {
  if (Node.isObjectLiteralExpression(source)) {
    const length = source.getProperty('length');
    const value = Node.isPropertyAssignment(length) ? length.getInitializer() : undefined;
    return value ? countLevel(value, loop) : unknownLevel(loop);
  }
  return iterableLevel(source, loop);
}

function countLevel(count: Expression, loop: Node): Level {
  const value = constantValue(count);
  return value !== undefined ? { kind: 'constant', count: value } : sizeLevel(count.getText(), count, loop);
}

function keysLevel(object: Expression, loop: Node): Level {
  const target = unwrap(object);
  if (Node.isObjectLiteralExpression(target)) return { kind: 'constant', count: target.getProperties().length };
  const fixed = Node.isIdentifier(target) ? fixedKeyCount(target) : undefined;
  if (fixed !== undefined) return { kind: 'constant', count: fixed };
  return sizeLevel(`Object.keys(${target.getText()}).length`, target, loop);
}

/**
 * Keys the code fixes: the members of an enum, or the properties of a `const` object
 * literal that nothing in its file adds to or deletes from (`const LIMITS = { … } as const`).
 */
function fixedKeyCount(identifier: Identifier): number | undefined {
  const declaration = valueDeclarationOf(identifier);
  if (Node.isEnumDeclaration(declaration)) return declaration.getMembers().length;
  if (!declaration || !Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const)
    return undefined;
  const initializer = declaration.getInitializer();
  const value = initializer && unwrap(initializer);
  if (!value || !Node.isObjectLiteralExpression(value) || value.getProperties().length === 0) return undefined;
  if (value.getProperties().some((p) => Node.isSpreadAssignment(p)) || gainsKeys(declaration)) return undefined;
  return value.getProperties().length;
}

/** `LIMITS[key] = …`, `delete LIMITS[key]`, `Object.assign(LIMITS, …)` in the file that declares it. */
function gainsKeys(declaration: VariableDeclaration): boolean {
  const symbol = declaration.getNameNode().getSymbol();
  const isIt = (node: Node): boolean => Node.isIdentifier(node) && node.getSymbol() === symbol;
  return descendantsOfKind(declaration.getSourceFile(), SyntaxKind.Identifier).some((id) => {
    if (!isIt(id)) return false;
    const access = id.getParent();
    if (Node.isCallExpression(access)) return access.getExpression().getText() === 'Object.assign' && access.getArguments()[0] === id;
    if (!Node.isElementAccessExpression(access) && !Node.isPropertyAccessExpression(access)) return false;
    if (access.getExpression() !== id) return false;
    const parent = access.getParent();
    if (Node.isDeleteExpression(parent)) return true;
    return Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
  });
}

/**
 * A level sized by data. A part of what an enclosing loop is visiting (`row.cells` inside
 * `for (const row of rows)`, `grid[i]` inside `for (let i ...)`, `iterateHeaders(headers)`)
 * adds no dimension: the loops together walk the data once. A bound read from an enclosing
 * loop's counter (`j < i`), or a collection an enclosing loop fills as it goes
 * (`unique.includes(id)` while pushing), grows with that loop and shares its size.
 */
function sizeLevel(text: string, sized: Node, loop: Node): Level {
  const partOfOuter: Level = { kind: 'constant', count: 1 };
  const root = rootIdentifier(sized)?.getText();
  for (const outer of enclosingIterations(loop)) {
    if (!Node.isForStatement(outer)) continue;
    const counter = counterOf(outer);
    if (counter && isIndexedBy(sized, counter)) return partOfOuter;
    if (counter && (root === counter || mentions(sized, counter))) return forLevel(outer);
  }
  if (partOfEnclosingIteration(sized, loop) || lengthTiedToPart(text, loop)) return partOfOuter;
  if (isEmptyWhenWalked(sized, loop)) return { kind: 'constant', count: 0 };
  const growing = loopThatGrows(sized, loop);
  if (growing) return isLoop(growing) ? loopLevel(growing) : { kind: 'constant', count: 1 };
  const cap = guardedCap(text, loop);
  if (cap !== undefined) return { kind: 'constant', count: cap };
  const factor = describeSize(text, sized);
  // A client may send as many "roles" as it likes; the ones the program stores are few.
  if (!factor.request && isAccessList(sized)) return { kind: 'constant', count: 1 };
  return { kind: 'size', factor: { ...factor, loop } };
}

/** A principal's roles, permissions or scopes: a handful each, by how access control is designed. */
const ACCESS_LISTS = /^(roles|permissions|scopes)$/i;

function isAccessList(sized: Node): boolean {
  const node = Node.isCallExpression(sized) ? undefined : sized;
  const name = Node.isPropertyAccessExpression(node) ? node.getName() : Node.isIdentifier(node) ? node.getText() : undefined;
  return !!name && ACCESS_LISTS.test(name);
}

/**
 * `if (parts.length > 5) throw …` before the loop, in a block around it: the loop runs at
 * most five times. Only a guard whose branch always leaves (`return`, `throw`) counts.
 */
function guardedCap(size: string, loop: Node): number | undefined {
  for (let child: Node = loop, parent = loop.getParent(); parent && !isFunctionLike(child); child = parent, parent = parent.getParent()) {
    if (!Node.isBlock(parent) && !Node.isSourceFile(parent)) continue;
    for (const statement of parent.getStatements()) {
      if (statement.getStart() >= child.getStart()) break;
      const cap =
        Node.isIfStatement(statement) && !statement.getElseStatement() && alwaysLeaves(statement.getThenStatement())
          ? capIn(statement.getExpression(), size)
          : undefined;
      if (cap !== undefined) return cap;
    }
  }
  return undefined;
}

/** `size > K` → K, `size >= K` → K - 1, and the same written the other way round. */
function capIn(condition: Expression, size: string): number | undefined {
  const node = unwrap(condition);
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.BarBarToken)
    return capIn(node.getLeft(), size) ?? capIn(node.getRight(), size);
  if (!Node.isBinaryExpression(node)) return undefined;
  const kind = node.getOperatorToken().getKind();
  const left = node.getLeft();
  const right = node.getRight();
  const sizeOnLeft = left.getText() === size;
  if (!sizeOnLeft && right.getText() !== size) return undefined;
  const limit = constantValue(sizeOnLeft ? right : left);
  if (limit === undefined) return undefined;
  const greater = sizeOnLeft ? kind === SyntaxKind.GreaterThanToken : kind === SyntaxKind.LessThanToken;
  const greaterOrEqual = sizeOnLeft ? kind === SyntaxKind.GreaterThanEqualsToken : kind === SyntaxKind.LessThanEqualsToken;
  return greater ? limit : greaterOrEqual ? limit - 1 : undefined;
}

function alwaysLeaves(statement: Node): boolean {
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) return true;
  if (!Node.isBlock(statement)) return false;
  const last = statement.getStatements().at(-1);
  return !!last && (Node.isReturnStatement(last) || Node.isThrowStatement(last));
}

/**
 * A loop that walks on from where the loop around it stands and hands its position back:
 * `let end = i + 1; while (end < n && same(end)) end++; …; i = end;`, or
 * `for (let i = 0; i < n; i += size) for (let j = i; j < i + size; j++)`. Together they
 * visit each index once.
 */
function resumesOuterCounter(loop: Node): boolean {
  const [outer] = enclosingIterations(loop);
  const counter = loopCounter(loop);
  const outerCounter = outer && loopCounter(outer);
  if (!counter || !outerCounter || counter === outerCounter) return false;
  const start = Node.isForStatement(loop) ? counterStart(loop) : initializerOf(loop, counter);
  if (!start || !mentions(start, outerCounter)) return false;
  const stride = Node.isForStatement(outer) ? strideOf(outer.getIncrementor(), outerCounter) : undefined;
  const bound = Node.isForStatement(loop) ? loop.getCondition() : undefined;
  if (stride && bound && mentions(bound, stride)) return true;
  return descendantsOfKind(outer, SyntaxKind.BinaryExpression).some(
    (assignment) =>
      assignment.getStart() >= loop.getEnd() &&
      assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
      assignment.getLeft().getText() === outerCounter &&
      mentions(assignment.getRight(), counter),
  );
}

/** The counter of a `for`, or the variable a `while` compares first: `end` in `while (end < n && …)`. */
function loopCounter(loop: Node): string | undefined {
  if (Node.isForStatement(loop)) return counterOf(loop);
  if (!Node.isWhileStatement(loop)) return undefined;
  let condition: Expression = unwrap(loop.getExpression());
  while (Node.isBinaryExpression(condition) && condition.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken)
    condition = unwrap(condition.getLeft());
  const left = Node.isBinaryExpression(condition) ? condition.getLeft() : undefined;
  return left && Node.isIdentifier(left) ? left.getText() : undefined;
}

/** `let end = i + 1` declared in the block around a `while` that counts with `end`. */
function initializerOf(loop: Node, counter: string): Expression | undefined {
  const block = loop.getParent();
  if (!Node.isBlock(block)) return undefined;
  for (const statement of block.getStatements()) {
    if (statement.getStart() >= loop.getStart()) break;
    if (!Node.isVariableStatement(statement)) continue;
    const declaration = statement.getDeclarations().find((d) => d.getName() === counter);
    if (declaration) return declaration.getInitializer();
  }
  return undefined;
}

/** The name a counter steps by: `size` in `i += size`, `i = i + size`; not a constant step. */
function strideOf(incrementor: Expression | undefined, counter: string): string | undefined {
  if (!incrementor || !Node.isBinaryExpression(incrementor) || incrementor.getLeft().getText() !== counter) return undefined;
  const operator = incrementor.getOperatorToken().getKind();
  const right = incrementor.getRight();
  const stride =
    operator === SyntaxKind.PlusEqualsToken
      ? right
      : operator === SyntaxKind.EqualsToken && Node.isBinaryExpression(right) && right.getLeft().getText() === counter
        ? right.getRight()
        : undefined;
  return stride && Node.isIdentifier(stride) && constantValue(stride) === undefined ? stride.getText() : undefined;
}

/**
 * `if (++found >= 10) break;` run on every pass: the loop stops after ten passes. Only a
 * check among the body's own statements, with no `continue` before it, bounds every pass.
 */
function foundCap(loop: Node): number | undefined {
  for (const statement of passStatements(loop)) {
    if (firstDescendantOfKind(statement, SyntaxKind.ContinueStatement)) return undefined;
    if (!Node.isIfStatement(statement) || statement.getElseStatement()) continue;
    const then = statement.getThenStatement();
    const breaks = Node.isBreakStatement(then) || (Node.isBlock(then) && then.getStatements().length === 1 && Node.isBreakStatement(then.getStatements()[0]));
    if (!breaks) continue;
    const condition = unwrap(statement.getExpression());
    if (!Node.isBinaryExpression(condition)) continue;
    const counted = unwrap(condition.getLeft());
    const counts = (Node.isPrefixUnaryExpression(counted) || Node.isPostfixUnaryExpression(counted)) && counted.getOperatorToken() === SyntaxKind.PlusPlusToken;
    if (!counts) continue;
    const limit = constantValue(condition.getRight());
    const kind = condition.getOperatorToken().getKind();
    if (limit !== undefined && (kind === SyntaxKind.GreaterThanEqualsToken || kind === SyntaxKind.GreaterThanToken)) return Math.max(1, limit);
  }
  return undefined;
}

function mentions(node: Node, name: string): boolean {
  return (Node.isIdentifier(node) && node.getText() === name) || descendantsOfKind(node, SyntaxKind.Identifier).some((id) => id.getText() === name);
}

/** `grid[i].length`: indexed by the counter of the enclosing loop. */
function isIndexedBy(sized: Node, counter: string): boolean {
  return descendantsOfKind(sized, SyntaxKind.ElementAccessExpression).some((access) => access.getArgumentExpression()?.getText() === counter);
}

/** Elements of an array or string literal, directly or through a `const` that is never changed. */
export function literalLength(expression: Expression): number | undefined {
  if (Node.isArrayLiteralExpression(expression)) {
    const elements = expression.getElements();
    return elements.some((e) => Node.isSpreadElement(e)) ? undefined : elements.length;
  }
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue().length;
  if (!Node.isIdentifier(expression)) return undefined;
  const declaration = valueDeclarationOf(expression);
  if (!declaration || !Node.isVariableDeclaration(declaration) || !declaration.isKind(SyntaxKind.VariableDeclaration)) return undefined;
  if (declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  const initializer = declaration.getInitializer();
  const value = initializer && unwrap(initializer);
  if (!value || !Node.isArrayLiteralExpression(value) || value.getElements().length === 0) return undefined;
  if (isMutated(declaration)) return undefined;
  return literalLength(value);
}

const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);

/** Whether something in the file that declares the array calls `push`, `splice`... on it or sets its length. */
function isMutated(declaration: VariableDeclaration): boolean {
  const symbol = declaration.getNameNode().getSymbol();
  const name = declaration.getName();
  return descendantsOfKind(declaration.getSourceFile(), SyntaxKind.PropertyAccessExpression).some((access) => {
    const target = access.getExpression();
    if (target.getText() !== name || target.getSymbol() !== symbol) return false;
    const parent = access.getParent();
    if (MUTATING_METHODS.has(access.getName())) return Node.isCallExpression(parent) && parent.getExpression() === access;
    return access.getName() === 'length' && Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getText().endsWith('=');
  });
}

/** A number the code fixes: literals, `1e6`, `1_000_000`, `2 ** 20`, and `const` names bound to those. */
export function constantValue(expression: Node): number | undefined {
  const node = unwrap(expression as Expression);
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isPrefixUnaryExpression(node)) {
    const operand = constantValue(node.getOperand());
    if (operand === undefined) return undefined;
    return node.getOperatorToken() === SyntaxKind.MinusToken ? -operand : node.getOperatorToken() === SyntaxKind.PlusToken ? operand : undefined;
  }
  if (Node.isBinaryExpression(node)) {
    const left = constantValue(node.getLeft());
    const right = constantValue(node.getRight());
    if (left === undefined || right === undefined) return undefined;
    switch (node.getOperatorToken().getKind()) {
      case SyntaxKind.PlusToken:
        return left + right;
      case SyntaxKind.MinusToken:
        return left - right;
      case SyntaxKind.AsteriskToken:
        return left * right;
      case SyntaxKind.SlashToken:
        return right === 0 ? undefined : left / right;
      case SyntaxKind.AsteriskAsteriskToken:
        return left ** right;
      default:
        return undefined;
    }
  }
  if (Node.isIdentifier(node)) {
    const declaration = valueDeclarationOf(node);
    if (!declaration || !Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const)
      return undefined;
    const initializer = declaration.getInitializer();
    return initializer && initializer !== node ? constantValue(initializer) : undefined;
  }
  return undefined;
}

function unwrap(expression: Expression): Expression {
  let current: Expression = expression;
  while (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current) || Node.isSatisfiesExpression(current)) {
    current = current.getExpression();
  }
  return current;
}
