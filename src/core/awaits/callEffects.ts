// What a call does, as far as its names, its receiver and its first argument tell:
// does it read, consume or write, which resource does it touch, and does it exist only
// to put things in order (a sleep, a lock, a transaction step)? The await rules use
// this to keep in order the calls whose order plausibly matters.
import { Node, SyntaxKind, type CallExpression, type Expression } from 'ts-morph';
import { importedNameOf, resolveCallee } from '../importedNames';
import type { AnalyzerSettings } from '../settings';
import { firstDescendantOfKind } from '../syntaxDescendants';
import { passesTransaction } from './transactionArguments';

/**
 * `read`: returns data and changes nothing another call could see.
 * `consume`: a read that takes something away (`stream.read()`, `queue.pop()`), so two
 * of them on one receiver depend on their order.
 * `write`: changes state. `unknown`: the names do not say.
 */
export type CallKind = 'read' | 'consume' | 'write' | 'unknown';

/**
 * Calls whose whole point is ordering, which must never move past other awaits.
 * `pacing`: waits on time or on someone (sleeps, back-off, rate limits,
 * `once(emitter, 'ready')`, and questions put to a person, who answers one at a time).
 */
export type OrderingRole = 'pacing' | 'lock' | 'transaction';

/**
 * A key, path or id a call works on, written as a pattern: a string's value (`users/42`),
 * `${dir}` for a variable or property path, `${dir}/index.html` for a template or a
 * `path.join`. Two calls touch the same resource when their patterns are equal or one
 * is a path inside the other.
 */
export type Resource = string;

export interface CallEffects {
  /** Names along the call chain, innermost first: `db.select().from(t)` gives `select`, `from`. */
  names: string[];
  /**
   * The object the chain is called on (`db`, `this.repo`), when that is an object with
   * state of its own rather than a module of functions (`fs`, `path`, a namespace import).
   */
  receiver?: Expression;
  kind: CallKind;
  role?: OrderingRole;
  /** The keys, paths and ids the call works on. */
  resources: Resource[];
  /** Variables its other arguments name. */
  mentions: Resource[];
}

// Verbs are matched on the first word of a camelCase or snake_case name (`getUserById` → `get`).
const READ_VERBS = new Set([
  'get',
  'fetch',
  'load',
  'read',
  'readdir',
  'readlink',
  'realpath',
  'stat',
  'lstat',
  'access',
  'exists',
  'find',
  'list',
  'select',
  'where',
  'first',
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'aggregate',
  'distinct',
  'search',
  'lookup',
  'resolve',
  'check',
  'has',
  'is',
  'download',
  'retrieve',
  'head',
  'compute',
  'calculate',
  'parse',
  'validate',
  'verify',
  'hash',
  'prefetch',
  'preload',
  'scan',
  'describe',
  'inspect',
  'peek',
  'collect',
  'gather',
  'render',
  'format',
  'estimate',
  'preview',
  'paginate',
  'to',
  'query',
]);

const WRITE_VERBS = new Set([
  'set',
  'save',
  'write',
  'put',
  'post',
  'patch',
  'delete',
  'del',
  'remove',
  'rm',
  'rmdir',
  'unlink',
  'rename',
  'create',
  'insert',
  'update',
  'upsert',
  'replace',
  'send',
  'emit',
  'publish',
  'notify',
  'enqueue',
  'push',
  'append',
  'commit',
  'rollback',
  'begin',
  'charge',
  'pay',
  'refund',
  'upload',
  'store',
  'persist',
  'add',
  'register',
  'mark',
  'increment',
  'incr',
  'decrement',
  'decr',
  'clear',
  'reset',
  'flush',
  'close',
  'destroy',
  'drop',
  'truncate',
  'mkdir',
  'mkdtemp',
  'copy',
  'cp',
  'move',
  'mv',
  'chmod',
  'chown',
  'symlink',
  'link',
  'utimes',
  'lock',
  'unlock',
  'acquire',
  'release',
  'login',
  'logout',
  'log',
  'sign',
  'auth',
  'authenticate',
  'authorize',
  'init',
  'initialize',
  'setup',
  'connect',
  'disconnect',
  'start',
  'stop',
  'open',
  'apply',
  'execute',
  'exec',
  'run',
  'process',
  'handle',
  'sync',
  'migrate',
  'seed',
  'deploy',
  'install',
  'kill',
  'invalidate',
  'revoke',
  'grant',
  'approve',
  'reject',
  'cancel',
  'submit',
  'confirm',
  'trigger',
  'dispatch',
  'schedule',
  'subscribe',
  'unsubscribe',
  'track',
  'record',
  'ensure',
  'attach',
  'detach',
  'assign',
  'transfer',
  'deposit',
  'withdraw',
  'reserve',
  'book',
  'claim',
  'archive',
  'restore',
  'import',
  'invoke',
  'click',
  'fill',
  'type',
  'press',
  'goto',
  'navigate',
  'reload',
  'refresh',
  'warm',
  // Steps that produce artifacts the next step often reads.
  'build',
  'compile',
  'bundle',
  'generate',
  'transpile',
  'minify',
  'prepare',
  'make',
  'provision',
  'spawn',
  'launch',
  'boot',
  'bootstrap',
  'mount',
  'unmount',
  'listen',
  'bind',
  'serve',
  'upgrade',
  'merge',
]);

// A write hiding behind a reading verb: `getOrCreateUser`, `fetchAndLock`, `loadOrInsert`.
const WRITE_WORDS_ANYWHERE = new Set([
  'create',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'save',
  'lock',
  'reserve',
  'claim',
  'increment',
  'decrement',
]);

// Only the exact name: `readFile` is a plain read, `reader.read()` takes the next chunk.
const CONSUMING_NAMES = new Set([
  'read',
  'readLine',
  'readline',
  'next',
  'pop',
  'shift',
  'dequeue',
  'take',
  'receive',
  'recv',
  'consume',
  'poll',
  'question',
  'prompt',
  'pull',
  'accept',
]);

// Calls that exist to throw on bad input, so that what follows runs only for input that passed.
const GUARD_VERBS = new Set(['validate', 'verify', 'check', 'assert', 'ensure', 'require', 'guard', 'authorize', 'expect']);

const PACING_VERBS = new Set(['sleep', 'delay', 'wait', 'pause', 'backoff', 'throttle', 'snooze', 'yield', 'once', 'ready', 'tick']);
const PACING_NAMES = new Set(['setTimeout', 'setImmediate', 'nextTick', 'requestAnimationFrame']);
const PACING_WORDS = /backoff|sleep|delay|throttl|ratelimit|cooldown|nexttick|nextframe/i;
const INTERACTIVE_VERBS = new Set(['prompt', 'question', 'ask', 'confirm']);
/** Libraries whose calls put a question to a person at a terminal. */
export const INTERACTIVE_MODULES = /^(@inquirer\/.*|inquirer|prompts|enquirer|@clack\/prompts|readline(\/promises)?)$/;
const RATE_LIMITER_RECEIVER = /limiter|throttl|bucket|ratelimit/i;

const LOCK_NAMES = new Set([
  'acquire',
  'acquireLock',
  'runExclusive',
  'waitForUnlock',
  'lock',
  'tryLock',
  'withLock',
  'synchronized',
  'exclusive',
  'unlock',
  'release',
  'releaseLock',
]);

const TRANSACTION_NAMES = new Set([
  'begin',
  'beginTransaction',
  'startTransaction',
  'commit',
  'commitTransaction',
  'rollback',
  'abortTransaction',
  'transaction',
  'withTransaction',
  'runInTransaction',
  'transact',
  'savepoint',
  'startSession',
]);
const TRANSACTION_RECEIVER = /^(tx|trx|txn|transaction|session)$|(Tx|Trx|Txn|Transaction|Session)$/;
const SQL_RUNNERS = new Set(['query', 'execute', 'exec', 'raw', 'run', 'unsafe', 'sql']);
const READ_SQL = /^\s*(select|with|show|explain|describe|values)\b/i;
const WRITE_SQL =
  /\b(insert|update|delete|merge|upsert|replace|create|drop|alter|truncate|grant|revoke|lock|call|copy|set|begin|commit|rollback|nextval|for\s+update)\b/i;
const TRANSACTION_SQL = /^\s*(begin|start\s+transaction|commit|rollback|savepoint|release\s+savepoint)\b/i;

// Modules whose functions share no per-object state: calling two of them is like calling two functions.
const STATELESS_MODULES = new Set([
  'fs',
  'fs/promises',
  'path',
  'os',
  'dns',
  'dns/promises',
  'zlib',
  'crypto',
  'util',
  'url',
  'timers/promises',
  'stream/promises',
]);

// Naming what a promise chain does: `.then()` says nothing about the call it follows.
const CONTINUATIONS = new Set(['then', 'catch', 'finally']);

export function callEffects(call: CallExpression, settings: AnalyzerSettings): CallEffects {
  const combined = combinedCalls(call);
  if (combined) return mergeEffects(combined.map((c) => callEffects(c, settings)));
  const { names, receiver } = callChain(call);
  const statefulReceiver = receiver && !isModuleOfFunctions(receiver) ? receiver : undefined;
  return {
    names,
    receiver: statefulReceiver,
    kind: kindOf(call, names, statefulReceiver),
    role: roleOf(call, names, receiver, settings),
    resources: resourcesOf(call, statefulReceiver),
    mentions: mentionsOf(call),
  };
}

/** What `callEffects` says of a call's kind, for callers without settings (only its roles need them). */
export function callKind(call: CallExpression): CallKind {
  const { names, receiver } = callChain(call);
  return kindOf(call, names, receiver && !isModuleOfFunctions(receiver) ? receiver : undefined);
}

const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** The calls inside `Promise.all([f(), g()])`; undefined for any other call, or when an element is not a call. */
function combinedCalls(call: CallExpression): CallExpression[] | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== 'Promise' || !COMBINATORS.has(callee.getName())) return undefined;
  const [items] = call.getArguments();
  if (!items || !Node.isArrayLiteralExpression(items)) return undefined;
  const calls = items.getElements().map(unwrap);
  return calls.every((c): c is CallExpression => Node.isCallExpression(c)) ? calls : undefined;
}

/** What a group of calls started together does: everything any of them does. */
function mergeEffects(parts: CallEffects[]): CallEffects {
  const rank: Record<CallKind, number> = { read: 0, unknown: 1, consume: 2, write: 3 };
  return {
    names: parts.flatMap((p) => p.names),
    // Several receivers have no single one to compare with.
    receiver: undefined,
    kind: parts.reduce<CallKind>((kind, p) => (rank[p.kind] > rank[kind] ? p.kind : kind), 'read'),
    role: parts.find((p) => p.role)?.role,
    resources: parts.flatMap((p) => p.resources),
    mentions: parts.flatMap((p) => p.mentions),
  };
}

/** `a.b(x).c(y)` → names `b`, `c` and receiver `a`; `f(x).then(g)` → name `f`, no receiver. */
function callChain(call: CallExpression): { names: string[]; receiver?: Expression } {
  const names: string[] = [];
  let current: Node = call;
  for (;;) {
    current = unwrap(current);
    if (!Node.isCallExpression(current)) return { names, receiver: undefined };
    const callee = unwrap(current.getExpression());
    if (Node.isIdentifier(callee)) {
      names.unshift(callee.getText());
      return { names };
    }
    if (!Node.isPropertyAccessExpression(callee) && !Node.isElementAccessExpression(callee)) return { names };
    const name = memberName(callee);
    if (name !== undefined && !CONTINUATIONS.has(name)) names.unshift(name);
    // Property reads between calls (`a.b(x).rows.first()`) belong to the chain, not the receiver.
    let object: Node = unwrap(callee.getExpression());
    while ((Node.isPropertyAccessExpression(object) || Node.isElementAccessExpression(object)) && containsCall(object)) {
      object = unwrap(object.getExpression());
    }
    if (Node.isCallExpression(object)) {
      current = object;
      continue;
    }
    return { names, receiver: object as Expression };
  }
}

function memberName(access: Node): string | undefined {
  if (Node.isPropertyAccessExpression(access)) return access.getName();
  if (Node.isElementAccessExpression(access)) {
    const argument = access.getArgumentExpression();
    if (argument && Node.isStringLiteral(argument)) return argument.getLiteralValue();
  }
  return undefined;
}

function containsCall(node: Node): boolean {
  return Node.isCallExpression(node) || firstDescendantOfKind(node, SyntaxKind.CallExpression) !== undefined;
}

function unwrap(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current) || Node.isAsExpression(current)) {
    current = current.getExpression();
  }
  return current;
}

/** `fs.readFile`, `api.getUser` with `import * as api`: functions of a module, not methods of an object. */
function isModuleOfFunctions(receiver: Expression): boolean {
  let root: Node = receiver;
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root)) return false;
  const declarations = root.getSymbol()?.getDeclarations() ?? [];
  if (declarations.some((d) => Node.isNamespaceImport(d))) return true;
  const imported = importedNameOf(root);
  return !!imported && STATELESS_MODULES.has(imported.module);
}

/** The first word of a name: `getUserById` → `get`, `$transaction` → `transaction`, `GET` → `get`. */
export function verbOf(name: string): string {
  return wordsOf(name)[0] ?? '';
}

/** `validateImport`, `assertOwner`, `checkQuota`: a name that says the call is there to throw on bad input. */
export function isGuardName(name: string): boolean {
  return GUARD_VERBS.has(verbOf(name));
}

/** The lower-case words of a camelCase or snake_case name. */
function wordsOf(name: string): string[] {
  const bare = name.replace(/^[$_]+/, '');
  if (bare === bare.toUpperCase()) return [bare.toLowerCase()];
  return bare
    .split(/(?=[A-Z])|_/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

function kindOf(call: CallExpression, names: string[], receiver: Expression | undefined): CallKind {
  let kind: CallKind = 'unknown';
  for (const name of names) {
    const own = kindOfName(call, name, receiver);
    if (own === 'write') return 'write';
    if (own === 'consume' || (own === 'read' && kind === 'unknown')) kind = own;
  }
  return kind;
}

/** What one of a call's names says it does; `fetch`, SQL runners and `post` are read by their arguments. */
function kindOfName(call: CallExpression, name: string, receiver: Expression | undefined): CallKind {
  if (name === 'fetch') return fetchKind(call);
  if (SQL_RUNNERS.has(name)) return sqlKind(call);
  if (name === 'post') return postKind(call);
  return nameKind(name, receiver);
}

function nameKind(name: string, receiver: Expression | undefined): CallKind {
  if (receiver && CONSUMING_NAMES.has(name)) return 'consume';
  const verb = verbOf(name);
  if (WRITE_VERBS.has(verb) || wordsOf(name).some((w) => WRITE_WORDS_ANYWHERE.has(w))) return 'write';
  if (READ_VERBS.has(verb)) return 'read';
  return 'unknown';
}

/**
 * `client.post('/projects/p:getIamPolicy')`: Google's APIs send their custom methods with POST
 * (AIP-136), and a method named for reading (`:getIamPolicy`, `:testIamPermissions`, `:search`)
 * reads. Any other POST writes.
 */
function postKind(call: CallExpression): CallKind {
  const url = firstArgumentText(call);
  const method = url && /:([a-z][A-Za-z]*)(?:\?.*)?$/.exec(url)?.[1];
  return method && READ_VERBS.has(verbOf(method)) ? 'read' : 'write';
}

/** `db.query('SELECT …')` reads; any other statement may write; SQL we cannot see is unknown. */
function sqlKind(call: CallExpression): CallKind {
  const sql = firstArgumentText(call);
  if (sql === undefined) return 'unknown';
  return READ_SQL.test(sql) && !WRITE_SQL.test(sql) ? 'read' : 'write';
}

/** The text of a call's first argument when it is a string or a template (its holes as `?`). */
function firstArgumentText(call: CallExpression): string | undefined {
  const first = call.getArguments()[0];
  if (!first) return undefined;
  if (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) return first.getLiteralValue();
  if (Node.isTemplateExpression(first))
    return (
      first.getHead().getLiteralText() +
      first
        .getTemplateSpans()
        .map((s) => ` ? ${s.getLiteral().getLiteralText()}`)
        .join('')
    );
  return undefined;
}

/** `fetch(url)` reads; `fetch(url, { method: 'POST' })` writes; a method we cannot see is unknown. */
function fetchKind(call: CallExpression): CallKind {
  const init = call.getArguments()[1];
  if (!init) return 'read';
  if (!Node.isObjectLiteralExpression(init)) return 'unknown';
  const method = init.getProperty('method');
  if (!method) return init.getProperties().some((p) => Node.isSpreadAssignment(p)) ? 'unknown' : 'read';
  if (!Node.isPropertyAssignment(method)) return 'unknown';
  const value = method.getInitializer();
  if (!value || !Node.isStringLiteral(value)) return 'unknown';
  return /^(get|head|options)$/i.test(value.getLiteralValue()) ? 'read' : 'write';
}

function roleOf(call: CallExpression, names: string[], receiver: Expression | undefined, settings: AnalyzerSettings): OrderingRole | undefined {
  const receiverText = receiver?.getText() ?? '';
  if (names.some((n) => isLockName(n, settings)) || (/(^|\.)locks$/.test(receiverText) && names.includes('request'))) return 'lock';
  if (names.some((n) => TRANSACTION_NAMES.has(n.replace(/^\$/, ''))) || isTransactionSql(call, names)) return 'transaction';
  if (receiver && TRANSACTION_RECEIVER.test(rootName(receiver))) return 'transaction';
  if (passesTransaction(call, receiver)) return 'transaction';
  const isPacing = (n: string): boolean => PACING_NAMES.has(n) || PACING_VERBS.has(verbOf(n)) || PACING_WORDS.test(n);
  // `await Promise.resolve()` is there to yield, not to fetch anything.
  if (names.some(isPacing) || RATE_LIMITER_RECEIVER.test(receiverText) || receiverText === 'Promise') return 'pacing';
  const module = resolveCallee(call.getExpression())?.module;
  if (names.some((n) => INTERACTIVE_VERBS.has(verbOf(n))) || (module && INTERACTIVE_MODULES.test(module))) return 'pacing';
  return undefined;
}

export function isLockName(name: string, settings: AnalyzerSettings): boolean {
  if (LOCK_NAMES.has(name)) return true;
  const configured = [...settings.locks.acquireMethods, ...settings.locks.releaseMethods, ...settings.locks.runExclusiveMethods];
  return configured.some((entry) => entry.slice(entry.indexOf('#') + 1) === name);
}

export function isTransactionName(name: string): boolean {
  return TRANSACTION_NAMES.has(name.replace(/^\$/, ''));
}

/** `client.query('BEGIN')`, `db.exec("COMMIT")`. */
function isTransactionSql(call: CallExpression, names: string[]): boolean {
  if (!names.some((n) => SQL_RUNNERS.has(n))) return false;
  const sql = firstArgumentText(call);
  return sql !== undefined && TRANSACTION_SQL.test(sql);
}

/** The name of the variable or `this.` field a receiver hangs off. */
function rootName(receiver: Node): string {
  const root = receiverRoot(receiver);
  if (Node.isPropertyAccessExpression(root)) return root.getName();
  return Node.isIdentifier(root) ? root.getText() : '';
}

/** `db` for `db.users`, `this.db` for `this.db.users`: `this` alone says nothing. */
function receiverRoot(receiver: Node): Node {
  let root = receiver;
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) {
    const inner = root.getExpression();
    if (inner.getKind() === SyntaxKind.ThisKeyword) break;
    root = inner;
  }
  return root;
}

/**
 * What a call works on, as keys (see `Resource`): what its first argument names, and its
 * receiver (`store.files.createRoot()` changes `store`).
 */
function resourcesOf(call: CallExpression, receiver: Expression | undefined): string[] {
  const first = call.getArguments()[0];
  const keys = first ? keysOf(first) : [];
  if (receiver) keys.push(`\${${normalizedText(receiver)}}`);
  return keys;
}

/** The variables the other arguments name: often a payload (`text`), sometimes a second path. */
function mentionsOf(call: CallExpression): string[] {
  return call
    .getArguments()
    .slice(1)
    .flatMap((argument) => keysOf(argument).filter((k) => k.startsWith('${')));
}

function keysOf(expression: Node): string[] {
  const node = unwrap(expression);
  if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) return [];
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue() === '' ? [] : [node.getLiteralValue()];
  if (Node.isTemplateExpression(node)) {
    return [
      node.getHead().getLiteralText() +
        node
          .getTemplateSpans()
          .map((span) => `\${${normalizedText(span.getExpression())}}${span.getLiteral().getLiteralText()}`)
          .join(''),
    ];
  }
  if (Node.isIdentifier(node) || (Node.isPropertyAccessExpression(node) && !containsCall(node))) {
    return node.getText() === 'undefined' ? [] : [`\${${normalizedText(node)}}`];
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const [left, right] = [keysOf(node.getLeft()), keysOf(node.getRight())];
    return left.length === 1 && right.length === 1 ? [left[0] + right[0]] : [...left, ...right];
  }
  if (Node.isCallExpression(node) && isPathJoin(node)) {
    const parts = node.getArguments().map(keysOf);
    return parts.every((p) => p.length === 1) ? [parts.map((p) => p[0]).join('/')] : parts.flat();
  }
  if (Node.isCallExpression(node) || Node.isNewExpression(node)) return node.getArguments().flatMap(keysOf);
  if (Node.isObjectLiteralExpression(node)) {
    return node.getProperties().flatMap((p) => {
      if (Node.isPropertyAssignment(p)) return keysOf(p.getInitializerOrThrow());
      if (Node.isShorthandPropertyAssignment(p)) return [`\${${p.getName()}}`];
      if (Node.isSpreadAssignment(p)) return keysOf(p.getExpression());
      return [];
    });
  }
  if (Node.isArrayLiteralExpression(node)) return node.getElements().flatMap(keysOf);
  return [];
}

/** `path.join(dir, 'a')` and `path.resolve(...)`: a path built from its parts. */
function isPathJoin(call: CallExpression): boolean {
  const callee = resolveCallee(call.getExpression());
  return callee?.module === 'path' && /^(posix\.|win32\.)?(join|resolve)$/.test(callee.path);
}

/**
 * Whether two calls name the same key, path or id, or one path lies inside the other. What
 * one works on may appear anywhere in the other's arguments (`makeDirs(root,
 * path.dirname(dest))` then `writeFile(dest)`); two payloads alike (`text` and `text`) say nothing.
 */
export function sharesResource(a: CallEffects, b: CallEffects): boolean {
  const overlap = (xs: Resource[], ys: Resource[]): boolean => xs.some((x) => ys.some((y) => sameResource(x, y)));
  return overlap(a.resources, [...b.resources, ...b.mentions]) || overlap(a.mentions, b.resources);
}

const SINGLE_REF = /^\$\{([^}]+)\}$/;

function sameResource(a: string, b: string): boolean {
  const [x, y] = [normalizePath(a), normalizePath(b)];
  if (x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`)) return true;
  // `${config}` and `${config.dir}`: one object and a part of it.
  const [refX, refY] = [SINGLE_REF.exec(x)?.[1], SINGLE_REF.exec(y)?.[1]];
  return !!refX && !!refY && (refX.startsWith(`${refY}.`) || refY.startsWith(`${refX}.`));
}

function normalizePath(text: string): string {
  return text.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Same object: the same text, rooted in the same variable. */
export function sameReceiver(a: CallEffects, b: CallEffects): boolean {
  if (!a.receiver || !b.receiver) return false;
  return normalizedText(a.receiver) === normalizedText(b.receiver);
}

/** Both calls hang off one object (`db.users` and `db.orders`). */
export function sameReceiverRoot(a: CallEffects, b: CallEffects): boolean {
  if (!a.receiver || !b.receiver) return false;
  return normalizedText(receiverRoot(a.receiver)) === normalizedText(receiverRoot(b.receiver));
}

/** The object an expression hangs off, as text: `repo` for `repo.head.name`, `this.repo` for `this.repo.head`. */
export function rootText(node: Node): string {
  return normalizedText(receiverRoot(node));
}

function normalizedText(node: Node): string {
  return node.getText().replace(/\s+/g, '').replace(/\?\./g, '.');
}
