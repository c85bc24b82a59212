// Locks a project writes itself, recognised by their shape and type rather than by import:
//   a mutex      `acquire(): Promise<() => void>` (resolves to its release function), or
//                `acquire(): Promise<void>` with `release(): void`, and `runExclusive(fn)`;
//   a member     that runs a callback under a lock but has no body to read: a function-typed
//                field (`private lock: <T>(fn: () => Promise<T>) => Promise<T>`), or an
//                abstract or interface method (`abstract withLock<T>(fn: ...): Promise<T>`).
// Both need the checker: the names alone (`acquire`, `release`) are also a connection pool's.
import { ts } from 'ts-morph';
import { declaredInPackage, functionDeclarationOf, isFunctionLikeExpression, skipOuterExpressions, symbolOf, type LockContext } from './resolution';

export type LockMethod = 'acquire' | 'release' | 'runExclusive';

export interface LockShape {
  /** `acquire()` resolves to `[value, release]` rather than to `release`. */
  tuple: boolean;
  hasRunExclusive: boolean;
  /**
   * Whether a second holder waits. An `acquire()` that hands back its release function, or a
   * `runExclusive`, is a mutex; `acquire()`/`release()` pairs are just as often counting
   * limiters, so they are taken to be exclusive only when the type says Mutex or Lock.
   */
  exclusive: boolean;
}

/** Names of members that run a callback under a lock (`lock`, `withLock`, `runExclusive`, `synchronized`). */
export const LOCK_CALLBACK_NAME = /^(?:with|run)?(?:lock(?:ed)?|mutex|exclusive(?:ly)?|serial(?:ized?)?|synchroni[sz]ed?)$/i;

/** The lock shape of the receiver of `receiver.method(...)`, when `method` is one of its lock methods. */
export function lockShapeOf(access: ts.PropertyAccessExpression, method: LockMethod, ctx: LockContext): LockShape | undefined {
  const declarations = symbolOf(access, ctx)?.declarations ?? [];
  if (declarations.length === 0) return undefined;
  const type = ctx.checker.getTypeAtLocation(access.expression);
  const acquire = memberSignature(type, 'acquire', ctx);
  const released = acquire && awaitedOf(acquire.getReturnType(), ctx);
  const returnsRelease = !!released && isReleaseFunction(released);
  const tuple = !!released && isReleaseTuple(released, ctx);
  const hasRelease = !!memberSignature(type, 'release', ctx);
  const run = memberSignature(type, 'runExclusive', ctx);
  const hasRunExclusive = !!run && run.getParameters().some((p) => isCallable(ctx.checker.getTypeOfSymbolAtLocation(p, access)));
  const acquireShaped = !!acquire && !!released && (returnsRelease || tuple || (isVoid(released) && hasRelease));
  if (!acquireShaped && !(method === 'runExclusive' && hasRunExclusive)) return undefined;
  if (method === 'release' && !hasRelease) return undefined;
  const name = type.getSymbol()?.getName() ?? '';
  return { tuple, hasRunExclusive, exclusive: returnsRelease || (method === 'runExclusive' && !tuple) || /Mutex|Lock/i.test(name) };
}

/**
 * `this.lock(async () => ...)` where `lock` is a function-typed field or a method without a
 * body (abstract, or an interface's): the expression that names the lock (the field, or the
 * object whose method it is) and the argument that runs under it.
 */
export function lockCallbackMember(call: ts.CallExpression, callee: ts.Expression, ctx: LockContext): { lock: ts.Expression; callback: number } | undefined {
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (!name || !LOCK_CALLBACK_NAME.test(name) || !ts.isPropertyAccessExpression(callee)) return undefined;
  const declarations = symbolOf(callee, ctx)?.declarations ?? [];
  if (declarations.length === 0 || declarations.some((d) => declaredInPackage(d, 'async-mutex'))) return undefined;
  // A field set to a function we can read is a wrapper: the analysis follows its body instead.
  if (functionDeclarationOf(callee, ctx)) return undefined;
  const field = declarations.every((d) => ts.isPropertyDeclaration(d) || ts.isPropertySignature(d) || ts.isParameter(d));
  const bodiless = declarations.every((d) => ts.isMethodSignature(d) || (ts.isMethodDeclaration(d) && !d.body));
  if (!field && !bodiless) return undefined;
  const callback = call.arguments.findIndex((arg) => isFunctionLikeExpression(skipOuterExpressions(arg)));
  // One callback and nothing else: a keyed lock (`lock('orders', fn)`) names its lock by an argument we do not follow here.
  if (callback < 0 || call.arguments.length !== 1) return undefined;
  const signature = ctx.checker.getResolvedSignature(call);
  if (!signature || !awaitedOf(signature.getReturnType(), ctx)) return undefined;
  return { lock: field ? callee : callee.expression, callback };
}

function memberSignature(type: ts.Type, name: string, ctx: LockContext): ts.Signature | undefined {
  const member = type.getProperty(name);
  const declaration = member?.valueDeclaration ?? member?.declarations?.[0];
  if (!member || !declaration) return undefined;
  const signatures = ctx.checker.getTypeOfSymbolAtLocation(member, declaration).getCallSignatures();
  // Called with no arguments: a pool's `acquire(key)` or `release(resource)` is not a lock's.
  return signatures.find((s) =>
    s
      .getParameters()
      .every((p) => p.valueDeclaration && ts.isParameter(p.valueDeclaration) && (!!p.valueDeclaration.questionToken || !!p.valueDeclaration.initializer)),
  );
}

/** What a promise-returning call resolves to; undefined when it does not return a promise. */
function awaitedOf(type: ts.Type, ctx: LockContext): ts.Type | undefined {
  const awaited = ctx.checker.getAwaitedType(type);
  return awaited && awaited !== type ? awaited : undefined;
}

function isReleaseFunction(type: ts.Type): boolean {
  return type.getCallSignatures().some((s) => s.getParameters().length === 0);
}

function isReleaseTuple(type: ts.Type, ctx: LockContext): boolean {
  if (!ctx.checker.isTupleType(type)) return false;
  const second = ctx.checker.getTypeArguments(type as ts.TypeReference)[1];
  return !!second && isReleaseFunction(second);
}

function isVoid(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
}

function isCallable(type: ts.Type): boolean {
  return type.getCallSignatures().length > 0;
}
