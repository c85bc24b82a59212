// Where code runs on the event loop while other work waits: async functions, and the
// callbacks a program hands to servers, routers, emitters, timers and promises. And
// where it does not: worker threads, startup code that runs once before anything else,
// `process.on('exit')`, which must be synchronous, and test files.
import { Node, SyntaxKind, ts, type BinaryExpression, type CallExpression, type Expression, type SourceFile } from 'ts-morph';
import { identifiersNamed } from '../identifierIndex';
import { resolveCallee } from '../importedNames';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';
import { resolveFunction } from './functionTargets';
import { isAsyncFunction, isFunctionLike, type FunctionLike } from './syncRegion';
import { isWorkerModule, runsOnWorkerThread } from './workerThreads';

export type EntryKind = 'async-function' | 'server' | 'route' | 'listener' | 'timer' | 'promise-callback' | 'message-handler' | 'io-callback';

export interface EntryPoint {
  kind: EntryKind;
  /** The function that runs on the event loop; it may live in another file when passed by name. */
  fn: FunctionLike;
  /** Where this file gives the function to the event loop: the function, or the name passed to `app.get(...)`. */
  anchor: Node;
  /** The entry as the card names it, in code: `handleHull()`, `app.get('/hull', …)`, `setInterval(…)`. */
  label: string;
}

const SERVER_MODULES = new Set(['http', 'https', 'http2', 'net', 'tls']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
/** Node modules whose functions take a completion callback that runs on the event loop later. */
const CALLBACK_MODULES = new Set(['fs', 'zlib', 'crypto', 'dns', 'child_process']);
const MAX_LABEL = 48;
/** The kinds of function that can be async. */
const ASYNC_CAPABLE_KINDS = new Set<SyntaxKind>([SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction, SyntaxKind.MethodDeclaration]);

/** Test files: a test runner waits for each test anyway, and a slow test is its own signal. */
const TEST_FILE = /(^|[\\/])__tests__[\\/]|[._-](test|spec)\.[cm]?[jt]sx?$/;

/** Every entry point this file creates, in document order. */
export function entryPointsIn(sourceFile: SourceFile): EntryPoint[] {
  if (TEST_FILE.test(sourceFile.getFilePath()) || isWorkerModule(sourceFile)) return [];
  const entries: EntryPoint[] = [];
  const registered = new Set<Node>();
  // One walk of the compiler's tree; only the nodes that could create an entry get wrapped.
  const nodes = compilerDescendants(sourceFile.compilerNode);
  for (const node of nodes) {
    if (!ts.isCallExpression(node) || !node.arguments.some(mayHoldCallback)) continue;
    const call = wrapperOf(sourceFile, node) as CallExpression;
    const registration = registrationOf(call);
    if (!registration || runsOnWorkerThread(call)) continue;
    for (const callback of registration.callbacks) {
      const fn = isFunctionLike(callback) ? callback : resolveFunction(callback);
      if (!fn) continue;
      registered.add(fn);
      // An async function passed by name is an entry where it is declared.
      if (fn !== callback && isAsyncFunction(fn)) continue;
      entries.push({ kind: registration.kind, fn, anchor: callback, label: registration.label });
    }
  }
  for (const node of nodes) {
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(node.left)) continue;
    const assignment = wrapperOf(sourceFile, node) as BinaryExpression;
    const handler = messageHandlerAssignment(assignment);
    if (!handler || runsOnWorkerThread(assignment)) continue;
    const fn = isFunctionLike(handler.value) ? handler.value : resolveFunction(handler.value);
    if (!fn || (fn !== handler.value && isAsyncFunction(fn))) continue;
    registered.add(fn);
    entries.push({ kind: 'message-handler', fn, anchor: handler.value, label: handler.label });
  }
  for (const node of nodes) {
    if (!ASYNC_CAPABLE_KINDS.has(node.kind) || !hasAsyncModifier(node)) continue;
    const fn = wrapperOf(sourceFile, node) as FunctionLike;
    if (registered.has(fn) || runsOnWorkerThread(fn) || runsOnceAtStartup(fn)) continue;
    entries.push({ kind: 'async-function', fn, anchor: fn, label: asyncFunctionLabel(fn) });
  }
  return entries.sort((a, b) => a.anchor.getStart() - b.anchor.getStart());
}

/** An argument that is, or may name, a function (`isCallbackArgument`), or an options object that may hold one. */
function mayHoldCallback(argument: ts.Expression): boolean {
  return ts.isArrowFunction(argument) || ts.isFunctionExpression(argument) || ts.isIdentifier(argument) || ts.isPropertyAccessExpression(argument) || ts.isObjectLiteralExpression(argument);
}

function hasAsyncModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

interface Registration {
  kind: EntryKind;
  callbacks: Expression[];
  label: string;
}

/** A call that hands functions to the event loop, with those functions. */
function registrationOf(call: CallExpression): Registration | undefined {
  const callee = call.getExpression();
  const args = call.getArguments() as Expression[];
  const found = (kind: EntryKind, callbacks: Expression[]): Registration => ({ kind, callbacks, label: registrationLabel(call) });
  const routeHandler = routeObjectHandler(call);
  if (routeHandler) return found('route', [routeHandler]);
  const functions = args.filter(isCallbackArgument);
  if (functions.length === 0) return undefined;
  const known = resolveCallee(callee);
  if (known && SERVER_MODULES.has(known.module) && /^create(Secure)?Server$/.test(known.path)) return found('server', functions);
  if (known && known.module === 'timers' && TIMERS.has(known.path)) return found('timer', functions.slice(0, 1));
  if (Node.isIdentifier(callee) && TIMERS.has(callee.getText()) && isGlobal(callee)) return found('timer', [args[0]].filter(isCallbackArgument));
  if (known && CALLBACK_MODULES.has(known.module) && args[args.length - 1] === functions[functions.length - 1]) {
    return found('io-callback', [functions[functions.length - 1]]);
  }
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiver = callee.getExpression().getText();
  if (method === 'nextTick' && receiver === 'process') return found('timer', [args[0]].filter(isCallbackArgument));
  if (PROMISE_METHODS.has(method)) return found('promise-callback', functions);
  if (LISTENER_METHODS.has(method) && isStringLike(args[0])) {
    // `exit` listeners must finish synchronously; a worker's `parentPort` runs off the main thread.
    if (receiver === 'process' && literalText(args[0]) === 'exit') return undefined;
    if (receiver === 'parentPort') return undefined;
    return found('listener', args.slice(1, 2).filter(isCallbackArgument));
  }
  if (ROUTE_METHODS.has(method) && (method === 'use' || isRoutePath(args[0]))) {
    return found('route', functions);
  }
  return undefined;
}

/** fastify's `app.route({ method, url, handler })`: the handler. */
function routeObjectHandler(call: CallExpression): Expression | undefined {
  const callee = call.getExpression();
  const [options, ...rest] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'route' || rest.length > 0 || !Node.isObjectLiteralExpression(options)) return undefined;
  if (!options.getProperty('url')) return undefined;
  const handler = options.getProperty('handler');
  const value = Node.isPropertyAssignment(handler) ? handler.getInitializer() : Node.isMethodDeclaration(handler) ? handler : undefined;
  return value && isCallbackArgument(value) ? (value as Expression) : undefined;
}

/** An inline function, or a name or property that may refer to one. */
function isCallbackArgument(node: Node | undefined): node is Expression {
  if (!node) return false;
  return isFunctionLike(node) || Node.isIdentifier(node) || (Node.isPropertyAccessExpression(node) && !Node.isCallExpression(node.getExpression()));
}

function isRoutePath(node: Node | undefined): boolean {
  if (!node) return false;
  if (Node.isRegularExpressionLiteral(node)) return true;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().length > 0 && node.getElements().every(isRoutePath);
  const text = literalText(node);
  return text !== undefined && (text.startsWith('/') || text.startsWith('*'));
}

function isStringLike(node: Node | undefined): boolean {
  return literalText(node) !== undefined;
}

function literalText(node: Node | undefined): string | undefined {
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return node.getLiteralValue();
  return undefined;
}

/** An identifier that the program does not declare itself: a global such as `setTimeout`. */
function isGlobal(identifier: Node): boolean {
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  return declarations.every((d) => d.getSourceFile().isDeclarationFile());
}

/** `ws.onmessage = (event) => ...`; `self.onmessage` is a Web Worker's own handler. */
function messageHandlerAssignment(node: Node & { getLeft(): Node; getRight(): Node }): { value: Expression; label: string } | undefined {
  const left = node.getLeft();
  const right = node.getRight() as Expression;
  if (!Node.isPropertyAccessExpression(left) || !/^on[a-z]+$/.test(left.getName())) return undefined;
  const receiver = left.getExpression().getText();
  if (receiver === 'self' || receiver === 'globalThis' || receiver === 'parentPort') return undefined;
  if (!isCallbackArgument(right)) return undefined;
  return { value: right, label: shorten(left.getText()) };
}

/** `app.get('/hull', …)`: the callee, and the first argument when it is a short literal. */
function registrationLabel(call: CallExpression): string {
  const callee = shorten(call.getExpression().getText().replace(/\s+/g, ''));
  const [first] = call.getArguments();
  const firstText = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) && first.getText().length <= 32 ? `${first.getText()}, ` : '';
  return `${callee}(${firstText}…)`;
}

function asyncFunctionLabel(fn: FunctionLike): string {
  const name = functionName(fn);
  if (name) return `${name}()`;
  const parent = fn.getParent();
  if (Node.isCallExpression(parent)) return registrationLabel(parent);
  return fn.isKind(SyntaxKind.ArrowFunction) ? 'async () => …' : 'async function () { … }';
}

/** The name a function is known by: its own, or that of the variable or property holding it. */
export function functionName(fn: FunctionLike): string | undefined {
  if (Node.isConstructorDeclaration(fn)) return `new ${fn.getParent().getName() ?? 'class'}`;
  if (!Node.isArrowFunction(fn)) {
    const own = fn.getName();
    if (own) return own;
  }
  const parent = fn.getParent();
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)) return parent.getName();
  return undefined;
}

function shorten(text: string): string {
  return text.length <= MAX_LABEL ? text : `…${text.slice(text.length - MAX_LABEL + 1)}`;
}

/**
 * Startup code: a module-level async function that is only ever called from the module's
 * top level (`main()`, `main().catch(...)`, an async IIFE). It runs once, before the
 * program serves anything, like a build script or a CLI that does one job and exits.
 */
function runsOnceAtStartup(fn: FunctionLike): boolean {
  if ((Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) && isTopLevelInvocation(fn)) return true;
  const nameNode = Node.isFunctionDeclaration(fn)
    ? fn.getNameNode()
    : Node.isVariableDeclaration(fn.getParent())
      ? (fn.getParentOrThrow() as Node & { getNameNode(): Node }).getNameNode()
      : undefined;
  if (!nameNode || !Node.isIdentifier(nameNode)) return false;
  const statement = Node.isFunctionDeclaration(fn) ? fn : fn.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  if (!statement || !Node.isSourceFile(statement.getParent()) || (Node.isExportable(statement) && statement.isExported())) return false;
  const symbol = nameNode.getSymbol();
  const uses = identifiersNamed(nameNode.getSourceFile(), nameNode.getText())
    .filter((id) => id !== nameNode.compilerNode)
    .map((id) => wrapperOf(nameNode, id))
    .filter((id) => id.getSymbol() === symbol);
  return uses.length > 0 && uses.every(isTopLevelInvocation);
}

/** `x()`, `x().catch(...)`, `await x()`, `void x()` in a statement outside every function. */
function isTopLevelInvocation(node: Node): boolean {
  let current = node;
  while (Node.isParenthesizedExpression(current.getParentOrThrow())) current = current.getParentOrThrow();
  const call = current.getParent();
  if (!Node.isCallExpression(call) || call.getExpression() !== current) return false;
  return !call.getFirstAncestor(isFunctionLike) && !assignsToModuleExports(call);
}

/** `module.exports = main()` hands the result to other modules: not startup-only. */
function assignsToModuleExports(node: Node): boolean {
  const assignment = node.getFirstAncestorByKind(SyntaxKind.BinaryExpression);
  return !!assignment && assignment.getLeft().getText().startsWith('module.exports');
}
