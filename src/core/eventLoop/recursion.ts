// Exponential recursion: a function that calls itself more than once per call with an
// argument that shrinks by a constant (`fib(n - 1) + fib(n - 2)`), remembering nothing.
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { descendantsOfKind, firstDescendant } from '../syntaxDescendants';
import { constantValue } from './loopBounds';
import { isFunctionLike, isLoop, type FunctionLike } from './syncRegion';

export interface ExponentialRecursion {
  /** Two or more calls to itself that run in the same invocation. */
  selfCalls: CallExpression[];
  /** The parameter that shrinks by a constant on each call (`n` in `fib(n - 1)`). */
  parameterIndex: number;
}

/**
 * `fib(n - 1) + fib(n - 2)`: a function that calls itself at least twice per call with an
 * argument that shrinks by a constant, and remembers nothing between calls. Tree walks
 * (`visit(node.left)`, recursion in a loop over children) and halving (`sort(xs / 2)`) are linear
 * or n log n and do not count.
 */
export function exponentialRecursion(fn: FunctionLike, selfCalls: readonly CallExpression[]): ExponentialRecursion | undefined {
  const candidates = selfCalls.filter((call) => !isInsideLoop(call, fn));
  const parameters = fn.getParameters();
  for (let index = 0; index < parameters.length; index++) {
    const name = parameters[index].getName();
    const descending = candidates.filter((call) => shrinksByConstant(call.getArguments()[index], name));
    const together = pairRunningTogether(descending);
    if (together && !isMemoised(fn)) return { selfCalls: together, parameterIndex: index };
  }
  return undefined;
}

function shrinksByConstant(argument: Node | undefined, parameter: string): boolean {
  if (!argument || !Node.isBinaryExpression(argument)) return false;
  const operator = argument.getOperatorToken().getKind();
  if (operator !== SyntaxKind.MinusToken && operator !== SyntaxKind.PlusToken) return false;
  return argument.getLeft().getText() === parameter && constantValue(argument.getRight()) !== undefined;
}

function isInsideLoop(call: Node, fn: FunctionLike): boolean {
  for (let current = call.getParent(); current && current !== fn; current = current.getParent()) {
    if (isLoop(current)) return true;
    if (isFunctionLike(current)) return true;
  }
  return false;
}

/** Two calls that both run on some path: neither sits in a branch the other is not in. */
function pairRunningTogether(calls: readonly CallExpression[]): CallExpression[] | undefined {
  for (let i = 0; i < calls.length; i++) {
    for (let j = i + 1; j < calls.length; j++) {
      const common = commonAncestor(calls[i], calls[j]);
      if (common && !isConditionalBelow(calls[i], common) && !isConditionalBelow(calls[j], common)) return [calls[i], calls[j]];
    }
  }
  return undefined;
}

function commonAncestor(a: Node, b: Node): Node | undefined {
  const ofA = new Set(a.getAncestors());
  return b.getAncestors().find((ancestor) => ofA.has(ancestor));
}

/** Whether some branch (if, ?:, case, `&&`/`||`/`??` right side, catch) separates `node` from `ancestor`. */
function isConditionalBelow(node: Node, ancestor: Node): boolean {
  for (let child = node, parent = node.getParent(); parent && parent !== ancestor; child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && child !== parent.getExpression()) return true;
    if (Node.isConditionalExpression(parent) && child !== parent.getCondition()) return true;
    if (Node.isCaseClause(parent) || Node.isDefaultClause(parent) || Node.isCatchClause(parent)) return true;
    if (Node.isBinaryExpression(parent) && child === parent.getRight() && /^(&&|\|\||\?\?)$/.test(parent.getOperatorToken().getText())) return true;
  }
  return false;
}

/**
 * A lookup in a cache that lives outside the call: `memo.has(n)`, `cache.get(key)`,
 * `if (n in memo)`, or `memo[n]` read and written; the cache may also be a parameter
 * named for it (`memo`, `cache`).
 */
function isMemoised(fn: FunctionLike): boolean {
  const isCache = (node: Node | undefined): boolean => {
    if (!node || !Node.isIdentifier(node)) return false;
    const declaration = node.getSymbol()?.getValueDeclaration();
    if (!declaration) return false;
    if (Node.isParameterDeclaration(declaration)) return /memo|cache/i.test(declaration.getName());
    return !declaration.getAncestors().includes(fn);
  };
  const writtenElements = new Set<string>();
  for (const assignment of descendantsOfKind(fn, SyntaxKind.BinaryExpression)) {
    const target = assignment.getLeft();
    if (assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isElementAccessExpression(target))
      writtenElements.add(target.getExpression().getText());
  }
  return !!firstDescendant(fn, (node) => {
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      return Node.isPropertyAccessExpression(callee) && (callee.getName() === 'has' || callee.getName() === 'get') && isCache(callee.getExpression());
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.InKeyword) return isCache(node.getRight());
    if (Node.isElementAccessExpression(node)) return isCache(node.getExpression()) && writtenElements.has(node.getExpression().getText());
    return false;
  });
}
