// A search of a fresh copy of a keyed collection on every pass of a loop, or every call of a
// recursion, that fills or walks that collection: `Array.from(map.values()).includes(path)`
// while `map.set(...)` adds a path per node, `[...seen].includes(id)` in a walk over `seen`.
// Each pass copies the whole collection and scans the copy, so the work is n² in the size of
// the collection, however it got there; the Map or Set itself answers a lookup in one step.
import { Node, SyntaxKind, type CallExpression, type Expression } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import { functionName } from './asyncContext';
import type { Cost } from './costModel';
import { callTarget } from './functionTargets';
import { describeSize, enclosingIterations } from './dataSizes';
import { leavesIterationAfter } from './loopExits';
import { inlineCallerOf, isFunctionLike, type FunctionLike } from './syncRegion';

const SEARCHES = new Set(['includes', 'indexOf', 'lastIndexOf', 'find', 'findIndex', 'some']);
const VIEWS = new Set(['values', 'keys', 'entries']);
const KEYED_TYPES = /^(Map|Set|ReadonlyMap|ReadonlySet)$/;
const GROWING = new Set(['set', 'add', 'push']);

export interface CopiedSearch {
  /** The collection copied, as written: `map`, `this.paths`. */
  collection: string;
  /** n^2, n = its size. */
  cost: Cost;
}

export function copiedSearchOf(call: CallExpression, fn: FunctionLike): CopiedSearch | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !SEARCHES.has(callee.getName())) return undefined;
  const copied = copiedCollection(callee.getExpression());
  if (!copied) return undefined;
  const text = copied.collection.getText();
  // A search on the way out of the loop (before a `throw`) runs once, not once per pass.
  if (leavesIterationAfter(call)) return undefined;
  const repeated =
    enclosingIterations(call).some((iteration) => walks(iteration, text) || grows(iteration, text, copied.keyed)) ||
    (callsItself(fn) && grows(fn, text, copied.keyed));
  if (!repeated) return undefined;
  const size = describeSize(copied.keyed === 'object' ? `Object.keys(${text}).length` : `${text}.size`, copied.collection);
  const factor = { ...size, loop: call };
  return { collection: text, cost: { constant: 1, factors: [factor, factor], unknown: [] } };
}

/** `Array.from(map.values())`, `[...set]`, `Object.values(index)`: a new array holding a Map's, a Set's or an object's contents. */
function copiedCollection(expression: Expression): { collection: Expression; keyed: 'map' | 'object' } | undefined {
  if (Node.isArrayLiteralExpression(expression)) {
    const [only] = expression.getElements();
    return expression.getElements().length === 1 && Node.isSpreadElement(only) ? keyedCollection(only.getExpression()) : undefined;
  }
  if (!Node.isCallExpression(expression) || expression.getArguments().length !== 1) return undefined;
  const [argument] = expression.getArguments() as Expression[];
  const helper = expression.getExpression().getText();
  if (helper === 'Array.from') return keyedCollection(argument);
  if (/^Object\.(keys|values|entries)$/.test(helper) && !Node.isObjectLiteralExpression(argument)) return { collection: argument, keyed: 'object' };
  return undefined;
}

/** `map`, `map.values()`, `set.keys()`: a Map or a Set, by its type or by the `new Map()` it was made with. */
function keyedCollection(expression: Expression): { collection: Expression; keyed: 'map' } | undefined {
  let target = expression;
  if (Node.isCallExpression(target) && target.getArguments().length === 0) {
    const view = target.getExpression();
    if (!Node.isPropertyAccessExpression(view) || !VIEWS.has(view.getName())) return undefined;
    target = view.getExpression();
  }
  const type = target.getType().getNonNullableType();
  if (KEYED_TYPES.test(type.getSymbol()?.getName() ?? '')) return { collection: target, keyed: 'map' };
  const declaration = Node.isIdentifier(target) ? target.getSymbol()?.getValueDeclaration() : undefined;
  const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  return Node.isNewExpression(initializer) && /^(Map|Set)$/.test(initializer.getExpression().getText()) ? { collection: target, keyed: 'map' } : undefined;
}

/** The loop or array method iterates over the collection itself: `for (const [k, v] of map)`, `set.forEach(...)`, `Object.keys(index).map(...)`. */
function walks(iteration: Node, text: string): boolean {
  const caller = isFunctionLike(iteration) ? inlineCallerOf(iteration) : undefined;
  const callee = caller && Node.isCallExpression(caller) ? caller.getExpression() : undefined;
  const iterated =
    Node.isForOfStatement(iteration) || Node.isForInStatement(iteration)
      ? iteration.getExpression()
      : Node.isPropertyAccessExpression(callee)
        ? callee.getExpression()
        : undefined;
  if (!iterated) return false;
  if (iterated.getText() === text) return true;
  const copied = copiedCollection(iterated);
  if (copied) return copied.collection.getText() === text;
  const view = Node.isCallExpression(iterated) ? iterated.getExpression() : undefined;
  return Node.isPropertyAccessExpression(view) && VIEWS.has(view.getName()) && view.getExpression().getText() === text;
}

/** Something in `scope` adds to the collection: `map.set(k, v)`, `set.add(x)`, `index[key] = value`. */
function grows(scope: Node, text: string, keyed: 'map' | 'object'): boolean {
  if (keyed === 'map') {
    return descendantsOfKind(scope, SyntaxKind.CallExpression).some((call) => {
      const callee = call.getExpression();
      return Node.isPropertyAccessExpression(callee) && GROWING.has(callee.getName()) && callee.getExpression().getText() === text;
    });
  }
  return descendantsOfKind(scope, SyntaxKind.BinaryExpression).some((assignment) => {
    const target = assignment.getLeft();
    return (
      assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isElementAccessExpression(target) && target.getExpression().getText() === text
    );
  });
}

/** Recursion: a call in `fn` that resolves to `fn`; names are compared first, so only likely calls are resolved. */
function callsItself(fn: FunctionLike): boolean {
  const name = functionName(fn);
  return (
    !!name &&
    descendantsOfKind(fn, SyntaxKind.CallExpression).some((call) => {
      const callee = call.getExpression();
      const called = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
      return called === name && callTarget(call) === fn;
    })
  );
}
