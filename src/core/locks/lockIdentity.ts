// Which lock an acquisition takes, as a lock class in lockdep's sense: every lock created
// by one declaration is one class (`ledgerLock`; `Account.lock` for every Account), every
// Web Lock name is one class. Order problems are about classes; a self-deadlock needs the
// same lock, so a lock also carries which object it belongs to (its instance), relative to
// the function it appears in:
//   'static'           the only one: a module-level variable, a static member, a Web Lock name
//   'this'             the object the function was called on (`this.lock`)
//   'param:1'          the object passed as the function's second argument (`to.lock`)
//   'var:<key>'        a module-level variable's object; 'local:<key>' a local variable's
//   'captured:1:<fn>'  in a closure, the object passed as the second argument of the function <fn> it is written in
//   'unknown'          anything else; never equal to any other instance
// A member path follows after '|': `this.accounts.main.lock` has instance 'this|accounts|main'.
import { ts } from 'ts-morph';
import { ASYNC_MUTEX, initializerOf, type LockTarget } from './acquisitions';
import { declarationKey, functionKey, qualifiedName } from './declarationKeys';
import { LOCK_CALLBACK_NAME } from './lockShapes';
import {
  annotatedType,
  declarationOf,
  declaredInPackage,
  importedPath,
  isFunctionNode,
  isModuleLevel,
  skipOuterExpressions,
  symbolOf,
  type FunctionNode,
  type LockContext,
} from './resolution';

export type LockKind = 'mutex' | 'semaphore' | 'web-lock' | 'custom';

export interface LockRef {
  /** The lock class; stable while other files are edited. */
  classKey: string;
  /** How the user names the class: `ledgerLock`, `Account.lock`, `'ledger'`. */
  name: string;
  instance: string;
  kind: LockKind;
  /** A second holder waits: false for a semaphore with several permits and for a shared Web Lock. */
  exclusive: boolean;
  /** Taking it waits for the holder; false for `tryAcquire` and Web Locks' `ifAvailable`/`steal`. */
  blocking: boolean;
  /** Waits only until a timeout (`withTimeout`): a deadlock ends in an error, not a hang. */
  timeout: boolean;
  /** The object is the lock itself (`this.acquire()` in a class that is a lock), not one of its properties. */
  self?: true;
  /** A lock parameter that names a lock (`request(name, fn)` in a wrapper): the namespace the passed name belongs to. */
  namespace?: string;
}

export const UNKNOWN_INSTANCE = 'unknown';
const LOCK_METHODS = new Set(['acquire', 'runExclusive', 'release']);
const CAPTURED = 'captured:';

/**
 * The class of a lock a function receives as a parameter (`param-lock:0`): a placeholder
 * that every call replaces with the lock it passes (see `mapLock`).
 */
const PARAMETER_LOCK = 'param-lock:';
/** The class of a name passed to a lock parameter that names a lock; the parameter's namespace completes it. */
const NAME_ARGUMENT = 'lock-name:';

export function isParameterLock(lock: LockRef): boolean {
  return lock.classKey.startsWith(PARAMETER_LOCK);
}

/** The function whose parameters and `this` instances are relative to. */
export type Frame = FunctionNode | ts.SourceFile;

const MAX_ALIAS_DEPTH = 6;

export function lockRefOf(target: LockTarget, frame: Frame, ctx: LockContext, options?: ts.Expression): LockRef | undefined {
  switch (target.kind) {
    case 'object': {
      const lock = lockObjectRef(target.expression, frame, ctx, 0);
      // Found by a shape that counting limiters share: exclusive only if its creation says so (`new Semaphore(1)`).
      return lock && target.exclusive === false && lock.kind !== 'semaphore' ? { ...lock, exclusive: false } : lock;
    }
    case 'name':
      return namedLockRef(target.expression, target.namespace, frame, ctx, options);
    case 'function':
      return {
        classKey: `configured:${target.method}`,
        name: `${target.method.slice(target.method.lastIndexOf('#') + 1)}()`,
        instance: 'static',
        kind: 'custom',
        exclusive: true,
        blocking: true,
        timeout: false,
      };
    case 'helper': {
      const inner = lockRefOf(target.inner.target, target.helper, ctx);
      if (!inner) return undefined;
      const callee = skipOuterExpressions(target.call.expression);
      const receiver = ts.isPropertyAccessExpression(callee) ? instanceOf(callee.expression, frame, ctx) : UNKNOWN_INSTANCE;
      return mapLock(inner, {
        receiver,
        args: target.call.arguments.map((arg) => instanceOf(arg, frame, ctx)),
        argLocks: target.call.arguments.map((arg) => argumentLockRef(arg, frame, ctx)),
      });
    }
  }
}

/** A Web Lock or configured lock named by a string: one class per name, or per template (`account:${id}`). */
function namedLockRef(expression: ts.Expression, namespace: string, frame: Frame, ctx: LockContext, options: ts.Expression | undefined): LockRef | undefined {
  const value = skipOuterExpressions(expression);
  const kind: LockKind = namespace === 'web-lock' ? 'web-lock' : 'custom';
  const flags = lockOptions(options);
  const base = { kind, exclusive: flags.mode !== 'shared', blocking: !flags.ifAvailable && !flags.steal, timeout: false };
  const declaration = ts.isIdentifier(value) && !ts.isSourceFile(frame) ? declarationOf(value, ctx) : undefined;
  if (declaration && ts.isParameter(declaration) && declaration.parent === frame && ts.isIdentifier(declaration.name)) {
    // `function withLock(name, fn) { return navigator.locks.request(name, fn); }`: the lock each caller names.
    return { ...base, classKey: `${PARAMETER_LOCK}${frame.parameters.indexOf(declaration)}`, name: declaration.name.text, instance: 'static', namespace };
  }
  const type = ctx.checker.getTypeAtLocation(value);
  if (type.isStringLiteral()) {
    return { ...base, classKey: `${namespace}:${type.value}`, name: `'${type.value}'`, instance: 'static' };
  }
  if (ts.isTemplateExpression(value)) {
    // `account:${from.id}` and `account:${to.id}` are one class of many locks, like `Account.lock`.
    const shape = [value.head.text, ...value.templateSpans.map((span) => span.literal.text)].join('${…}');
    return { ...base, classKey: `${namespace}:template:${shape}`, name: `\`${shape}\``, instance: UNKNOWN_INSTANCE };
  }
  return undefined;
}

interface LockOptionFlags {
  mode?: string;
  ifAvailable?: boolean;
  steal?: boolean;
}

/** `{ mode: 'shared', ifAvailable: true }`, read from an object literal. */
function lockOptions(options: ts.Expression | undefined): LockOptionFlags {
  const flags: LockOptionFlags = {};
  const literal = options && skipOuterExpressions(options);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return flags;
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
    const init = property.initializer;
    if (property.name.text === 'mode' && ts.isStringLiteralLike(init)) flags.mode = init.text;
    if (property.name.text === 'ifAvailable') flags.ifAvailable = init.kind === ts.SyntaxKind.TrueKeyword;
    if (property.name.text === 'steal') flags.steal = init.kind === ts.SyntaxKind.TrueKeyword;
  }
  return flags;
}

/** `ledgerLock`, `this.lock`, `from.lock`, `withTimeout(ledgerLock, 100)`, through `const` aliases. */
function lockObjectRef(expression: ts.Expression, frame: Frame, ctx: LockContext, depth: number): LockRef | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined;
  const node = skipOuterExpressions(expression);
  const wrapped = asyncMutexWrapper(node, ctx);
  if (wrapped) {
    const inner = lockObjectRef(wrapped.lock, frame, ctx, depth + 1);
    if (!inner) return undefined;
    return wrapped.kind === 'withTimeout' ? { ...inner, timeout: true } : { ...inner, blocking: false };
  }
  if (ts.isIdentifier(node)) return variableLockRef(node, frame, ctx, depth);
  if (ts.isPropertyAccessExpression(node)) return propertyLockRef(node, frame, ctx, depth);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return selfLockRef(node, frame, ctx);
  return undefined;
}

/**
 * `this` in a class that is a lock (`abstract acquire(): Promise<Release>`): one class per
 * class that declares the lock methods, so a subclass's `this.acquire()` is its base's lock.
 */
function selfLockRef(node: ts.Expression, frame: Frame, ctx: LockContext): LockRef | undefined {
  const type = ctx.checker.getTypeAtLocation(node);
  const member = type.getProperties().find((m) => (LOCK_METHODS.has(m.getName()) || LOCK_CALLBACK_NAME.test(m.getName())) && m.declarations?.length);
  const owner = member?.declarations?.[0].parent;
  if (!owner || !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner))) return undefined;
  return {
    classKey: declarationKey(owner),
    name: qualifiedName(owner).replace(/@\d+/g, ''),
    instance: instanceOf(node, frame, ctx),
    kind: 'mutex',
    exclusive: true,
    blocking: true,
    timeout: false,
    self: true,
  };
}

function variableLockRef(node: ts.Identifier | ts.PropertyAccessExpression, frame: Frame, ctx: LockContext, depth: number): LockRef | undefined {
  const declaration = declarationOf(node, ctx);
  if (declaration && ts.isParameter(declaration) && declaration.parent === frame && ts.isIdentifier(declaration.name)) {
    // `function runLocked(lock: Mutex, ...)`: whichever lock each caller passes.
    return {
      classKey: `${PARAMETER_LOCK}${frame.parameters.indexOf(declaration)}`,
      name: declaration.name.text,
      instance: 'static',
      ...lockTraits(declaration, node, ctx),
    };
  }
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const init = declaration.initializer && skipOuterExpressions(declaration.initializer);
  // `const lock = this.lock`: the alias is the lock it names.
  if (init && isConst(declaration) && isLockExpression(init, ctx)) return lockObjectRef(init, frame, ctx, depth + 1);
  const key = declarationKey(declaration);
  return {
    classKey: key,
    name: declaration.name.text,
    instance: isModuleLevel(declaration) ? 'static' : `local:${key}`,
    ...lockTraits(declaration, node, ctx),
  };
}

function propertyLockRef(node: ts.PropertyAccessExpression, frame: Frame, ctx: LockContext, depth: number): LockRef | undefined {
  const declaration = declarationOf(node, ctx);
  if (!declaration) return undefined;
  // `locks.ledgerLock` with `import * as locks`: a module's variable.
  if (ts.isVariableDeclaration(declaration)) return variableLockRef(node, frame, ctx, depth);
  const isProperty =
    ts.isPropertyDeclaration(declaration) ||
    ts.isPropertyAssignment(declaration) ||
    ts.isShorthandPropertyAssignment(declaration) ||
    ts.isPropertySignature(declaration) ||
    (ts.isParameter(declaration) && ts.isConstructorDeclaration(declaration.parent));
  if (!isProperty) return undefined;
  const init = initializerOf(declaration);
  // `class Shop { lock = ledgerLock }`: every Shop shares the one module-level lock.
  if (init && isLockExpression(skipOuterExpressions(init), ctx)) {
    const aliased = lockObjectRef(init, frame, ctx, depth + 1);
    if (aliased?.instance === 'static') return aliased;
  }
  const isStatic = ts.canHaveModifiers(declaration) && !!ts.getModifiers(declaration)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return {
    classKey: declarationKey(declaration),
    name: propertyName(declaration),
    instance: isStatic ? 'static' : instanceOf(node.expression, frame, ctx),
    ...lockTraits(declaration, node, ctx),
  };
}

/** `Account.lock`; for a constructor parameter property (`constructor(private lock: Mutex)`), the class's name for it. */
function propertyName(declaration: ts.Declaration): string {
  if (ts.isParameter(declaration) && ts.isConstructorDeclaration(declaration.parent)) {
    return `${qualifiedName(declaration.parent.parent).replace(/@\d+/g, '')}.${declaration.name.getText()}`;
  }
  return qualifiedName(declaration).replace(/@\d+/g, '');
}

/** Identifiers and member accesses that may name a lock, and the async-mutex wrappers around one. */
function isLockExpression(node: ts.Expression, ctx: LockContext): boolean {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || !!asyncMutexWrapper(node, ctx);
}

/** `withTimeout(lock, ms)` and `tryAcquire(lock)`: the same lock, waiting differently. */
function asyncMutexWrapper(node: ts.Expression, ctx: LockContext): { kind: 'withTimeout' | 'tryAcquire'; lock: ts.Expression } | undefined {
  if (!ts.isCallExpression(node) || !node.arguments[0]) return undefined;
  const callee = skipOuterExpressions(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (name !== 'withTimeout' && name !== 'tryAcquire') return undefined;
  const fromPackage =
    importedPath(callee, ctx)?.module === ASYNC_MUTEX || !!symbolOf(callee, ctx)?.declarations?.some((d) => declaredInPackage(d, ASYNC_MUTEX));
  if (!fromPackage) return undefined;
  const lock = skipOuterExpressions(node.arguments[0]);
  // A lock created right here belongs to the declaration that holds the wrapper, not to the wrapper's argument.
  if (!ts.isIdentifier(lock) && !ts.isPropertyAccessExpression(lock) && !ts.isCallExpression(lock)) return undefined;
  return { kind: name, lock };
}

type LockTraits = Pick<LockRef, 'kind' | 'exclusive' | 'blocking' | 'timeout'>;

/** Kind and waiting behaviour, from how the lock was created or, failing that, from its type. */
function lockTraits(declaration: ts.Declaration, use: ts.Expression, ctx: LockContext): LockTraits {
  const traits: LockTraits = { kind: 'mutex', exclusive: true, blocking: true, timeout: false };
  let created = initializerOf(declaration);
  for (let hops = 0; created && hops < MAX_ALIAS_DEPTH; hops++) {
    const node = skipOuterExpressions(created);
    const wrapper = ts.isCallExpression(node) ? importedOrDeclared(node.expression, ctx) : undefined;
    if (wrapper === 'withTimeout' && ts.isCallExpression(node)) {
      traits.timeout = true;
      created = node.arguments[0];
    } else if (wrapper === 'tryAcquire' && ts.isCallExpression(node)) {
      traits.blocking = false;
      created = node.arguments[0];
    } else if (ts.isNewExpression(node)) {
      if (/Semaphore\b/.test(node.expression.getText())) return { ...traits, kind: 'semaphore', exclusive: semaphorePermits(node) === 1 };
      return traits;
    } else {
      break;
    }
  }
  const typeName = ctx.checker.getTypeAtLocation(use).getSymbol()?.getName() ?? annotatedType(declaration)?.getText() ?? '';
  // A Semaphore of unknown size is not assumed to be exclusive.
  if (/Semaphore/.test(typeName)) return { ...traits, kind: 'semaphore', exclusive: false };
  return traits;
}

function importedOrDeclared(callee: ts.Expression, ctx: LockContext): string | undefined {
  const imported = importedPath(callee, ctx);
  if (imported?.module === ASYNC_MUTEX) return imported.path;
  const node = skipOuterExpressions(callee);
  if (ts.isIdentifier(node) && symbolOf(node, ctx)?.declarations?.some((d) => declaredInPackage(d, ASYNC_MUTEX))) return node.text;
  return undefined;
}

/** `new Semaphore(1)` → 1; unknown when the count is not a literal. */
function semaphorePermits(creation: ts.NewExpression): number | undefined {
  const first = creation.arguments?.[0];
  return first && ts.isNumericLiteral(first) ? Number(first.text) : undefined;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** Which object an expression denotes, relative to `frame` (see the header). */
export function instanceOf(expression: ts.Expression, frame: Frame, ctx: LockContext): string {
  const node = skipOuterExpressions(expression);
  if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) return ts.isSourceFile(frame) ? UNKNOWN_INSTANCE : 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const owner = instanceOf(node.expression, frame, ctx);
    return owner === UNKNOWN_INSTANCE ? owner : `${owner}|${node.name.text}`;
  }
  if (!ts.isIdentifier(node)) return UNKNOWN_INSTANCE;
  const declaration = declarationOf(node, ctx);
  if (!declaration) return UNKNOWN_INSTANCE;
  if (ts.isParameter(declaration)) {
    if (declaration.parent === frame) return `param:${frame.parameters.indexOf(declaration)}`;
    // A closure's view of a parameter of the function it is written in: that function's `param:i` when it calls the closure.
    const owner = declaration.parent;
    return isFunctionNode(owner) && isWithin(frame, owner) ? `${CAPTURED}${owner.parameters.indexOf(declaration)}:${functionKey(owner)}` : UNKNOWN_INSTANCE;
  }
  if (ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) {
    const key = declarationKey(declaration);
    return isModuleLevel(declaration) ? `var:${key}` : `local:${key}`;
  }
  if (ts.isClassDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isModuleDeclaration(declaration))
    return 'static';
  return UNKNOWN_INSTANCE;
}

/**
 * An instance seen inside a callee, as its caller sees it: `this` becomes the call's
 * receiver, a parameter the argument passed for it; a callee's own locals mean nothing
 * outside, but a closure's captured variables are its caller's when the caller wrote it.
 */
function mapInstance(instance: string, call: CallBinding): string {
  const bar = instance.indexOf('|');
  const head = bar < 0 ? instance : instance.slice(0, bar);
  const rest = bar < 0 ? '' : instance.slice(bar);
  let mapped: string;
  if (head === 'static' || head.startsWith('var:')) mapped = head;
  else if (head === 'this') mapped = call.receiver;
  else if (head.startsWith('param:')) mapped = call.args[Number(head.slice('param:'.length))] ?? UNKNOWN_INSTANCE;
  else if (head.startsWith(CAPTURED)) mapped = capturedInstance(head, call);
  else if (head.startsWith('local:') && call.callee !== undefined && !head.startsWith(`local:${call.callee}/`)) mapped = head;
  else mapped = UNKNOWN_INSTANCE;
  return mapped === UNKNOWN_INSTANCE ? mapped : mapped + rest;
}

/** `captured:0:<owner>`: the owner's `param:0` when the owner makes the call; the same capture between its closures. */
function capturedInstance(head: string, call: CallBinding): string {
  if (call.caller === undefined) return UNKNOWN_INSTANCE;
  const rest = head.slice(CAPTURED.length);
  const colon = rest.indexOf(':');
  const owner = rest.slice(colon + 1);
  if (call.caller === owner) return `param:${rest.slice(0, colon)}`;
  return call.caller.startsWith(`${owner}/`) ? head : UNKNOWN_INSTANCE;
}

/** What a call passes, as the callee's `this`, parameters and lock parameters see it. */
export interface CallBinding {
  receiver: string;
  args: readonly string[];
  argLocks: ReadonlyArray<LockRef | undefined>;
  /** The functions making and receiving the call, for the variables a closure shares with the function it is written in. */
  caller?: string;
  callee?: string;
}

/** A lock seen inside a callee, as its caller sees it; undefined for a lock parameter the call does not pass a known lock for. */
export function mapLock(lock: LockRef, call: CallBinding): LockRef | undefined {
  if (isParameterLock(lock)) {
    const passed = passedLock(lock, call);
    if (!passed) return undefined;
    return { ...passed, timeout: passed.timeout || lock.timeout, blocking: passed.blocking && lock.blocking, exclusive: passed.exclusive && lock.exclusive };
  }
  return { ...lock, instance: mapInstance(lock.instance, call) };
}

/**
 * What a call passes for a lock parameter: a lock object for an object parameter; for a name
 * parameter, a name (`withLock('cart', fn)` takes the Web Lock 'cart'), or its own name parameter handed on.
 */
function passedLock(lock: LockRef, call: CallBinding): LockRef | undefined {
  const passed = call.argLocks[Number(lock.classKey.slice(PARAMETER_LOCK.length))];
  if (!passed) return undefined;
  const isName = passed.classKey.startsWith(NAME_ARGUMENT);
  if (lock.namespace === undefined) return isName ? undefined : passed;
  const traits = { kind: lock.kind, exclusive: lock.exclusive, blocking: lock.blocking, timeout: lock.timeout };
  if (isName) return { ...traits, classKey: `${lock.namespace}:${passed.classKey.slice(NAME_ARGUMENT.length)}`, name: passed.name, instance: 'static' };
  return isParameterLock(passed) && passed.namespace === undefined ? { ...passed, ...traits, namespace: lock.namespace } : undefined;
}

/** One key per lock and instance, for sets of locks. */
export function lockSignature(lock: LockRef): string {
  return `${lock.classKey}\u0000${lock.instance}`;
}

/** `lockSignature(mapLock(lock, call))`, without building the mapped lock. */
export function mappedSignature(lock: LockRef, call: CallBinding): string | undefined {
  if (isParameterLock(lock)) {
    const passed = passedLock(lock, call);
    return passed && lockSignature(passed);
  }
  return `${lock.classKey}\u0000${mapInstance(lock.instance, call)}`;
}

/** The lock an argument passes, when it names one (`ledgerLock`, `this.lock`), or a name a lock may be known by (`'cart'`). */
export function argumentLockRef(arg: ts.Expression, frame: Frame, ctx: LockContext): LockRef | undefined {
  const node = skipOuterExpressions(arg);
  const name = constantString(node, ctx);
  if (name !== undefined)
    return { classKey: `${NAME_ARGUMENT}${name}`, name: `'${name}'`, instance: 'static', kind: 'custom', exclusive: true, blocking: true, timeout: false };
  if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isCallExpression(node)) return undefined;
  return lockObjectRef(node, frame, ctx, 0);
}

/** `'cart'`, or a `const` set to one. */
function constantString(node: ts.Expression, ctx: LockContext): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = declarationOf(node, ctx);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !isConst(declaration) || !declaration.initializer) return undefined;
  const init = skipOuterExpressions(declaration.initializer);
  return ts.isStringLiteralLike(init) ? init.text : undefined;
}

/** Two acquisitions certainly take the very same lock. */
export function sameLock(a: LockRef, b: LockRef): boolean {
  return a.classKey === b.classKey && a.instance === b.instance && a.instance !== UNKNOWN_INSTANCE;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
