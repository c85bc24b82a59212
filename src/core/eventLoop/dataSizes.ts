// Naming the size of the data a loop walks, in the user's own names, and telling input
// (a parameter, an awaited value, what a call returned, request data) from the program's
// own state (`this.listeners`, a module-level cache). Only sizes that come from input
// count as independent dimensions of a loop nest; a walk over a part of what an outer
// loop visits (`row.cells`, `iterateHeaders(headers)`) is no dimension at all.
import { Node, SyntaxKind, VariableDeclarationKind, type CallExpression, type Identifier, type ParameterDeclaration, type VariableDeclaration } from 'ts-morph';
import { isLoggerReceiver } from '../awaits/sideEffects';
import { descendantsOfKind, firstDescendantOfKind } from '../syntaxDescendants';
import { isRequestInput } from './requestInput';
import { isStoredData } from './storedData';
import { ITERATING_METHODS, inlineCallerOf, isFunctionLike, isLoop, type FunctionLike } from './syncRegion';

/** A size that comes from data, named as the code names it. */
export interface SizeFactor {
  /** `pts.length`, `Object.keys(index).length`, `limit`. */
  expression: string;
  /** `input`: from a parameter, an awaited value, a call; `state`: the program's own collections. */
  source: 'input' | 'state';
  /** Where the sized value comes from, when the code says so: `loadPoints()`. */
  origin?: string;
  /** The size comes from a request or a message (`req.body.items`): a client sets it. */
  request?: boolean;
  /** The data was read from storage or the network (`await db.findAll()`, `JSON.parse(text)`): as large as what was stored. */
  stored?: boolean;
  /** The loop is in a function called from here: loops written apart are combined less surely. */
  viaCall?: boolean;
  /**
   * The size is read from a parameter of the function it is in, so call sites rename it:
   * `template` is the expression with the parameter's name cut out, to be filled with the argument.
   */
  parameter?: { index: number; template: string };
  /** The loop or array method that walks it, kept through renaming: calls that go around a cycle meet the same walk again. */
  loop?: Node;
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

/** The declaration of the value an identifier names, through an import. */
export function valueDeclarationOf(identifier: Identifier): Node | undefined {
  const symbol = identifier.getSymbol();
  return symbol?.getValueDeclaration() ?? symbol?.getAliasedSymbol()?.getValueDeclaration();
}

/** Names a size: which parameter it is read from, or which call or value produced it, whether it is input, and whether a client or storage sets it. */
export function describeSize(expression: string, sized: Node): SizeFactor {
  const factor = describeOrigin(expression, sized);
  if (factor.source !== 'input') return factor;
  if (isRequestInput(sized)) return { ...factor, request: true };
  return isStoredData(sized) ? { ...factor, stored: true } : factor;
}

function describeOrigin(expression: string, sized: Node): SizeFactor {
  if (firstDescendantOfKind(sized, SyntaxKind.ThisKeyword) || Node.isThisExpression(sized)) return { expression, source: 'state' };
  // `listTerms().length` says where it comes from by itself.
  if (Node.isCallExpression(sized) && !isDataHelper(sized)) return { expression, source: 'input' };
  const root = rootIdentifier(sized);
  if (!root) return { expression, source: 'input' };
  // An imported value (`config.allowedOrigins`, `ROLES`) is another module's state, whether or not its types resolve.
  if (root.getSymbol()?.isAlias()) return { expression, source: 'state' };
  const declaration = root.getSymbol()?.getValueDeclaration();
  if (!declaration) return { expression, source: 'input' };
  const part = parameterPart(declaration, 0);
  if (part) {
    const fn = part.parameter.getParent();
    const at = new RegExp(`(?<![\\w$.])${root.getText().replace(/\$/g, '\\$')}(?![\\w$])`).exec(expression);
    if (isFunctionLike(fn) && sized.getAncestors().includes(fn) && at) {
      // A `this` parameter is a type annotation, not an argument.
      const index = fn
        .getParameters()
        .filter((p) => p.getName() !== 'this')
        .indexOf(part.parameter);
      const template = `${expression.slice(0, at.index)}${part.path}${expression.slice(at.index + root.getText().length)}`;
      return { expression, source: 'input', parameter: { index, template } };
    }
  }
  if (Node.isParameterDeclaration(declaration)) return { expression, source: 'input' };
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

/**
 * The parameter a declaration names a part of, and the way to that part from it (with
 * the parameter as `PARAMETER`): `steps` in `function toDto({ steps }: Workflow)`, or
 * after `const { steps } = workflow` or `const steps = workflow.steps`, is `workflow.steps`.
 * A caller's argument then names the part: a part of what the caller walks is no new size.
 */
function parameterPart(declaration: Node, depth: number): { parameter: ParameterDeclaration; path: string } | undefined {
  if (depth > MAX_PART_DEPTH) return undefined;
  if (Node.isParameterDeclaration(declaration)) return { parameter: declaration, path: PARAMETER };
  if (Node.isBindingElement(declaration)) {
    const pattern = declaration.getParent();
    const key = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
    if (!Node.isObjectBindingPattern(pattern) || declaration.getDotDotDotToken() || !/^[A-Za-z_$][\w$]*$/.test(key)) return undefined;
    const holder = pattern.getParent();
    const whole = Node.isVariableDeclaration(holder) ? aliasedPart(holder.getInitializer(), holder, depth) : parameterPart(holder, depth + 1);
    return whole && { parameter: whole.parameter, path: `${whole.path}.${key}` };
  }
  if (Node.isVariableDeclaration(declaration) && Node.isIdentifier(declaration.getNameNode()))
    return aliasedPart(declaration.getInitializer(), declaration, depth);
  return undefined;
}

const MAX_PART_DEPTH = 4;

/** A `const` set once to a property path of a parameter: `const { steps } = workflow`, `const steps = workflow.steps`. */
function aliasedPart(
  initializer: Node | undefined,
  declaration: VariableDeclaration,
  depth: number,
): { parameter: ParameterDeclaration; path: string } | undefined {
  if (!initializer || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  const keys: string[] = [];
  let current: Node = initializer;
  for (; Node.isPropertyAccessExpression(current); current = current.getExpression()) keys.unshift(current.getName());
  const origin = Node.isIdentifier(current) ? current.getSymbol()?.getValueDeclaration() : undefined;
  const whole = origin && parameterPart(origin, depth + 1);
  return whole && { parameter: whole.parameter, path: [whole.path, ...keys].join('.') };
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
  if (isLoggingCall(call)) return undefined;
  if (!factor.parameter || !Node.isCallExpression(call)) return factor;
  const args = call.getArguments();
  const argument = args[factor.parameter.index];
  const walkedBy = factor.loop ? { loop: factor.loop } : {};
  if (args.some((arg) => Node.isSpreadElement(arg)) || !argument) {
    const { expression, source, origin, request, stored } = factor;
    return { expression, source, ...(origin ? { origin } : {}), ...(request ? { request } : {}), ...(stored ? { stored } : {}), ...walkedBy };
  }
  if (
    Node.isLiteralExpression(argument) ||
    Node.isArrayLiteralExpression(argument) ||
    Node.isObjectLiteralExpression(argument) ||
    /^(true|false|null|undefined)$/.test(argument.getText())
  ) {
    return undefined;
  }
  if (partOfEnclosingIteration(argument, call) || isSingleValue(argument, factor.parameter.template)) return undefined;
  const simple = Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument) || Node.isCallExpression(argument);
  const text = simple ? argument.getText() : `(${argument.getText()})`;
  const expression = withParameterNamed(factor, text);
  return lengthTiedToPart(expression, call) ? undefined : { ...describeSize(expression, argument), ...walkedBy };
}

/** The factor's expression with its parameter called `text`: `workflow.steps.length` from `steps.length` read from `workflow`. */
export function withParameterNamed(factor: SizeFactor, text: string): string {
  return factor.parameter ? factor.parameter.template.replace(PARAMETER, text).replace(/\s+/g, ' ') : factor.expression;
}

/**
 * `if (Math.abs(word.length - query.length) > 2) continue;` before the work, in a loop
 * over words: `query.length` is within a constant of the visited word's length, so it is
 * a part's size, no dimension of its own (an edit distance against each candidate word).
 */
export function lengthTiedToPart(size: string, context: Node): boolean {
  for (let child: Node = context, parent = context.getParent(); parent && !isFunctionLike(child); child = parent, parent = parent.getParent()) {
    if (!Node.isBlock(parent)) continue;
    for (const statement of parent.getStatements()) {
      if (statement.getStart() >= child.getStart()) break;
      const other =
        Node.isIfStatement(statement) && skipsPass(statement.getThenStatement()) ? lengthDifferenceAgainst(statement.getExpression(), size) : undefined;
      if (other && partOfEnclosingIteration(other, context)) return true;
    }
  }
  return false;
}

function skipsPass(statement: Node): boolean {
  const leaves = (node: Node): boolean => Node.isContinueStatement(node) || Node.isReturnStatement(node);
  return leaves(statement) || (Node.isBlock(statement) && statement.getStatements().length === 1 && leaves(statement.getStatements()[0]));
}

/** In `Math.abs(a.length - b.length) > K`, the length that `size` is compared with. */
function lengthDifferenceAgainst(condition: Node, size: string): Node | undefined {
  if (!Node.isBinaryExpression(condition) || !/^>=?$/.test(condition.getOperatorToken().getText())) return undefined;
  const abs = condition.getLeft();
  if (!Node.isCallExpression(abs) || abs.getExpression().getText() !== 'Math.abs') return undefined;
  const [difference] = abs.getArguments();
  if (!difference || !Node.isBinaryExpression(difference) || difference.getOperatorToken().getKind() !== SyntaxKind.MinusToken) return undefined;
  const left = difference.getLeft();
  const right = difference.getRight();
  return left.getText() === size ? right : right.getText() === size ? left : undefined;
}

/**
 * `logger.debug(output)`, `console.warn(row)`: what a logger does with its arguments (a
 * sanitizer walking their keys) is the logger's own work, not a level of the loop that logs.
 */
function isLoggingCall(call: Node): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && isLoggerReceiver(callee.getExpression().getText());
}

/**
 * A helper that counts its parameter's elements (`entities.length`, overloaded for one
 * entity or many) called with a value that has no elements to count: a single
 * `findOne` result. Its loop does not run for this call.
 */
function isSingleValue(argument: Node, template: string): boolean {
  const counted = ['length', 'size'].find((member) => template === `${PARAMETER}.${member}`);
  if (!counted) return false;
  const type = argument.getType().getNonNullableType();
  if (type.isAny() || type.isUnknown()) return false;
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  return members.every((member) => member.isObject() && !member.getProperty(counted));
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
  const namesIn = (binding: Node): string[] =>
    Node.isIdentifier(binding) ? [binding.getText()] : descendantsOfKind(binding, SyntaxKind.Identifier).map((id) => id.getText());
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
  if (!root || !declaration || !createdEmpty(declaration)) return undefined;
  return enclosingIterations(context).find((iteration) =>
    descendantsOfKind(iteration, SyntaxKind.CallExpression).some((call) => {
      const callee = call.getExpression();
      return Node.isPropertyAccessExpression(callee) && GROWING_METHODS.has(callee.getName()) && callee.getExpression().getText() === root.getText();
    }),
  );
}

/** `const out = []`, `new Set()`, `new Map()`: a collection that starts with nothing in it. */
function createdEmpty(declaration: Node): declaration is VariableDeclaration {
  if (!Node.isVariableDeclaration(declaration)) return false;
  const initializer = declaration.getInitializer();
  return (
    !!initializer &&
    (Node.isArrayLiteralExpression(initializer)
      ? initializer.getElements().length === 0
      : Node.isNewExpression(initializer) && initializer.getArguments().length === 0)
  );
}

/**
 * A collection created empty and walked before anything fills it: `const out = [];`
 * then `for (const x of out)`, with every other use of `out` after the walk and after
 * the loops around the walk that `out` outlives (whose next pass would see it filled).
 */
export function isEmptyWhenWalked(sized: Node, loop: Node): boolean {
  const collection = Node.isPropertyAccessExpression(sized) && /^(length|size)$/.test(sized.getName()) ? sized.getExpression() : sized;
  if (!Node.isIdentifier(collection)) return false;
  const symbol = collection.getSymbol();
  const declaration = symbol?.getValueDeclaration();
  if (!declaration || !createdEmpty(declaration)) return false;
  const scope = declaration.getFirstAncestor(isFunctionLike);
  if (!scope || loop.getFirstAncestor(isFunctionLike) !== scope) return false;
  const outlived = enclosingIterations(loop).filter((iteration) => !declaration.getAncestors().includes(iteration));
  const end = Math.max(loop.getStart(), ...outlived.map((iteration) => iteration.getEnd()));
  const filledBefore = (id: Node): boolean => id !== collection && id.getStart() > declaration.getEnd() && id.getStart() < end && id.getSymbol() === symbol;
  return !descendantsOfKind(scope, SyntaxKind.Identifier).some(filledBefore);
}
