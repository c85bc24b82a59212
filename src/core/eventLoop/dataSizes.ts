// Naming the size of the data a loop walks, in the user's own names, and telling input
// (a parameter, an awaited value, what a call returned, request data) from the program's
// own state (`this.listeners`, a module-level cache). Only sizes that come from input
// count as independent dimensions of a loop nest; a walk over a part of what an outer
// loop visits (`row.cells`, `iterateHeaders(headers)`) is no dimension at all.
import { Node, SyntaxKind, type CallExpression, type Identifier } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import { ITERATING_METHODS, inlineCallerOf, isFunctionLike, isLoop, type FunctionLike } from './syncRegion';

/** A size that comes from data, named as the code names it. */
export interface SizeFactor {
  /** `pts.length`, `Object.keys(index).length`, `limit`. */
  expression: string;
  /** `input`: from a parameter, an awaited value, a call; `state`: the program's own collections. */
  source: 'input' | 'state';
  /** Where the sized value comes from, when the code says so: `loadPoints()`. */
  origin?: string;
  /** The loop is in a function called from here: loops written apart are combined less surely. */
  viaCall?: boolean;
  /**
   * The size is read from a parameter of the function it is in, so call sites rename it:
   * `template` is the expression with the parameter's name cut out, to be filled with the argument.
   */
  parameter?: { index: number; template: string };
}

/** Stands for the parameter in a factor's template; no source text contains it. */
const PARAMETER = '\u0000';

/** The identifier a size is read from: `pts` in `pts.length`, `req` in `req.body.points.length`. */
export function rootIdentifier(node: Node): Identifier | undefined {
  let current: Node = node;
  for (;;) {
    if (Node.isIdentifier(current)) return current;
    if (
      Node.isPropertyAccessExpression(current) ||
      Node.isElementAccessExpression(current) ||
      Node.isParenthesizedExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isAsExpression(current)
    ) {
      current = current.getExpression();
    } else if (Node.isBinaryExpression(current) && /^(\|\||\?\?)$/.test(current.getOperatorToken().getText())) {
      // `toolCalls || []`, `rows ?? []`: the data is the left side; the right one is empty.
      current = current.getLeft();
    } else if (Node.isCallExpression(current)) {
      // `Object.keys(index)`, `Array.from(rows)`: the data is the argument, not the helper.
      const callee = current.getExpression();
      const [first] = current.getArguments();
      if (first && Node.isPropertyAccessExpression(callee) && /^(Object|Array)$/.test(callee.getExpression().getText())) current = first;
      else current = callee;
    } else {
      return undefined;
    }
  }
}

/** Names a size: which parameter it is read from, or which call or value produced it, and whether it is input. */
export function describeSize(expression: string, sized: Node): SizeFactor {
  if (sized.getFirstDescendantByKind(SyntaxKind.ThisKeyword) || Node.isThisExpression(sized)) return { expression, source: 'state' };
  // `listTerms().length` says where it comes from by itself.
  if (Node.isCallExpression(sized) && !isDataHelper(sized)) return { expression, source: 'input' };
  const root = rootIdentifier(sized);
  if (!root) return { expression, source: 'input' };
  const declaration = root.getSymbol()?.getValueDeclaration();
  if (!declaration) return { expression, source: 'input' };
  if (Node.isParameterDeclaration(declaration)) {
    const fn = declaration.getParent();
    const at = new RegExp(`(?<![\\w$.])${root.getText().replace(/\$/g, '\\$')}(?![\\w$])`).exec(expression);
    if (isFunctionLike(fn) && sized.getAncestors().includes(fn) && at) {
      // A `this` parameter is a type annotation, not an argument.
      const index = fn.getParameters().filter((p) => p.getName() !== 'this').indexOf(declaration);
      const template = `${expression.slice(0, at.index)}${PARAMETER}${expression.slice(at.index + root.getText().length)}`;
      return { expression, source: 'input', parameter: { index, template } };
    }
    return { expression, source: 'input' };
  }
  if (Node.isBindingElement(declaration)) {
    // `const { items } = req.body` or `([users, orders]) => ...`: as input as what it is taken from.
    if (declaration.getFirstAncestor((a) => Node.isParameterDeclaration(a))) return { expression, source: 'input' };
    const variable = fromVariable(expression, declaration.getFirstAncestorByKind(SyntaxKind.VariableDeclaration));
    const element = awaitedTogether(declaration);
    return element && variable.source === 'input' ? { ...variable, origin: originText(element) } : variable;
  }
  if (Node.isVariableDeclaration(declaration)) return fromVariable(expression, declaration);
  return { expression, source: 'state' };
}

/** In `const [a, b] = await Promise.all([f(), g()])`, the call that produces `b`: `g()`. */
function awaitedTogether(element: Node): Node | undefined {
  const pattern = element.getParent();
  const variable = pattern?.getParent();
  if (!pattern || !Node.isArrayBindingPattern(pattern) || !variable || !Node.isVariableDeclaration(variable)) return undefined;
  const initializer = variable.getInitializer();
  const value = initializer && Node.isAwaitExpression(initializer) ? initializer.getExpression() : initializer;
  if (!value || !Node.isCallExpression(value) || !/^Promise\.(all|allSettled)$/.test(value.getExpression().getText())) return undefined;
  const [list] = value.getArguments();
  return list && Node.isArrayLiteralExpression(list) ? list.getElements()[pattern.getElements().indexOf(element as never)] : undefined;
}

function fromVariable(expression: string, declaration: Node | undefined): SizeFactor {
  if (!declaration || !Node.isVariableDeclaration(declaration)) return { expression, source: 'state' };
  const initializer = declaration.getInitializer();
  if (!initializer || !isLocal(declaration)) return { expression, source: 'state' };
  const value = Node.isAwaitExpression(initializer) ? initializer.getExpression() : initializer;
  if (Node.isArrayLiteralExpression(value) || Node.isObjectLiteralExpression(value) || Node.isNewExpression(value) || Node.isLiteralExpression(value)) {
    return { expression, source: 'state' };
  }
  return { expression, source: 'input', origin: originText(initializer) };
}

/** Declared inside a function: module-level variables are the program's state. */
function isLocal(declaration: Node): boolean {
  return !!declaration.getFirstAncestor(isFunctionLike);
}

function isDataHelper(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && /^(Object|Array)$/.test(callee.getExpression().getText());
}

/** `await loadPoints()` → `loadPoints()`; literals say nothing about where data comes from. */
function originText(initializer: Node): string | undefined {
  const value = Node.isAwaitExpression(initializer) ? initializer.getExpression() : initializer;
  if (Node.isArrayLiteralExpression(value) || Node.isObjectLiteralExpression(value) || Node.isLiteralExpression(value)) return undefined;
  return value.getText().replace(/\s+/g, ' ');
}

/**
 * The factor as the caller names it: `others.length` in `nearest(p, others)` called as
 * `nearest(p, pts)` becomes `pts.length`, with the origin of `pts` in the caller.
 * Undefined when the caller passes something with no size of its own to speak of: a
 * literal, or a part of what a loop around the call is visiting (`nearest(p, p.links)`).
 */
export function renameForCall(factor: SizeFactor, call: Node): SizeFactor | undefined {
  if (!factor.parameter || !Node.isCallExpression(call)) return factor;
  const args = call.getArguments();
  const argument = args[factor.parameter.index];
  if (args.some((arg) => Node.isSpreadElement(arg)) || !argument) return { expression: factor.expression, source: factor.source, origin: factor.origin };
  if (Node.isLiteralExpression(argument) || Node.isArrayLiteralExpression(argument) || Node.isObjectLiteralExpression(argument) || /^(true|false|null|undefined)$/.test(argument.getText())) {
    return undefined;
  }
  if (partOfEnclosingIteration(argument, call)) return undefined;
  const simple = Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument) || Node.isCallExpression(argument);
  const text = simple ? argument.getText() : `(${argument.getText()})`;
  return describeSize(factor.parameter.template.replace(PARAMETER, text).replace(/\s+/g, ' '), argument);
}

/**
 * Loops and array-method callbacks around `node` inside its function, innermost first.
 * An inline callback (`rows.map(row => ...)`) counts as the loop of its array method.
 */
export function enclosingIterations(node: Node): Node[] {
  const iterations: Node[] = [];
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (isLoop(current)) iterations.push(current);
    else if (isFunctionLike(current)) {
      if (!isIterationCallback(current)) break;
      iterations.push(current);
    }
  }
  return iterations;
}

function isIterationCallback(fn: FunctionLike): boolean {
  const caller = inlineCallerOf(fn);
  if (!caller || !Node.isCallExpression(caller)) return false;
  const callee = caller.getExpression();
  return Node.isPropertyAccessExpression(callee) && (ITERATING_METHODS.has(callee.getName()) || /^(sort|toSorted|from)$/.test(callee.getName()));
}

/** The names a loop or callback binds for each element it visits: `row` in `for (const row of rows)`. */
function iterationVariables(iteration: Node): string[] {
  const namesIn = (binding: Node): string[] => (Node.isIdentifier(binding) ? [binding.getText()] : descendantsOfKind(binding, SyntaxKind.Identifier).map((id) => id.getText()));
  if (Node.isForOfStatement(iteration) || Node.isForInStatement(iteration)) return namesIn(iteration.getInitializer());
  if (isFunctionLike(iteration)) return iteration.getParameters().flatMap((p) => namesIn(p.getNameNode()));
  return [];
}

/**
 * Whether `sized` is (a part of) an element an iteration around `context` is visiting:
 * it mentions the iteration's variable (`row.cells`, `iterateHeaders(headers)`), or a
 * value computed afresh on each pass (`const { delta } = choice` inside the loop).
 */
export function partOfEnclosingIteration(sized: Node, context: Node): boolean {
  const identifiers = [sized, ...descendantsOfKind(sized, SyntaxKind.Identifier)].filter(Node.isIdentifier);
  const mentioned = new Set(identifiers.map((id) => id.getText()));
  const iterations = enclosingIterations(context);
  if (iterations.some((iteration) => iterationVariables(iteration).some((name) => mentioned.has(name)))) return true;
  const root = rootIdentifier(sized);
  const declaration = root?.getSymbol()?.getValueDeclaration();
  return !!declaration && !Node.isParameterDeclaration(declaration) && iterations.some((iteration) => declaration.getAncestors().includes(iteration));
}

const GROWING_METHODS = new Set(['push', 'unshift', 'add', 'set']);

/**
 * A collection a loop around `context` fills as it goes (`unique.push(id)` inside
 * `for (const id of ids)`): its size grows with that loop. Returns the loop.
 */
export function loopThatGrows(sized: Node, context: Node): Node | undefined {
  const root = rootIdentifier(sized);
  const declaration = root?.getSymbol()?.getValueDeclaration();
  if (!root || !declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  const initializer = declaration.getInitializer();
  const empty = initializer && (Node.isArrayLiteralExpression(initializer) ? initializer.getElements().length === 0 : Node.isNewExpression(initializer) && initializer.getArguments().length === 0);
  if (!empty) return undefined;
  return enclosingIterations(context).find((iteration) =>
    descendantsOfKind(iteration, SyntaxKind.CallExpression).some((call) => {
      const callee = call.getExpression();
      return Node.isPropertyAccessExpression(callee) && GROWING_METHODS.has(callee.getName()) && callee.getExpression().getText() === root.getText();
    }),
  );
}
