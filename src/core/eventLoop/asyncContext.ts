// Where code runs on the event loop while other work waits: async functions, and the
// callbacks a program hands to servers, routers, emitters, timers and promises. And
// where it does not: worker threads, test files, and code that runs while nothing else
// waits (`runsWhileNothingWaits.ts`): one-off scripts and build tooling, startup (`main()`,
// `listen` callbacks, lifecycle hooks, a VS Code extension's `activate`, CLI command
// handlers) and shutdown (`process.on('SIGTERM')`, `deactivate`).
import {
  Node,
  SyntaxKind,
  ts,
  type BinaryExpression,
  type CallExpression,
  type Expression,
  type ObjectLiteralExpression,
  type PropertyAccessExpression,
  type SourceFile,
} from 'ts-morph';
import { importBindings, resolveCallee } from '../importedNames';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';
import { isTestFile } from '../testFiles';
import { isInCliPackage } from './cliPackage';
import { resolveFunction } from './functionTargets';
import { moduleOrigin } from './moduleOrigin';
import { isLifecycleHook, isOneOffScript, runsOnlyAtStartup } from './runsWhileNothingWaits';
import { isAsyncFunction, isCallbackArgument, isFunctionLike, type FunctionLike } from './syncRegion';
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
/** Packages whose apps and routers take request handlers, whatever the path argument looks like. */
const ROUTER_MODULES = new Set(['express', 'koa', '@koa/router', 'koa-router', 'fastify']);
/** Process events after which nothing is served any more; `exit` listeners must even be synchronous. */
const SHUTDOWN_EVENTS = new Set(['exit', 'beforeExit', 'SIGTERM', 'SIGINT']);
/** CLI libraries whose command handlers are the whole run of the process. */
const CLI_MODULES = new Set(['commander', 'yargs', 'yargs/yargs']);
const MAX_LABEL = 48;
/** The kinds of function that can be async. */
const ASYNC_CAPABLE_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
]);

/** A VS Code extension's hooks: run once when the extension starts and when it stops, before and after it serves anything. */
const EXTENSION_HOOKS = new Set(['activate', 'deactivate']);

/**
 * Every entry point this file creates, in document order. Test files have none: a test
 * runner waits for each test anyway, and a slow test is its own signal.
 */
export function entryPointsIn(sourceFile: SourceFile): EntryPoint[] {
  if (isTestFile(sourceFile) || isWorkerModule(sourceFile) || isOneOffScript(sourceFile)) return [];
  const entries: EntryPoint[] = [];
  const registered = new Set<Node>();
  /** Callbacks run at startup or shutdown (`app.listen(port, cb)`, `process.on('SIGTERM', cb)`), while nothing else waits. */
  const whileNothingWaits = new Set<Node>(extensionHooks(sourceFile));
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
      if (registration.kind === 'nothing-waits') {
        whileNothingWaits.add(fn);
        continue;
      }
      // An async function passed by name is an entry where it is declared.
      if (fn !== callback && isAsyncFunction(fn)) continue;
      registered.add(fn);
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
  const startupAnswers = new Map<FunctionLike, boolean>();
  for (const node of nodes) {
    if (!ASYNC_CAPABLE_KINDS.has(node.kind) || !hasAsyncModifier(node)) continue;
    const fn = wrapperOf(sourceFile, node) as FunctionLike;
    if (registered.has(fn) || whileNothingWaits.has(fn) || runsOnWorkerThread(fn) || isLifecycleHook(fn)) continue;
    if (runsOnlyAtStartup(fn, whileNothingWaits, startupAnswers)) continue;
    entries.push({ kind: 'async-function', fn, anchor: fn, label: asyncFunctionLabel(fn) });
  }
  return entries.sort((a, b) => a.anchor.getStart() - b.anchor.getStart());
}

/** `export function activate(context)` and `deactivate()` of a module that imports `vscode`. */
function extensionHooks(sourceFile: SourceFile): FunctionLike[] {
  if (![...importBindings(sourceFile).values()].some((binding) => binding.module === 'vscode')) return [];
  return sourceFile.getFunctions().filter((fn) => EXTENSION_HOOKS.has(fn.getName() ?? '') && fn.isExported() && fn.hasBody());
}

/** An argument that is, or may name, a function (`isCallbackArgument`), or an options object that may hold one. */
function mayHoldCallback(argument: ts.Expression): boolean {
  return (
    ts.isArrowFunction(argument) ||
    ts.isFunctionExpression(argument) ||
    ts.isIdentifier(argument) ||
    ts.isPropertyAccessExpression(argument) ||
    ts.isObjectLiteralExpression(argument)
  );
}

function hasAsyncModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

interface Registration {
  /** `nothing-waits`: the callbacks run at startup, at shutdown or as a CLI's one command, not while serving. */
  kind: EntryKind | 'nothing-waits';
  callbacks: Expression[];
  label: string;
}

/**
 * What the call `argument` is handed to makes of it: the kind of entry, `nothing-waits`,
 * or undefined when the call is no registration this file recognises.
 */
export function registrationKindOf(argument: Node): Registration['kind'] | undefined {
  const call = argument.getParent();
  if (!Node.isCallExpression(call)) return undefined;
  const registration = registrationOf(call);
  return registration?.callbacks.includes(argument as Expression) ? registration.kind : undefined;
}

/** A call that hands functions to the event loop, with those functions. */
function registrationOf(call: CallExpression): Registration | undefined {
  const callee = call.getExpression();
  const args = call.getArguments() as Expression[];
  const found = (kind: Registration['kind'], callbacks: Expression[]): Registration => ({ kind, callbacks, label: registrationLabel(call) });
  const routeHandler = routeObjectHandler(call);
  if (routeHandler) return found('route', [routeHandler]);
  const commandHandler = cliCommandHandler(call);
  if (commandHandler) return found('nothing-waits', [commandHandler]);
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
  // `app.listen(port, () => ...)`: the server has just started and has not served anyone yet.
  if (method === 'listen' && args[args.length - 1] === functions[functions.length - 1]) return found('nothing-waits', functions.slice(-1));
  if (LISTENER_METHODS.has(method) && isStringLike(args[0])) {
    // A worker's `parentPort` runs off the main thread.
    if (receiver === 'parentPort') return undefined;
    const event = literalText(args[0]) ?? '';
    const kind = (receiver === 'process' && SHUTDOWN_EVENTS.has(event)) || event === 'listening' ? 'nothing-waits' : 'listener';
    return found(kind, args.slice(1, 2).filter(isCallbackArgument));
  }
  if (ROUTE_METHODS.has(method) && isRouteRegistration(call, method)) return found('route', functions);
  return undefined;
}

/**
 * `app.get('/x', handler)`, `router.get(`/menu/${type}`, handler)`, `app.route('/x').get(handler)`,
 * and any route method of an app or router made by a known framework (`app.get(paths.menu, handler)`).
 */
function isRouteRegistration(call: CallExpression, method: string): boolean {
  const [first, ...rest] = call.getArguments();
  if (method === 'use' || isRoutePath(first)) return true;
  const receiver = (call.getExpression() as PropertyAccessExpression).getExpression();
  if (isRouteChain(receiver)) return true;
  // A handler after the path: `map.get(key)` and `emitter.get(fn)` are not routes.
  if (!rest.some(isCallbackArgument)) return false;
  const origin = moduleOrigin(receiver);
  return origin !== undefined && ROUTER_MODULES.has(origin);
}

/** Express's `app.route('/x')`, and the route methods chained on it (`.get(a).post(b)`). */
function isRouteChain(receiver: Node): boolean {
  if (!Node.isCallExpression(receiver)) return false;
  const callee = receiver.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  if (callee.getName() === 'route') return isRoutePath(receiver.getArguments()[0]);
  return ROUTE_METHODS.has(callee.getName()) && isRouteChain(callee.getExpression());
}

/**
 * commander's `program.command('build').action(handler)`, yargs's
 * `.command('serve', 'desc', builder, handler)` and `.command({ handler })`: the handler
 * is the one job this run of the process does.
 */
function cliCommandHandler(call: CallExpression): Expression | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  if (method !== 'action' && method !== 'command') return undefined;
  const args = call.getArguments();
  const last = args[args.length - 1];
  const handler = method === 'action' ? args[0] : Node.isObjectLiteralExpression(last) ? propertyValue(last, 'handler') : last;
  if (!handler || !isCallbackArgument(handler)) return undefined;
  const origin = moduleOrigin(callee.getExpression());
  if (origin !== undefined && CLI_MODULES.has(origin)) return handler;
  // A CLI package's own command class (`new Command('deploy').action(...)` from '../command').
  return method === 'action' && isInCliPackage(call.getSourceFile()) ? handler : undefined;
}

/** fastify's `app.route({ method, url, handler })`: the handler. */
function routeObjectHandler(call: CallExpression): Expression | undefined {
  const callee = call.getExpression();
  const [options, ...rest] = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'route' || rest.length > 0 || !Node.isObjectLiteralExpression(options)) return undefined;
  if (!options.getProperty('url')) return undefined;
  const value = propertyValue(options, 'handler');
  return value && isCallbackArgument(value) ? value : undefined;
}

/** `{ handler: fn }`, `{ handler }` or `{ handler() {} }`: the function the property holds. */
function propertyValue(options: ObjectLiteralExpression, name: string): Node | undefined {
  const property = options.getProperty(name);
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return Node.isMethodDeclaration(property) ? property : undefined;
}

function isRoutePath(node: Node | undefined): boolean {
  if (!node) return false;
  if (Node.isRegularExpressionLiteral(node)) return true;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().length > 0 && node.getElements().every(isRoutePath);
  // `/menu/${type}`: a path built from a template.
  const text = Node.isTemplateExpression(node) ? node.getHead().getLiteralText() : literalText(node);
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
  const isPath = first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first) || Node.isTemplateExpression(first));
  const firstText = isPath && first.getText().length <= 32 ? `${first.getText()}, ` : '';
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
