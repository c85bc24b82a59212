// What an awaited call does, read from the called function's body when the project has
// it: whether it starts any asynchronous work at all, whether it can throw on its input
// before it does, and what state outside its own locals it changes. A name tells what a
// function was meant to do; the body tells what it does (`fetchAndCheckout` writes).
import { Node, SyntaxKind, ts, type CallExpression } from 'ts-morph';
import { PerSettings, ProgramCache } from '../analysisCaches';
import { callTarget } from '../eventLoop/functionTargets';
import type { FunctionLike } from '../eventLoop/syncRegion';
import type { AnalyzerSettings } from '../settings';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';
import { importsModule } from './awaitStatements';
import { cachedField } from './cachedFields';
import { callEffects, isGuardName, rootText } from './callEffects';
import { awaitability } from './promiseLike';
import { isLoggerReceiver } from './sideEffects';

export interface CalleeSummary {
  /**
   * Starts no asynchronous work worth overlapping: it awaits only promises that already exist,
   * and calls nothing that returns one but `import()`, which the module loader caches.
   */
  idle: boolean;
  /** Can throw on its input before it starts any asynchronous work: a guard. */
  throwsFirst: boolean;
  /** Changes fields of `this`, module variables, or state behind another call that writes. */
  writes: boolean;
  /** Positions of the parameters whose contents it changes (`repo.checkout(b)`, `order.total = 0`). */
  mutatedParameters: Set<number>;
  /** Fields of `this` it fills as a cache (see `cachedField`), which are not counted in `writes`. */
  cachedFields: Set<string>;
  /** Fields of `this` it reads, itself or through other methods of `this`. */
  readFields: Set<string>;
}

/** Methods that change an array, map or set in place. */
export const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'set', 'add', 'delete', 'clear', 'sort', 'reverse', 'fill']);
/** `Promise.resolve(x)` wraps a value; it starts nothing. */
const SETTLED_PROMISES = /^Promise\.(resolve|reject)$/;
/** The nodes a summary looks at: throws, awaits, writes and calls. */
const SUMMARISED_KINDS = new Set([
  SyntaxKind.ThrowStatement,
  SyntaxKind.ForOfStatement,
  SyntaxKind.AwaitExpression,
  SyntaxKind.BinaryExpression,
  SyntaxKind.PrefixUnaryExpression,
  SyntaxKind.PostfixUnaryExpression,
  SyntaxKind.CallExpression,
  SyntaxKind.NewExpression,
]);
const PRIMITIVE_FLAGS =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined;
/** Array methods that call a function for each element and return what it computed. */
const ARRAY_WALKS = new Set(['map', 'filter', 'reduce', 'reduceRight', 'forEach', 'find', 'findIndex', 'findLast', 'some', 'every', 'flatMap', 'sort']);
const TIMER_FUNCTIONS = new Set(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']);
/** How far summaries follow calls into other project functions. */
const MAX_DEPTH = 3;

// Per callee. Depends on: the settings (a configured lock helper neither writes nor guards) and
// the program (the summary follows calls into functions of other files).
const summaries = new PerSettings(() => new ProgramCache<ts.Node, CalleeSummary>());

/** The summary of the function `call` runs, when the project declares it with a body. */
export function calleeSummary(call: CallExpression, settings: AnalyzerSettings): CalleeSummary | undefined {
  return summaryAt(call, settings, 0, new Set());
}

function summaryAt(call: CallExpression, settings: AnalyzerSettings, depth: number, visiting: Set<object>): CalleeSummary | undefined {
  const fn = callTarget(call);
  if (!fn || Node.isConstructorDeclaration(fn) || Node.isSetAccessorDeclaration(fn) || fn.getSourceFile().isDeclarationFile() || standsInForOverride(fn))
    return undefined;
  const key = fn.compilerNode;
  const cache = summaries.for(settings).in(call.getProject().getProgram().compilerObject);
  const known = cache.peek(key);
  if (known) return known;
  // Recursion, or too deep to follow: nothing is known.
  if (visiting.has(key) || depth > MAX_DEPTH) return undefined;
  visiting.add(key);
  const summary = summarize(fn, settings, depth, visiting);
  visiting.delete(key);
  if (summary) cache.set(key, summary);
  return summary;
}

/**
 * A body that only throws (`throw new Error('Not implemented')`), or an empty method of an
 * abstract class: the object the call runs on is a subclass whose override does the work,
 * so this body says nothing about it.
 */
function standsInForOverride(fn: FunctionLike): boolean {
  const body = fn.getBody();
  if (!Node.isBlock(body)) return false;
  const statements = body.getStatements();
  if (statements.length === 1 && Node.isThrowStatement(statements[0])) return true;
  const owner = Node.isMethodDeclaration(fn) ? fn.getParent() : undefined;
  return statements.length === 0 && Node.isClassDeclaration(owner) && owner.isAbstract();
}

function summarize(fn: FunctionLike, settings: AnalyzerSettings, depth: number, visiting: Set<object>): CalleeSummary | undefined {
  const body = fn.getBody();
  if (!body) return undefined;
  const parameters: Node[] = fn.getParameters();
  const parameterIndex = (root: Node): number => {
    const declaration = Node.isIdentifier(root) ? root.getSymbol()?.getValueDeclaration() : undefined;
    return declaration ? parameters.indexOf(declaration) : -1;
  };
  const summary: CalleeSummary = {
    idle: true,
    throwsFirst: false,
    writes: false,
    mutatedParameters: new Set(),
    cachedFields: new Set(),
    readFields: new Set(),
  };
  let startedWork = false;
  const mutates = (target: Node): void => {
    const root = objectRoot(target);
    if (!root) return;
    const index = parameterIndex(root);
    if (index >= 0) summary.mutatedParameters.add(index);
    else if (root.getKind() === SyntaxKind.ThisKeyword || isModuleVariable(root)) summary.writes = true;
  };
  // Document order, so that "before its first asynchronous work" means what it says.
  // An arrow's expression body (`(id) => request(id)`) is itself the first node to read.
  for (const compilerNode of [body.compilerNode, ...compilerDescendants(body.compilerNode)]) {
    if (ts.isPropertyAccessExpression(compilerNode) && compilerNode.expression.kind === SyntaxKind.ThisKeyword) summary.readFields.add(compilerNode.name.text);
    // Wrapping every node of a body costs more than the rest of the summary.
    if (!SUMMARISED_KINDS.has(compilerNode.kind)) continue;
    const node = wrapperOf(body, compilerNode);
    if (Node.isThrowStatement(node) && !startedWork && ownCode(node, fn)) summary.throwsFirst = true;
    // `for await` reads a stream or an async iterator: each step waits for input.
    if (Node.isForOfStatement(node) && node.isAwaited()) {
      summary.idle = false;
      startedWork = true;
    }
    // An awaited call is judged as a call, below: awaiting one that starts nothing starts nothing.
    if (Node.isAwaitExpression(node) && ownCode(node, fn) && !awaitsCallOrExisting(node.getExpression())) startedWork = true;
    const cached = cachedField(node);
    const target = writtenTarget(node);
    if (cached) summary.cachedFields.add(cached);
    else if (target) mutates(target);
    if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) continue;
    if (Node.isCallExpression(node) && importsModule(node)) {
      // Loading a module is work, but after the first load it comes from the loader's cache:
      // a function that only imports has nothing worth overlapping (see `importsModule`).
      startedWork = true;
    } else if (Node.isCallExpression(node)) {
      const inner = innerCall(node, settings, depth, visiting);
      if (inner.startsWork) summary.idle = false;
      if (inner.guard && !startedWork && ownCode(node, fn)) summary.throwsFirst = true;
      if (inner.startsWork) startedWork = true;
      if (inner.writes) summary.writes = true;
      for (const argument of inner.mutatedArguments) mutates(argument);
      // Another method of the same object fills and reads the same fields.
      if (inner.nested && isThisMethod(node)) {
        for (const field of inner.nested.cachedFields) summary.cachedFields.add(field);
        for (const field of inner.nested.readFields) summary.readFields.add(field);
      }
    } else if (startsWork(node)) {
      summary.idle = false;
      startedWork = true;
    }
  }
  return summary;
}

interface InnerCall {
  startsWork: boolean;
  guard: boolean;
  writes: boolean;
  /** The expressions whose contents the call changes: its receiver, or arguments a callee mutates. */
  mutatedArguments: Node[];
  /** The called function's own summary, when the project has its body. */
  nested?: CalleeSummary;
}

function innerCall(call: CallExpression, settings: AnalyzerSettings, depth: number, visiting: Set<object>): InnerCall {
  const nested = summaryAt(call, settings, depth + 1, visiting);
  const effects = callEffects(call, settings);
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const receiver = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  const logging = !!receiver && isLoggerReceiver(receiver.getText());
  const mutatedArguments: Node[] = [];
  // A call inside the callee whose name says it reads (`this.apiClient.get(url)`) is taken at
  // its word for what it changes beyond its arguments: a generic client refreshing a token,
  // logging or counting deep inside a request is not what the callee does.
  const nestedWrites = !!nested && nested.writes && effects.kind !== 'read';
  if (nested) {
    const args = call.getArguments();
    for (const index of nested.mutatedParameters) if (args[index]) mutatedArguments.push(args[index]);
    // A method that changes its own object changes the receiver it was called on.
    if (receiver && nestedWrites) mutatedArguments.push(receiver);
  } else if (receiver && !logging && !holdsPrimitive(receiver) && (MUTATING_METHODS.has(name) || effects.kind !== 'read')) {
    // A method we cannot see, on an object it was handed: unless its name says it only reads, it may change it.
    mutatedArguments.push(receiver);
  }
  const started = nested ? !nested.idle : startsWork(call);
  return {
    startsWork: started,
    // What the callee itself checks, by name: a request helper that validates its options
    // before sending, deep inside a generic client, says nothing about this call's input.
    guard: isGuardName(name),
    // A synchronous method on an object (`headers.set(k, v)`) changes that object, which
    // `mutatedArguments` follows to its root; only a request, or a function of a module, writes beyond it.
    writes: nested ? nestedWrites : !logging && effects.kind === 'write' && (!effects.receiver || started) && !callsHandedFunction(callee),
    mutatedArguments,
    nested,
  };
}

/** `this.load()`: a method called on the object the caller runs on. */
function isThisMethod(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword;
}

/**
 * `reject(err)`, `done()`, `clearTimeout(timer)`: a function the code was handed, or a timer.
 * Its name may sound like a write, but settling a promise or a timer changes nothing another call reads.
 */
function callsHandedFunction(callee: Node): boolean {
  if (!Node.isIdentifier(callee)) return false;
  if (TIMER_FUNCTIONS.has(callee.getText())) return true;
  return Node.isParameterDeclaration(callee.getSymbol()?.getValueDeclaration());
}

/** `name.split('/')`: a string, number or boolean, whose methods cannot change it. */
function holdsPrimitive(node: Node): boolean {
  const type = node.getType();
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.every((part) => (part.getFlags() & PRIMITIVE_FLAGS) !== 0);
}

/** A call or `new` whose result is a promise, or whose type the checker does not know. */
function startsWork(node: Node): boolean {
  if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) return false;
  if (SETTLED_PROMISES.test(node.getExpression().getText())) return false;
  const awaitable = awaitability(node, node.getProject().getTypeChecker());
  return awaitable === 'thenable' || (awaitable === 'unknown' && !isUntypedArrayWalk(node));
}

/**
 * `(link.levels || []).reduce((sum, l) => sum + l.qty, 0)` on an untyped value: an array
 * method handed a synchronous callback computes; it starts nothing whatever the receiver is.
 */
function isUntypedArrayWalk(node: Node): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !ARRAY_WALKS.has(callee.getName())) return false;
  const callback = node.getArguments()[0];
  return (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) && !callback.isAsync();
}

/** A call, or `await this.ready`, `await pending`: a promise that exists already, whose work started elsewhere. */
function awaitsCallOrExisting(expression: Node): boolean {
  let current = expression;
  while (Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current)) current = current.getExpression();
  return Node.isCallExpression(current) || Node.isIdentifier(current) || Node.isPropertyAccessExpression(current);
}

/** Code the function runs itself, not a callback or closure it defines. */
function ownCode(node: Node, fn: FunctionLike): boolean {
  for (let current = node.getParent(); current && current !== fn; current = current.getParent()) {
    if (Node.isFunctionLikeDeclaration(current) || Node.isArrowFunction(current) || Node.isFunctionExpression(current)) return false;
  }
  return true;
}

/** What an assignment or `++`/`--` changes (in-place collection methods are calls, judged as such). */
export function writtenTarget(node: Node): Node | undefined {
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    return operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment ? node.getLeft() : undefined;
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    return operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken ? node.getOperand() : undefined;
  }
  return undefined;
}

/**
 * The object whose contents a write changes: `this` in `this.cache[k] = v`, `repo` in
 * `repo.head = x` or in `repo` itself (handed to a method that changes it). Undefined for
 * a plain local assigned whole, which nobody else sees.
 */
function objectRoot(target: Node): Node | undefined {
  let root = target;
  let throughMember = false;
  while (
    Node.isPropertyAccessExpression(root) ||
    Node.isElementAccessExpression(root) ||
    Node.isNonNullExpression(root) ||
    Node.isParenthesizedExpression(root)
  ) {
    throughMember ||= Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root);
    root = root.getExpression();
  }
  if (root.getKind() === SyntaxKind.ThisKeyword) return root;
  if (!Node.isIdentifier(root)) return undefined;
  const assignedWhole = !throughMember && Node.isBinaryExpression(target.getParent()) && target.getParent()?.getChildAtIndex(0) === target;
  return assignedWhole && !isModuleVariable(root) ? undefined : root;
}

/** A module-level variable of the project's own code: not a global such as `JSON` or `Math`, declared in a lib file. */
function isModuleVariable(identifier: Node): boolean {
  const declaration = identifier.getSymbol()?.getValueDeclaration();
  return (
    Node.isVariableDeclaration(declaration) &&
    !declaration.getSourceFile().isDeclarationFile() &&
    Node.isSourceFile(declaration.getVariableStatement()?.getParent())
  );
}

/** The objects a call touches, as root texts (`repo`, `this.repo`, `this`): its receiver and its arguments. */
export function touchedRoots(call: CallExpression): string[] {
  const callee = call.getExpression();
  const parts: Node[] = [...call.getArguments()];
  if (Node.isPropertyAccessExpression(callee) || Node.isElementAccessExpression(callee)) parts.push(callee.getExpression());
  const roots = new Set<string>();
  for (const part of parts) {
    for (const compilerNode of [part.compilerNode, ...compilerDescendants(part.compilerNode)]) {
      const node = wrapperOf(part, compilerNode);
      if (Node.isIdentifier(node) || node.getKind() === SyntaxKind.ThisKeyword) {
        const parent = node.getParent();
        // `b` in `a.b` is a property name, not a variable.
        if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) continue;
        roots.add(rootText(outermostAccess(node)));
      }
    }
  }
  return [...roots];
}

/** `this.repo.branches` for the `this` in it: the longest property chain that starts at a node. */
function outermostAccess(node: Node): Node {
  let current = node;
  for (let parent = current.getParent(); Node.isPropertyAccessExpression(parent) && parent.getExpression() === current; parent = current.getParent())
    current = parent;
  return current;
}

/** Whether two root texts name the same object, or one a part of the other. */
export function sameObject(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
