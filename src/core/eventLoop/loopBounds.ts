// The levels of the cost model: how many times a loop, or an array method's hidden loop,
// runs, read from the code. A constant (`i < 1e6`, a literal array, `.slice(0, 10)`), a
// size of data (`pts.length`), or a bound that cannot be read (`while (queue.length)`).
import { Node, SyntaxKind, type CallExpression, type Expression, type ForStatement, type Identifier, type VariableDeclaration } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import type { Level } from './costModel';
import { describeSize, enclosingIterations, loopThatGrows, partOfEnclosingIteration, rootIdentifier } from './dataSizes';
import { ITERATING_METHODS, isFunctionLike, isLoop, loopYields } from './syncRegion';

/** The level a loop statement adds. */
export function loopLevel(loop: Node): Level {
  if (loopYields(loop)) return { kind: 'none' };
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
  if (ITERATING_METHODS.has(method) && !call.getArguments().some((arg) => isFunctionLike(arg) || Node.isIdentifier(arg))) return undefined;
  const type = receiver.getType().getNonNullableType();
  const arrayLike = type.isArray() || type.isReadonlyArray() || type.isTuple();
  if (search && !arrayLike) return undefined;
  if (!arrayLike && !type.isAny()) {
    if (method === 'forEach' && /^(Set|Map|ReadonlySet|ReadonlyMap)$/.test(type.getSymbol()?.getName() ?? '')) return sizeLevel(`${receiver.getText()}.size`, receiver, call);
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
  return rangeLevel(start, bound.expression, bound.inclusive, step, loop);
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
  const from = start ? constantValue(start) : 0;
  const to = constantValue(end);
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

/** In `i < n`, `n >= i`, `i !== n`: the side that bounds the counter. */
function boundAgainst(condition: Expression & Node, counter: string): { expression: Expression; inclusive: boolean } | undefined {
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
  if (left.getText() === counter) return { expression: right, inclusive };
  if (right.getText() === counter) return { expression: left, inclusive };
  return undefined;
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
  const suffix = /^(Set|Map|ReadonlySet|ReadonlyMap)$/.test(typeName) ? '.size' : type.isArray() || type.isReadonlyArray() || type.isString() || type.isAny() ? '.length' : '';
  const simple = Node.isIdentifier(expression) || Node.isPropertyAccessExpression(expression) || Node.isCallExpression(expression) || Node.isElementAccessExpression(expression);
  return sizeLevel(`${simple ? expression.getText() : `(${expression.getText()})`}${suffix}`, expression, loop);
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
  return sizeLevel(`Object.keys(${target.getText()}).length`, target, loop);
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
  if (partOfEnclosingIteration(sized, loop)) return partOfOuter;
  const growing = loopThatGrows(sized, loop);
  if (growing) return isLoop(growing) ? loopLevel(growing) : { kind: 'constant', count: 1 };
  return { kind: 'size', factor: describeSize(text, sized) };
}

function mentions(node: Node, name: string): boolean {
  return (Node.isIdentifier(node) && node.getText() === name) || descendantsOfKind(node, SyntaxKind.Identifier).some((id) => id.getText() === name);
}

/** `grid[i].length`: indexed by the counter of the enclosing loop. */
function isIndexedBy(sized: Node, counter: string): boolean {
  return descendantsOfKind(sized, SyntaxKind.ElementAccessExpression).some((access) => access.getArgumentExpression()?.getText() === counter);
}

/** Elements of an array or string literal, directly or through a `const` that is never changed. */
function literalLength(expression: Expression): number | undefined {
  if (Node.isArrayLiteralExpression(expression)) {
    const elements = expression.getElements();
    return elements.some((e) => Node.isSpreadElement(e)) ? undefined : elements.length;
  }
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue().length;
  if (!Node.isIdentifier(expression)) return undefined;
  const declaration = expression.getSymbol()?.getValueDeclaration();
  if (!declaration || !Node.isVariableDeclaration(declaration) || !declaration.isKind(SyntaxKind.VariableDeclaration)) return undefined;
  if (declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
  const initializer = declaration.getInitializer();
  const value = initializer && unwrap(initializer);
  if (!value || !Node.isArrayLiteralExpression(value) || value.getElements().length === 0) return undefined;
  if (isMutated(expression, declaration)) return undefined;
  return literalLength(value);
}

const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);

/** Whether something in the file that declares the array calls `push`, `splice`... on it or sets its length. */
function isMutated(identifier: Identifier, declaration: VariableDeclaration): boolean {
  const symbol = identifier.getSymbol();
  const name = identifier.getText();
  return descendantsOfKind(declaration.getSourceFile(), SyntaxKind.PropertyAccessExpression)
    .some((access) => {
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
    const declaration = node.getSymbol()?.getValueDeclaration();
    if (!declaration || !Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
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
