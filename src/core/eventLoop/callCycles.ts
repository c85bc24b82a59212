// Calls that go around a cycle (`a` calls `b`, `b` calls `c`, `c` calls `a` again, under a
// guard that ends it) are recursion, not a nest: each function of the cycle walks its data
// once per pass, not once per pass of the others. The call graph cuts a cycle where it
// meets a function again, but a summary computed from another place in the cycle already
// holds the cycle's loops, and a walk in front of it multiplies them in once more (m^3,
// m^4 for one list). A size met again in the functions of one cycle adds nothing to the
// exponent.
import { Node, SyntaxKind, type CallExpression, type NewExpression } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import { functionName } from './asyncContext';
import type { HeavySite } from './callGraph';
import { isHeavy } from './costModel';
import type { SizeFactor } from './dataSizes';
import { callTarget, resolveFunction } from './functionTargets';
import type { FunctionLike } from './syncRegion';

/** The site with the sizes its cycles of calls walk counted once; undefined when what is left is not heavy. */
export function withCyclesCountedOnce(site: HeavySite, minIterations: number): HeavySite | undefined {
  const { cost, path } = site;
  if (site.kind !== 'loop' || !cost || !path?.some((step) => step.role === 'call')) return site;
  const functions: FunctionLike[] = [site.fn];
  // For each step of the path, the place in `functions` of the function it is in; -1 past a call that does not resolve.
  const functionAt: number[] = [];
  let current = 0;
  for (const step of path) {
    if (step.role === 'call') {
      const callee = current >= 0 && (Node.isCallExpression(step.node) || Node.isNewExpression(step.node)) ? calleeOf(step.node) : undefined;
      current = callee ? functions.push(callee) - 1 : -1;
    }
    functionAt.push(current);
  }
  const cycles = cyclesAmong(functions);
  if (cycles.length === 0) return site;
  const cycleOf = (index: number): number => cycles.findIndex(([from, to]) => index >= from && index <= to);

  // Factors follow the path outer first; each is matched to the next step that walks it.
  // A cycle keeps, for each size, as many walks as its heaviest function makes in one pass:
  // a nest written in one function of the cycle stays a nest.
  const kept: Array<{ factor: SizeFactor; cycle: number }> = [];
  const walksAt = new Map<string, number>();
  const droppedSteps = new Set<number>();
  let cursor = 0;
  for (const factor of cost.factors) {
    let functionIndex = -1;
    let stepIndex = -1;
    // The site's own loop is the first level and not on its path; a pass around a cycle may meet it there again.
    if (factor === cost.factors[0] && factor.loop === site.node) functionIndex = 0;
    else {
      stepIndex = path.findIndex((step, i) => i >= cursor && step.role === 'loop' && step.node === factor.loop);
      if (stepIndex >= 0) {
        cursor = stepIndex + 1;
        functionIndex = functionAt[stepIndex];
      }
    }
    const cycle = functionIndex >= 0 ? cycleOf(functionIndex) : -1;
    const key = `${functionIndex}:${factor.expression}`;
    const walks = (walksAt.get(key) ?? 0) + 1;
    walksAt.set(key, walks);
    const again =
      cycle >= 0 &&
      (kept.some((other) => other.cycle === cycle && factor.loop !== undefined && other.factor.loop === factor.loop) ||
        kept.filter((other) => other.cycle === cycle && other.factor.expression === factor.expression).length >= walks);
    if (!again) kept.push({ factor, cycle });
    else if (stepIndex >= 0) droppedSteps.add(stepIndex);
  }
  if (kept.length === cost.factors.length) return site;
  const counted = { ...cost, factors: kept.map((k) => k.factor) };
  if (!isHeavy(counted, minIterations, true)) return undefined;
  return { ...site, cost: counted, path: path.filter((_, i) => !droppedSteps.has(i)) };
}

/** The function a step of a path calls: the call's target, or a function handed to an array method by name. */
function calleeOf(call: CallExpression | NewExpression): FunctionLike | undefined {
  const target = callTarget(call);
  if (target || Node.isNewExpression(call)) return target;
  for (const argument of call.getArguments()) {
    const handed = Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument) ? resolveFunction(argument) : undefined;
    if (handed) return handed;
  }
  return undefined;
}

/**
 * Stretches of the chain that are cycles, as `[from, to]` places in it, merged where they
 * overlap: a function met again, or one that calls a function met before it.
 */
function cyclesAmong(functions: readonly FunctionLike[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let to = 1; to < functions.length; to++) {
    const earlier = functions.slice(0, to);
    const repeated = earlier.indexOf(functions[to]);
    const calledBack = repeated >= 0 ? repeated : earliestCalled(functions[to], earlier);
    if (calledBack >= 0) found.push([calledBack, to]);
  }
  const merged: Array<[number, number]> = [];
  for (const [from, to] of found.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The first of `earlier` that `fn` calls or hands on by name; names are compared first, so only likely calls are resolved. */
function earliestCalled(fn: FunctionLike, earlier: readonly FunctionLike[]): number {
  const names = new Set(earlier.map(functionName).filter((name): name is string => !!name));
  let earliest = -1;
  for (const call of descendantsOfKind(fn, SyntaxKind.CallExpression)) {
    const expression = call.getExpression();
    const named = Node.isIdentifier(expression) ? expression.getText() : Node.isPropertyAccessExpression(expression) ? expression.getName() : undefined;
    const candidates: Array<() => FunctionLike | undefined> = [];
    if (named && names.has(named)) candidates.push(() => callTarget(call));
    for (const argument of call.getArguments()) {
      if (Node.isIdentifier(argument) && names.has(argument.getText())) candidates.push(() => resolveFunction(argument));
    }
    for (const resolve of candidates) {
      const target = resolve();
      const index = target ? earlier.indexOf(target) : -1;
      if (index >= 0 && (earliest < 0 || index < earliest)) earliest = index;
    }
  }
  return earliest;
}
