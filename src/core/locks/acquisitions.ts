// Recognising the calls that take and give back a lock:
//   async-mutex   `m.acquire()` (resolving to a release function; `[value, release]` for a
//                 Semaphore), `m.release()`, `m.runExclusive(cb)`, on Mutex, Semaphore and
//                 whatever `withTimeout`/`tryAcquire` return;
//   Web Locks     `navigator.locks.request(name, [options,] cb)`;
//   settings      `kitchenSync.locks.acquireMethods/releaseMethods/runExclusiveMethods`;
//   helpers       a user function that returns what an acquisition returns (`lockLedger()`);
//   own locks     a project's mutex or semaphore with async-mutex's shape, and members that run
//                 a callback under a lock without a body to read (`lockShapes.ts`).
// async-mutex is recognised by asking the checker where the called method is declared, and,
// when the package's types are missing, by where the receiver was created (`new Mutex()`
// with `Mutex` imported from 'async-mutex').
import { ts } from 'ts-morph';
import { PerSettings, ProgramCache } from '../analysisCaches';
import {
  annotatedType,
  declarationOf,
  declaredInPackage,
  functionDeclarationOf,
  importedPath,
  isFunctionLikeExpression,
  skipOuterExpressions,
  symbolOf,
  typeNodeFromModule,
  type FunctionNode,
  type LockContext,
} from './resolution';
import { lockCallbackMember, lockShapeOf } from './lockShapes';

export const ASYNC_MUTEX = 'async-mutex';

/** What identifies the lock a call takes. */
export type LockTarget =
  /**
   * A lock object: `ledgerLock`, `this.lock`, `from.lock`, `withTimeout(m, 100)`, `this` for a
   * class that is a lock. `exclusive: false`: recognised by a shape that counting limiters share.
   */
  | { kind: 'object'; expression: ts.Expression; exclusive?: false }
  /** A lock named by a string: a Web Lock, or a configured method's first argument. */
  | { kind: 'name'; expression: ts.Expression; namespace: string }
  /** A configured function that takes no lock argument: the function itself is the lock. */
  | { kind: 'function'; call: ts.CallExpression; method: string }
  /** A user function that returns an acquisition: the lock it takes, seen from its caller. */
  | { kind: 'helper'; helper: FunctionNode; inner: AcquireOperation; call: ts.CallExpression };

export interface AcquireOperation {
  kind: 'acquire';
  call: ts.CallExpression;
  target: LockTarget;
  /** Resolves to `[value, release]` (Semaphore#acquire) rather than to `release`. */
  tuple: boolean;
  /** The receiver has a `runExclusive` with the same arguments (async-mutex). */
  hasRunExclusive: boolean;
}

export interface ReleaseOperation {
  kind: 'release';
  call: ts.CallExpression;
  target: LockTarget;
}

export interface ScopedOperation {
  kind: 'scoped';
  call: ts.CallExpression;
  target: LockTarget;
  /** The function that runs while the lock is held. */
  callback: ts.Expression | undefined;
  /** Web Locks options (`{ mode: 'shared', ifAvailable: true }`). */
  options: ts.Expression | undefined;
}

export type LockOperation = AcquireOperation | ReleaseOperation | ScopedOperation;

const HELPER_DEPTH = 3;

interface HelperAnswer {
  acquisition: AcquireOperation | undefined;
  /** The other files read to tell, which a cached answer still reports to the caller's `touch`. */
  read: ts.SourceFile[];
}

/**
 * The acquisition each function returns, if any: every call of every function is asked
 * whether it is an acquire helper. Depends on: the lock settings (which decide what an
 * acquisition is) and the program (the returned lock may be declared in another file).
 */
const helperCache = new PerSettings(() => new ProgramCache<ts.Node, HelperAnswer>());

export function recognizeLockCall(call: ts.CallExpression, ctx: LockContext, depth = 0): LockOperation | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const operation = asyncMutexOperation(call, callee, ctx) ?? webLockOperation(call, callee, ctx) ?? shapedOperation(call, callee, ctx);
    if (operation) return operation;
  }
  return (
    configuredOperation(call, callee, ctx) ??
    callbackMemberOperation(call, callee, ctx) ??
    (depth < HELPER_DEPTH ? helperOperation(call, callee, ctx, depth) : undefined)
  );
}

/** A project's own lock class with async-mutex's methods (`class MutexLock { acquire(): Promise<() => void> }`). */
function shapedOperation(call: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: LockContext): LockOperation | undefined {
  const method = callee.name.text;
  if (method !== 'acquire' && method !== 'release' && method !== 'runExclusive') return undefined;
  const shape = lockShapeOf(callee, method, ctx);
  if (!shape) return undefined;
  const target: LockTarget = { kind: 'object', expression: callee.expression, ...(shape.exclusive ? {} : { exclusive: false as const }) };
  if (method === 'release') return { kind: 'release', call, target };
  if (method === 'runExclusive') return { kind: 'scoped', call, target, callback: call.arguments[0], options: undefined };
  return { kind: 'acquire', call, target, tuple: shape.tuple, hasRunExclusive: shape.hasRunExclusive };
}

/** `this.lock(async () => ...)` on a function-typed field, or an abstract `withLock(fn)`. */
function callbackMemberOperation(call: ts.CallExpression, callee: ts.Expression, ctx: LockContext): ScopedOperation | undefined {
  const member = lockCallbackMember(call, callee, ctx);
  if (!member) return undefined;
  return { kind: 'scoped', call, target: { kind: 'object', expression: member.lock }, callback: call.arguments[member.callback], options: undefined };
}

function asyncMutexOperation(call: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: LockContext): LockOperation | undefined {
  const method = callee.name.text;
  if (method !== 'acquire' && method !== 'release' && method !== 'runExclusive') return undefined;
  const origin = asyncMutexOrigin(callee, ctx);
  if (!origin) return undefined;
  const target: LockTarget = { kind: 'object', expression: callee.expression };
  if (method === 'release') return { kind: 'release', call, target };
  if (method === 'runExclusive') return { kind: 'scoped', call, target, callback: call.arguments[0], options: undefined };
  return { kind: 'acquire', call, target, tuple: origin === 'semaphore', hasRunExclusive: true };
}

/**
 * 'mutex' or 'semaphore' when `access` is a method of an async-mutex lock. A method the
 * checker resolves elsewhere (a user class with its own `acquire`) is not one.
 */
function asyncMutexOrigin(access: ts.PropertyAccessExpression, ctx: LockContext): 'mutex' | 'semaphore' | undefined {
  const symbol = symbolOf(access, ctx);
  const declarations = symbol?.declarations ?? [];
  if (declarations.length > 0) {
    const fromPackage = declarations.filter((d) => declaredInPackage(d, ASYNC_MUTEX));
    if (fromPackage.length === 0) return undefined;
    // Mutex#acquire resolves to a release function, Semaphore#acquire to [value, release].
    const owners = fromPackage.map((d) =>
      d.parent && (ts.isClassDeclaration(d.parent) || ts.isInterfaceDeclaration(d.parent)) ? d.parent.name?.text : undefined,
    );
    return owners.every((owner) => owner?.startsWith('Semaphore')) ? 'semaphore' : 'mutex';
  }
  return createdByAsyncMutex(access.expression, ctx);
}

/** Without types: a receiver declared as `new Mutex()`, `withTimeout(...)` or `: Semaphore` from async-mutex. */
function createdByAsyncMutex(expression: ts.Expression, ctx: LockContext, depth = 0): 'mutex' | 'semaphore' | undefined {
  if (depth > 4) return undefined;
  const receiver = skipOuterExpressions(expression);
  const direct = asyncMutexCreation(receiver, ctx, depth);
  if (direct) return direct;
  if (!ts.isIdentifier(receiver) && !ts.isPropertyAccessExpression(receiver)) return undefined;
  const declaration = declarationOf(receiver, ctx);
  if (!declaration) return undefined;
  const typeNode = annotatedType(declaration);
  if (typeNodeFromModule(typeNode, ASYNC_MUTEX, ctx)) {
    return /Semaphore/.test(typeNode?.getText() ?? '') ? 'semaphore' : 'mutex';
  }
  const init = initializerOf(declaration);
  return init ? createdByAsyncMutex(init, ctx, depth + 1) : undefined;
}

function asyncMutexCreation(expression: ts.Expression, ctx: LockContext, depth: number): 'mutex' | 'semaphore' | undefined {
  if (ts.isNewExpression(expression)) {
    const created = importedPath(expression.expression, ctx);
    if (created?.module !== ASYNC_MUTEX) return undefined;
    return created.path.startsWith('Semaphore') ? 'semaphore' : 'mutex';
  }
  if (ts.isCallExpression(expression)) {
    const wrapper = importedPath(expression.expression, ctx);
    if (wrapper?.module === ASYNC_MUTEX && (wrapper.path === 'withTimeout' || wrapper.path === 'tryAcquire') && expression.arguments[0]) {
      return createdByAsyncMutex(expression.arguments[0], ctx, depth + 1);
    }
  }
  return undefined;
}

/**
 * What a variable or property is set to: its initializer, or for a class property without
 * one, the `this.name = ...` assignment in the constructor.
 */
export function initializerOf(declaration: ts.Declaration): ts.Expression | undefined {
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) {
    if (declaration.initializer) return declaration.initializer;
  }
  if (ts.isPropertyDeclaration(declaration) && ts.isClassLike(declaration.parent) && ts.isIdentifier(declaration.name)) {
    const name = declaration.name.text;
    const constructor = declaration.parent.members.find(ts.isConstructorDeclaration);
    for (const statement of constructor?.body?.statements ?? []) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, operatorToken, right } = statement.expression;
      if (
        operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(left) &&
        left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        left.name.text === name
      ) {
        return right;
      }
    }
  }
  return undefined;
}

function webLockOperation(call: ts.CallExpression, callee: ts.PropertyAccessExpression, ctx: LockContext): ScopedOperation | undefined {
  if (callee.name.text !== 'request' || !isLockManager(callee, ctx)) return undefined;
  const [name, second, third] = call.arguments;
  if (!name) return undefined;
  return {
    kind: 'scoped',
    call,
    target: { kind: 'name', expression: name, namespace: 'web-lock' },
    callback: third ?? second,
    options: third ? second : undefined,
  };
}

/**
 * `navigator.locks.request`: the DOM's LockManager by type, or by the well-known path when the
 * DOM types are absent or the code declares `navigator` itself, also as what a helper returns (`getLocks().request`).
 */
function isLockManager(callee: ts.PropertyAccessExpression, ctx: LockContext): boolean {
  const declarations = symbolOf(callee, ctx)?.declarations ?? [];
  if (declarations.some((d) => d.parent && ts.isInterfaceDeclaration(d.parent) && d.parent.name.text === 'LockManager')) return true;
  const manager = skipOuterExpressions(callee.expression);
  if (isNavigatorLocks(manager)) return true;
  if (!ts.isCallExpression(manager) || manager.arguments.length > 0) return false;
  const helper = functionDeclarationOf(manager.expression, ctx);
  const returned = helper?.body && returnedExpressions(helper.body);
  return !!returned && returned.length > 0 && returned.every(isNavigatorLocks);
}

function isNavigatorLocks(node: ts.Expression): boolean {
  return /^(?:(?:window|self|globalThis)\.)?navigator\.locks$/.test(skipOuterExpressions(node).getText());
}

type ConfiguredKind = 'acquire' | 'release' | 'scoped';

/** Calls named in `kitchenSync.locks.*`: `method` anywhere, or `module#method` on something from that module. */
function configuredOperation(call: ts.CallExpression, callee: ts.Expression, ctx: LockContext): LockOperation | undefined {
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!method) return undefined;
  const lists: Array<[ConfiguredKind, string[]]> = [
    ['acquire', ctx.settings.acquireMethods],
    ['release', ctx.settings.releaseMethods],
    ['scoped', ctx.settings.runExclusiveMethods],
  ];
  for (const [kind, specs] of lists) {
    const spec = specs.find((s) => matchesSpec(s, method, callee, ctx));
    if (!spec) continue;
    const callbackIndex = kind === 'scoped' ? callbackArgumentIndex(call, ctx) : -1;
    const target = configuredTarget(call, callee, spec, callbackIndex);
    if (kind === 'acquire') return { kind, call, target, tuple: false, hasRunExclusive: false };
    if (kind === 'release') return { kind, call, target };
    return { kind, call, target, callback: call.arguments[callbackIndex], options: undefined };
  }
  return undefined;
}

function matchesSpec(spec: string, method: string, callee: ts.Expression, ctx: LockContext): boolean {
  const hash = spec.lastIndexOf('#');
  const [module, name] = hash >= 0 ? [spec.slice(0, hash), spec.slice(hash + 1)] : [undefined, spec];
  if (name !== method) return false;
  return module === undefined || comesFromModule(callee, module, ctx);
}

function comesFromModule(callee: ts.Expression, module: string, ctx: LockContext): boolean {
  if (importedPath(callee, ctx)?.module === module) return true;
  const method = symbolOf(callee, ctx);
  if (method?.declarations?.some((d) => declaredInPackage(d, module))) return true;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  // `const redlock = new Redlock(...)`: the receiver was created from the module.
  const receiver = skipOuterExpressions(callee.expression);
  if (!ts.isIdentifier(receiver) && !ts.isPropertyAccessExpression(receiver)) return false;
  const declaration = declarationOf(receiver, ctx);
  const init = declaration && initializerOf(declaration);
  const created = init && skipOuterExpressions(init);
  if (created && (ts.isNewExpression(created) || ts.isCallExpression(created))) return importedPath(created.expression, ctx)?.module === module;
  return typeNodeFromModule(annotatedType(declaration), module, ctx);
}

/**
 * A configured lock is named by its first argument when that is a string (`locks.acquire('ledger')`),
 * else it is the receiver (`ledgerLock.lock()`), else the function itself (`lockLedger()`).
 */
function configuredTarget(call: ts.CallExpression, callee: ts.Expression, spec: string, callbackIndex: number): LockTarget {
  const first = call.arguments[0];
  // One namespace for all configured methods of a module, so `lease('a')` and `withLease('a', ...)` take one lock.
  const namespace = spec.includes('#') ? spec.slice(0, spec.lastIndexOf('#')) : 'configured';
  if (
    first &&
    callbackIndex !== 0 &&
    (ts.isStringLiteralLike(first) || ts.isIdentifier(first) || ts.isTemplateExpression(first) || ts.isPropertyAccessExpression(first))
  ) {
    if (ts.isPropertyAccessExpression(callee) || ts.isStringLiteralLike(first) || ts.isTemplateExpression(first)) {
      return { kind: 'name', expression: first, namespace };
    }
  }
  if (ts.isPropertyAccessExpression(callee)) return { kind: 'object', expression: callee.expression };
  return { kind: 'function', call, method: spec };
}

/** The argument that runs while the lock is held: the first function passed, or the last argument. */
function callbackArgumentIndex(call: ts.CallExpression, ctx: LockContext): number {
  const index = call.arguments.findIndex(
    (arg) => isFunctionLikeExpression(skipOuterExpressions(arg)) || (ts.isIdentifier(arg) && !!functionDeclarationOf(arg, ctx)),
  );
  return index >= 0 ? index : call.arguments.length - 1;
}

/** `await lockLedger()` where `lockLedger` returns `ledgerLock.acquire()`. */
function helperOperation(call: ts.CallExpression, callee: ts.Expression, ctx: LockContext, depth: number): AcquireOperation | undefined {
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  const helper = functionDeclarationOf(callee, ctx);
  if (!helper?.body) return undefined;
  const answer = helperCache.for(ctx.settings).get(ctx.program, helper, () => {
    const read = new Set<ts.SourceFile>();
    const acquisition = returnedAcquisition(helper, { ...ctx, touch: (file) => read.add(file) }, depth);
    return { acquisition, read: [...read] };
  });
  for (const file of answer.read) ctx.touch(file);
  const inner = answer.acquisition;
  if (!inner) return undefined;
  return { kind: 'acquire', call, target: { kind: 'helper', helper, inner, call }, tuple: inner.tuple, hasRunExclusive: false };
}

/** The acquisition a function returns, when its every `return` (or its expression body) returns one. */
function returnedAcquisition(fn: FunctionNode, ctx: LockContext, depth: number): AcquireOperation | undefined {
  if (!fn.body) return undefined;
  const returned = returnedExpressions(fn.body);
  if (returned.length === 0) return undefined;
  let found: AcquireOperation | undefined;
  for (const expression of returned) {
    let value = skipOuterExpressions(expression);
    if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
    if (!ts.isCallExpression(value)) return undefined;
    const operation = recognizeLockCall(value, ctx, depth + 1);
    if (operation?.kind !== 'acquire') return undefined;
    found ??= operation;
  }
  return found;
}

/** What a function body returns: its expression body, or the value of each of its own `return`s. */
function returnedExpressions(body: ts.ConciseBody): ts.Expression[] {
  if (!ts.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) {
      if (node.expression) returned.push(node.expression);
    } else if (!ts.isFunctionLike(node)) {
      ts.forEachChild(node, visit);
    }
  };
  visit(body);
  return returned;
}
