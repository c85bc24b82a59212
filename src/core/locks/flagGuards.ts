// Acquisitions that a caller can switch off. A function that may be called by someone who
// already holds its lock often takes a flag saying so:
//   const release = opts?.skipLock ? null : await this.mutex.acquire();
//   if (!options.alreadyLocked) await lock.acquire();
// Such an acquisition runs only when a parameter (or a property of one) is truthy or falsy: a
// guard. Each call settles the guards of what its callee takes from the arguments it passes:
// `save(o, { skipLock: true })` takes nothing, `save(o)` takes the lock, and `save(o, opts)`
// hands the question on to its own caller.
import { ts } from 'ts-morph';
import { skipOuterExpressions, type FunctionNode, type LockContext } from './resolution';

/** The code runs only when parameter `param`, down `path`, is truthy (`when`) or falsy. */
export interface FlagGuard {
  param: number;
  path: string[];
  when: boolean;
  /** The value's truthiness when the caller leaves the argument out (its default); undefined when unknown. */
  omitted: boolean | undefined;
}

/** What a call passes for an argument: values known from literals, or the caller's own parameter handed on. */
export type PassedFlag = { kind: 'values'; values: Record<string, boolean | null>; complete: boolean } | { kind: 'param'; param: number; path: string[] };

/** The guards of a callee's acquisition, as one call leaves them. */
export type GuardOutcome = { skipped: true } | { skipped: false; guards: FlagGuard[]; uncertain: boolean };

const MAX_ALIAS_DEPTH = 4;

export function guardKey(guard: FlagGuard): string {
  return `${guard.param}.${guard.path.join('.')}=${guard.when}`;
}

/** The guard a condition puts on the code that runs when it is `outcome`, if it tests a parameter flag. */
export function flagGuardOf(condition: ts.Expression, outcome: boolean, frame: FunctionNode | ts.SourceFile, ctx: LockContext): FlagGuard | undefined {
  if (ts.isSourceFile(frame) || frame.parameters.length === 0) return undefined;
  let expression = skipOuterExpressions(condition);
  let when = outcome;
  while (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    when = !when;
    expression = skipOuterExpressions(expression.operand);
  }
  const flag = parameterFlag(expression, frame, ctx, 0);
  return flag && { ...flag, when };
}

/** A parameter flag an expression reads: `skipLock`, `opts?.skipLock`, `{ alreadyLocked }` destructured, or a `const` copy of one. */
function parameterFlag(node: ts.Expression, frame: FunctionNode, ctx: LockContext, depth: number): Omit<FlagGuard, 'when'> | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined;
  const path: string[] = [];
  let root = skipOuterExpressions(node);
  while (ts.isPropertyAccessExpression(root)) {
    path.unshift(root.name.text);
    root = skipOuterExpressions(root.expression);
  }
  if (!ts.isIdentifier(root)) return undefined;
  const declaration = ctx.checker.getSymbolAtLocation(root)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isParameter(declaration) && declaration.parent === frame && ts.isIdentifier(declaration.name)) {
    return { param: frame.parameters.indexOf(declaration), path, omitted: defaultTruthiness(declaration.initializer, path) };
  }
  if (
    ts.isBindingElement(declaration) &&
    ts.isObjectBindingPattern(declaration.parent) &&
    ts.isParameter(declaration.parent.parent) &&
    declaration.parent.parent.parent === frame
  ) {
    const parameter = declaration.parent.parent;
    const property = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(property)) return undefined;
    // Left out, the property comes from the parameter's default, or from its own when that leaves it undefined.
    const fromParameter = defaultTruthiness(parameter.initializer, [property.text, ...path]);
    const own = declaration.initializer ? defaultTruthiness(declaration.initializer, path) : fromParameter;
    return { param: frame.parameters.indexOf(parameter), path: [property.text, ...path], omitted: fromParameter === false ? own : fromParameter };
  }
  if (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer &&
    ts.isVariableDeclarationList(declaration.parent) &&
    declaration.parent.flags & ts.NodeFlags.Const &&
    path.length === 0
  ) {
    // `const skip = opts?.skipLock ?? false`: a falsy fallback keeps the flag's truthiness.
    let init = skipOuterExpressions(declaration.initializer);
    if (
      ts.isBinaryExpression(init) &&
      (init.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || init.operatorToken.kind === ts.SyntaxKind.BarBarToken) &&
      literalTruthiness(init.right) === false
    ) {
      init = init.left;
    }
    return parameterFlag(init, frame, ctx, depth + 1);
  }
  return undefined;
}

/** Truthiness of `path` in a parameter's default value; no default is `undefined`, which is falsy. */
function defaultTruthiness(initializer: ts.Expression | undefined, path: readonly string[]): boolean | undefined {
  if (!initializer) return false;
  const values = literalValues(initializer);
  if (!values) return undefined;
  return lookUp(values, path);
}

/** What a call passes as one argument, as far as flags go. */
export function passedFlagOf(arg: ts.Expression, frame: FunctionNode | ts.SourceFile, ctx: LockContext): PassedFlag | undefined {
  const values = literalValues(arg);
  if (values) return values;
  if (ts.isSourceFile(frame)) return undefined;
  const flag = parameterFlag(arg, frame, ctx, 0);
  return flag && { kind: 'param', param: flag.param, path: flag.path };
}

/** `true`, `{ skipLock: true }`, `{ lock: { held: true } }`: the truthiness of every path a literal settles. */
function literalValues(node: ts.Expression): Extract<PassedFlag, { kind: 'values' }> | undefined {
  const value = skipOuterExpressions(node);
  const truthiness = literalTruthiness(value);
  if (truthiness !== undefined) return { kind: 'values', values: { '': truthiness }, complete: true };
  if (!ts.isObjectLiteralExpression(value)) return undefined;
  // null: a property that is there, with a value not known here.
  const values: Record<string, boolean | null> = { '': true };
  let complete = true;
  for (const property of value.properties) {
    const name = ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) {
      complete = false;
      continue;
    }
    const inner = ts.isPropertyAssignment(property) ? literalValues(property.initializer) : undefined;
    if (!inner) {
      values[name.text] = null;
      continue;
    }
    complete &&= inner.complete;
    for (const [path, truth] of Object.entries(inner.values)) values[path ? `${name.text}.${path}` : name.text] = truth;
  }
  return { kind: 'values', values, complete };
}

function literalTruthiness(node: ts.Expression): boolean | undefined {
  const value = skipOuterExpressions(node);
  switch (value.kind) {
    case ts.SyntaxKind.TrueKeyword:
      return true;
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return false;
  }
  if (ts.isIdentifier(value) && value.text === 'undefined') return false;
  if (ts.isVoidExpression(value)) return false;
  if (ts.isNumericLiteral(value)) return Number(value.text) !== 0;
  if (ts.isStringLiteralLike(value)) return value.text !== '';
  return undefined;
}

/** The truthiness of `path` in known values; a property a complete literal leaves out is undefined, so falsy. */
function lookUp(passed: Extract<PassedFlag, { kind: 'values' }>, path: readonly string[]): boolean | undefined {
  for (let length = path.length; length >= 0; length--) {
    const key = path.slice(0, length).join('.');
    if (!Object.hasOwn(passed.values, key)) continue;
    const value = passed.values[key];
    if (value === null) return undefined;
    if (length === path.length || !value) return length === path.length ? value : false;
    // A property the literal leaves out is undefined, when the literal lists all it has.
    return passed.complete ? false : undefined;
  }
  return undefined;
}

/**
 * Settles a callee's guards at a call: each is met (dropped), failed (the acquisition does
 * not happen), handed on as the caller's own guard, or left unknown.
 */
export function resolveGuards(guards: readonly FlagGuard[] | undefined, args: number, flags: ReadonlyArray<PassedFlag | undefined> | undefined): GuardOutcome {
  const out: FlagGuard[] = [];
  let uncertain = false;
  for (const guard of guards ?? []) {
    const passed = flags?.[guard.param];
    let truth: boolean | undefined;
    if (guard.param >= args) truth = guard.omitted;
    else if (passed?.kind === 'values') truth = lookUp(passed, guard.path);
    else if (passed?.kind === 'param') {
      out.push({ param: passed.param, path: [...passed.path, ...guard.path], when: guard.when, omitted: undefined });
      continue;
    }
    if (truth === undefined) uncertain = true;
    else if (truth !== guard.when) return { skipped: true };
  }
  return { skipped: false, guards: out, uncertain };
}
