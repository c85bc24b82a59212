// Walks one function in program order and records, at every point where a lock may be
// taken, which locks are held there. Three kinds of event come out:
//   acquire  the function takes a lock (`await m.acquire()`, `m.runExclusive(...)`,
//            `navigator.locks.request(...)`) while holding `held`;
//   call     it calls a function of the program while holding `held` (what that function
//            takes is only known once every file is summarised: `functionSummaries.ts`);
//   invoke   it calls one of its own parameters while holding `held` (a wrapper such as
//            `withLedger(fn)`), so whatever its callers pass there runs under `held`.
// A callback written inline at a call (`withLedger(async () => ...)`) is walked right
// where it appears, marked with the call and argument it was passed as (`via`): whether
// it really runs during that call, and under which of the callee's locks, is again the
// callee's business. Callbacks handed to schedulers (`setTimeout`, event listeners) run
// later, without the caller's locks, and are summarised as functions of their own.
// Branches join by union (a lock held on either path may be held), loops are walked once.
import { ts } from 'ts-morph';
import { recognizeLockCall, type LockOperation } from './acquisitions';
import { flagGuardOf, guardKey, passedFlagOf, type FlagGuard, type PassedFlag } from './flagGuards';
import { functionDisplayName, functionKey } from './declarationKeys';
import { argumentLockRef, instanceOf, lockRefOf, UNKNOWN_INSTANCE, type Frame, type LockRef } from './lockIdentity';
import { functionDeclarationOf, isFunctionLikeExpression, isFunctionNode, skipOuterExpressions, type LockContext } from './resolution';
import { siteOf, type Site } from './sites';

export interface HeldLock {
  lock: LockRef;
  /** Where it was taken. */
  site: Site;
  /** How many inline callbacks deep it was taken (the length of `via` then). */
  depth: number;
}

/** An inline callback: passed as argument `argument` of the call event `call`. */
export interface ViaArgument {
  call: number;
  argument: number;
}

interface EventBase {
  site: Site;
  held: readonly HeldLock[];
  via: readonly ViaArgument[];
  /** The parameter flags the event runs under (`if (!opts.skipLock)`); absent when none. */
  guards?: FlagGuard[];
}

export interface AcquireEvent extends EventBase {
  kind: 'acquire';
  lock: LockRef;
}

/** A function value passed to a call: a function of the program, or one of the caller's own parameters. */
export type FunctionArgument = { argument: number; function: string; name: string; receiver?: string } | { argument: number; param: number };

export interface CallEvent extends EventBase {
  kind: 'call';
  /** The function making the call (a closure's captured variables are its caller's when the caller wrote it). */
  caller: string;
  /** Index of this call among the function's call events; `via` refers to it. */
  id: number;
  callee: string;
  calleeName: string;
  /** Instance of the receiver (`this` inside the callee) and of each argument. */
  receiver: string;
  args: string[];
  /** The lock each argument names, for callees that take a lock as a parameter. */
  argLocks: Array<LockRef | undefined>;
  functionArgs: FunctionArgument[];
  /** What each argument passes for a flag the callee may test; absent when no argument is a literal or a parameter. */
  flags?: Array<PassedFlag | undefined>;
  /** A function value run by code outside the program (`runExclusive(this.flush)`, `items.map(save)`): its arguments are not known. */
  argsUnknown?: true;
}

export interface InvokeEvent extends EventBase {
  kind: 'invoke';
  param: number;
}

export type LockEvent = AcquireEvent | CallEvent | InvokeEvent;

export interface FunctionWalk {
  key: string;
  name: string;
  /** Parameter names, for showing `param:1` as the user's `to`. */
  params: string[];
  events: LockEvent[];
  calls: CallEvent[];
}

interface State {
  held: readonly HeldLock[];
  /** The path ended here (return, throw, break, continue). */
  exited: boolean;
  /** Parameter flags this path runs under. */
  guards: readonly FlagGuard[];
}

/** Callees that keep a callback for later (schedulers, listeners, collections): it runs without the caller's locks. */
const DEFERRING_CALLEES = new Set([
  'push',
  'unshift',
  'add',
  'set',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'requestAnimationFrame',
  'requestIdleCallback',
  'addEventListener',
  'addListener',
  'prependListener',
  'on',
  'once',
  'subscribe',
]);
const HANDLE_RELEASE_METHODS = new Set(['release', 'unlock']);

/**
 * Walks `frame` (a function, or a file's top-level code). Inline callbacks it walks are
 * added to `inlined`, so the file summary does not walk them again on their own.
 */
export function walkFunction(frame: Frame, ctx: LockContext, inlined: Set<ts.Node>): FunctionWalk {
  return new FunctionWalker(frame, ctx, inlined).run();
}

class FunctionWalker {
  private readonly events: LockEvent[] = [];
  private readonly calls: CallEvent[] = [];
  private readonly via: ViaArgument[] = [];
  /** Variables bound to what an acquisition returned (`const release = await m.acquire()`). */
  private readonly releasers = new Map<ts.Symbol, HeldLock[]>();
  private readonly releaserNames = new Set<string>();
  private readonly key: string;

  constructor(
    private readonly frame: Frame,
    private readonly ctx: LockContext,
    private readonly inlined: Set<ts.Node>,
  ) {
    this.key = functionKey(frame);
  }

  run(): FunctionWalk {
    const start: State = { held: [], exited: false, guards: [] };
    if (ts.isSourceFile(this.frame)) this.statements(this.frame.statements, start);
    else if (this.frame.body) this.functionBody(this.frame.body, start);
    const params = ts.isSourceFile(this.frame) ? [] : this.frame.parameters.map((p) => p.name.getText());
    return { key: this.key, name: functionDisplayName(this.frame), params, events: this.events, calls: this.calls };
  }

  private functionBody(body: ts.ConciseBody, state: State): State {
    return ts.isBlock(body) ? this.statements(body.statements, state) : this.visit(body, state);
  }

  private statements(statements: readonly ts.Statement[], state: State): State {
    let current = state;
    for (const statement of statements) {
      if (current.exited) break;
      current = this.visit(statement, current);
    }
    return current;
  }

  private visit(node: ts.Node, state: State): State {
    if (isFunctionNode(node) || ts.isClassLike(node)) return state; // summarised on their own
    if (ts.isBlock(node) || ts.isModuleBlock(node)) return this.statements(node.statements, state);
    if (ts.isCallExpression(node)) return this.call(node, state);
    if (ts.isNewExpression(node)) return this.construct(node, state);
    if (ts.isIfStatement(node)) {
      const afterCondition = this.visit(node.expression, state);
      const whenTrue = this.visit(node.thenStatement, this.guarded(afterCondition, node.expression, true));
      const otherwise = this.guarded(afterCondition, node.expression, false);
      const whenFalse = node.elseStatement ? this.visit(node.elseStatement, otherwise) : otherwise;
      return join(whenTrue, whenFalse);
    }
    if (ts.isConditionalExpression(node)) {
      const afterCondition = this.visit(node.condition, state);
      return join(
        this.visit(node.whenTrue, this.guarded(afterCondition, node.condition, true)),
        this.visit(node.whenFalse, this.guarded(afterCondition, node.condition, false)),
      );
    }
    if (ts.isBinaryExpression(node) && isShortCircuit(node.operatorToken.kind)) {
      const afterLeft = this.visit(node.left, state);
      const kind = node.operatorToken.kind;
      // `a || b` runs b when a is falsy, `a && b` when it is truthy.
      const rightWhen = kind === ts.SyntaxKind.BarBarToken ? false : kind === ts.SyntaxKind.AmpersandAmpersandToken ? true : undefined;
      return join(afterLeft, this.visit(node.right, rightWhen === undefined ? afterLeft : this.guarded(afterLeft, node.left, rightWhen)));
    }
    if (ts.isTryStatement(node)) return this.tryStatement(node, state);
    if (ts.isIterationStatement(node, false)) return this.loop(node, state);
    if (ts.isSwitchStatement(node)) return this.switchStatement(node, state);
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) {
      const after = node.expression ? this.visit(node.expression, state) : state;
      return { ...after, exited: true };
    }
    if (ts.isBreakOrContinueStatement(node)) return { ...state, exited: true };
    if (ts.isIdentifier(node)) return this.identifier(node, state);
    let current = state;
    ts.forEachChild(node, (child) => {
      current = this.visit(child, current);
    });
    return current;
  }

  private tryStatement(node: ts.TryStatement, state: State): State {
    const afterTry = this.visit(node.tryBlock, state);
    // The catch block may start after any part of the try block has run.
    const afterCatch = node.catchClause ? this.visit(node.catchClause.block, { ...state, held: union(state.held, afterTry.held) }) : undefined;
    const normal = afterCatch ? join(afterTry, afterCatch) : afterTry;
    if (!node.finallyBlock) return normal;
    const afterFinally = this.visit(node.finallyBlock, { ...state, held: union(afterTry.held, afterCatch?.held ?? []) });
    return { held: afterFinally.held, exited: normal.exited || afterFinally.exited, guards: normal.guards };
  }

  private loop(node: ts.IterationStatement, state: State): State {
    let current = state;
    if (ts.isForStatement(node)) {
      if (node.initializer) current = this.visit(node.initializer, current);
      if (node.condition) current = this.visit(node.condition, current);
    } else if (ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      current = this.visit(node.expression, current);
    } else if (ts.isWhileStatement(node)) {
      current = this.visit(node.expression, current);
    }
    let body = this.visit(node.statement, current);
    if (ts.isForStatement(node) && node.incrementor) body = this.visit(node.incrementor, { ...current, held: body.held });
    if (ts.isDoStatement(node)) body = this.visit(node.expression, { ...current, held: body.held });
    // The body may run no times; a `break` or `continue` only leaves the loop.
    return { ...current, held: union(current.held, body.held) };
  }

  private switchStatement(node: ts.SwitchStatement, state: State): State {
    const afterExpression = this.visit(node.expression, state);
    let result: State | undefined;
    for (const clause of node.caseBlock.clauses) {
      const end = this.statements(clause.statements, afterExpression);
      // `break` ends the clause, not the function.
      const clauseEnd = end.exited && endsWithBreak(clause) ? { ...end, exited: false } : end;
      result = result ? join(result, clauseEnd) : clauseEnd;
    }
    const hasDefault = node.caseBlock.clauses.some(ts.isDefaultClause);
    return result && hasDefault ? result : join(result ?? afterExpression, afterExpression);
  }

  private identifier(node: ts.Identifier, state: State): State {
    if (!this.releaserNames.has(node.text) || !isEscape(node)) return state;
    // The release function is handed on (returned, stored, scheduled): someone else releases.
    return this.releaseBinding(node, state) ?? state;
  }

  private construct(node: ts.NewExpression, state: State): State {
    let current = this.visit(node.expression, state);
    for (const arg of node.arguments ?? []) {
      const value = skipOuterExpressions(arg);
      // `new Promise((resolve) => ...)` runs its executor right away.
      if (isFunctionLikeExpression(value)) this.inlineCallback(value, current, undefined);
      else current = this.visit(arg, current);
    }
    return current;
  }

  private call(node: ts.CallExpression, state: State): State {
    const operation = recognizeLockCall(node, this.ctx);
    if (operation) return this.lockOperation(operation, state);
    const callee = skipOuterExpressions(node.expression);

    const released = this.releaseCall(callee, state);
    if (released) return released;

    const param = this.ownParameterIndex(callee);
    if (param !== undefined) {
      this.events.push({ kind: 'invoke', param, site: siteOf(node), held: state.held, via: [...this.via], ...guardsOf(state) });
      return this.arguments(node, state, undefined, false);
    }

    const fn = functionDeclarationOf(callee, this.ctx);
    let current = this.visit(callee, state);
    let event: CallEvent | undefined;
    if (fn) {
      event = {
        kind: 'call',
        id: this.calls.length,
        caller: this.key,
        callee: functionKey(fn),
        calleeName: functionDisplayName(fn),
        receiver: ts.isPropertyAccessExpression(callee) ? instanceOf(callee.expression, this.frame, this.ctx) : UNKNOWN_INSTANCE,
        args: node.arguments.map((arg) => instanceOf(arg, this.frame, this.ctx)),
        argLocks: node.arguments.map((arg) => argumentLockRef(arg, this.frame, this.ctx)),
        functionArgs: [],
        ...passedFlags(node, this.frame, this.ctx),
        site: siteOf(node),
        held: current.held,
        via: [...this.via],
        ...guardsOf(current),
      };
      this.calls.push(event);
      this.events.push(event);
    }
    current = this.arguments(node, current, event, isDeferring(callee));
    return current;
  }

  /**
   * Arguments of a call to `event`'s callee (undefined: a function outside the program,
   * which is assumed to call what it is given right away, as `map`, `then` or `Promise.all` do).
   */
  private arguments(node: ts.CallExpression, state: State, event: CallEvent | undefined, deferring: boolean): State {
    let current = state;
    node.arguments.forEach((arg, argument) => {
      const value = skipOuterExpressions(arg);
      if (isFunctionLikeExpression(value)) {
        if (!deferring) this.inlineCallback(value, current, event && { call: event.id, argument });
        return;
      }
      const passed = this.functionValue(value);
      if (passed && !deferring) {
        if (event) {
          event.functionArgs.push(
            passed.kind === 'function' ? { argument, function: passed.key, name: passed.name, ...receiverOf(passed) } : { argument, param: passed.param },
          );
          return;
        }
        // Outside the program only a value typed as a function is taken to be called.
        if (passed.kind === 'function' || this.isCallable(value)) {
          this.runFunctionValue(passed, value, current.held);
          return;
        }
      }
      current = this.visit(arg, current);
    });
    return current;
  }

  private lockOperation(operation: LockOperation, state: State): State {
    const { call } = operation;
    const callee = skipOuterExpressions(call.expression);
    if (operation.kind === 'scoped') {
      let current = ts.isPropertyAccessExpression(callee) ? this.visit(callee.expression, state) : state;
      for (const arg of call.arguments) if (arg !== operation.callback) current = this.visit(arg, current);
      const lock = lockRefOf(operation.target, this.frame, this.ctx, operation.options);
      let inside = current;
      if (lock) {
        const entry = this.acquire(lock, call, current);
        inside = { ...current, held: [...current.held, entry] };
      }
      if (operation.callback) this.runCallback(operation.callback, inside);
      return current;
    }

    let current = this.visit(callee, state);
    for (const arg of call.arguments) current = this.visit(arg, current);
    const lock = lockRefOf(operation.target, this.frame, this.ctx);
    if (!lock) return current;
    if (operation.kind === 'release') {
      const index = findLastIndex(current.held, (h) => h.lock.classKey === lock.classKey && h.lock.instance === lock.instance);
      return index < 0 ? current : { ...current, held: current.held.filter((_, i) => i !== index) };
    }
    const entry = this.acquire(lock, call, current);
    this.bindReleaser(call, entry);
    return { ...current, held: [...current.held, entry] };
  }

  private acquire(lock: LockRef, call: ts.CallExpression, state: State): HeldLock {
    const site = siteOf(call);
    if (lock.blocking) this.events.push({ kind: 'acquire', lock, site, held: state.held, via: [...this.via], ...guardsOf(state) });
    return { lock, site, depth: this.via.length };
  }

  /** The state on the branch where `condition` is `outcome`: under one more guard when it tests a parameter flag. */
  private guarded(state: State, condition: ts.Expression, outcome: boolean): State {
    const guard = flagGuardOf(condition, outcome, this.frame, this.ctx);
    return guard ? { ...state, guards: [...state.guards, guard] } : state;
  }

  /** The callback of `runExclusive`/`request`: runs now, under `held` plus the lock. */
  private runCallback(callback: ts.Expression, state: State): void {
    const value = skipOuterExpressions(callback);
    if (isFunctionLikeExpression(value)) {
      this.inlineCallback(value, state, undefined);
      return;
    }
    const passed = this.functionValue(value);
    if (passed) this.runFunctionValue(passed, value, state.held);
    else this.visit(callback, { ...state, exited: false });
  }

  private inlineCallback(fn: ts.ArrowFunction | ts.FunctionExpression, state: State, via: ViaArgument | undefined): void {
    this.inlined.add(fn);
    if (via) this.via.push(via);
    this.functionBody(fn.body, { ...state, exited: false });
    if (via) this.via.pop();
  }

  /** A named function or a parameter, run right now under `held`. */
  private runFunctionValue(passed: PassedFunction, node: ts.Expression, held: readonly HeldLock[]): void {
    const site = siteOf(node);
    if (passed.kind === 'param') {
      this.events.push({ kind: 'invoke', param: passed.param, site, held, via: [...this.via] });
      return;
    }
    const event: CallEvent = {
      kind: 'call',
      id: this.calls.length,
      caller: this.key,
      callee: passed.key,
      calleeName: passed.name,
      receiver: passed.receiver,
      args: [],
      argLocks: [],
      functionArgs: [],
      argsUnknown: true,
      site,
      held,
      via: [...this.via],
    };
    this.calls.push(event);
    this.events.push(event);
  }

  private functionValue(value: ts.Expression): PassedFunction | undefined {
    if (!ts.isIdentifier(value) && !ts.isPropertyAccessExpression(value)) return undefined;
    const param = this.ownParameterIndex(value);
    if (param !== undefined) return { kind: 'param', param };
    const fn = functionDeclarationOf(value, this.ctx);
    // `this.flush` passed as a callback still runs on this object (a class field's arrow function always does).
    const receiver = ts.isPropertyAccessExpression(value) ? instanceOf(value.expression, this.frame, this.ctx) : UNKNOWN_INSTANCE;
    return fn ? { kind: 'function', key: functionKey(fn), name: functionDisplayName(fn), receiver } : undefined;
  }

  private isCallable(node: ts.Expression): boolean {
    return this.ctx.checker.getTypeAtLocation(node).getCallSignatures().length > 0;
  }

  /** Index of the frame's parameter that `node` names, when it names one. */
  private ownParameterIndex(node: ts.Expression): number | undefined {
    if (!ts.isIdentifier(node) || ts.isSourceFile(this.frame)) return undefined;
    // The checker only settles which of the same-named bindings this is.
    if (!this.frame.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === node.text)) return undefined;
    const declaration = this.ctx.checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || declaration.parent !== this.frame) return undefined;
    return this.frame.parameters.indexOf(declaration);
  }

  /** `const release = await m.acquire()`, `const [, release] = await sem.acquire()`, `release = await ...`. */
  private bindReleaser(call: ts.CallExpression, entry: HeldLock): void {
    const name = releaserName(call);
    if (!name) return;
    const symbol = this.ctx.checker.getSymbolAtLocation(name);
    if (!symbol) return;
    this.releasers.set(symbol, [...(this.releasers.get(symbol) ?? []), entry]);
    this.releaserNames.add(name.text);
  }

  /** `release()`, `release?.()`, `handle.release()`: gives back what the binding holds. */
  private releaseCall(callee: ts.Expression, state: State): State | undefined {
    if (ts.isIdentifier(callee) && this.releaserNames.has(callee.text)) return this.releaseBinding(callee, state);
    if (
      ts.isPropertyAccessExpression(callee) &&
      (HANDLE_RELEASE_METHODS.has(callee.name.text) || this.ctx.settings.releaseMethods.includes(callee.name.text))
    ) {
      const handle = skipOuterExpressions(callee.expression);
      if (ts.isIdentifier(handle) && this.releaserNames.has(handle.text)) return this.releaseBinding(handle, state);
    }
    return undefined;
  }

  private releaseBinding(node: ts.Identifier, state: State): State | undefined {
    const symbol = this.ctx.checker.getSymbolAtLocation(node);
    const entries = symbol && this.releasers.get(symbol);
    if (!entries) return undefined;
    return { ...state, held: state.held.filter((h) => !entries.includes(h)) };
  }
}

type PassedFunction = { kind: 'function'; key: string; name: string; receiver: string } | { kind: 'param'; param: number };

function receiverOf(passed: Extract<PassedFunction, { kind: 'function' }>): { receiver?: string } {
  return passed.receiver === UNKNOWN_INSTANCE ? {} : { receiver: passed.receiver };
}

/** The variable an acquisition's result is bound to, if any. */
export function releaserName(call: ts.CallExpression): ts.Identifier | undefined {
  let node: ts.Node = call;
  while (
    ts.isAwaitExpression(node.parent) ||
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isNonNullExpression(node.parent)
  ) {
    node = node.parent;
  }
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    if (ts.isIdentifier(parent.name)) return parent.name;
    if (ts.isArrayBindingPattern(parent.name)) {
      // Semaphore#acquire resolves to [value, release].
      const element = parent.name.elements[1];
      return element && ts.isBindingElement(element) && ts.isIdentifier(element.name) ? element.name : undefined;
    }
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node && ts.isIdentifier(parent.left)) {
    return parent.left;
  }
  return undefined;
}

/** A use of a release function that hands it to someone else. */
function isEscape(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isCallExpression(parent)) return parent.arguments.includes(node);
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent))
    return true;
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) return parent.initializer === node;
  if (ts.isBinaryExpression(parent)) return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node;
  return false;
}

function isDeferring(callee: ts.Expression): boolean {
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && DEFERRING_CALLEES.has(name);
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

function endsWithBreak(clause: ts.CaseOrDefaultClause): boolean {
  const last = clause.statements[clause.statements.length - 1];
  return !!last && ts.isBreakStatement(last) && !last.label;
}

/** Where two paths meet: what either may hold, under the guards both run under; it ends only if both end. */
function join(a: State, b: State): State {
  if (a.exited && !b.exited) return b;
  if (b.exited && !a.exited) return a;
  const guards = a.guards === b.guards ? a.guards : a.guards.filter((g) => b.guards.some((other) => guardKey(other) === guardKey(g)));
  return { held: union(a.held, b.held), exited: a.exited && b.exited, guards };
}

function guardsOf(state: State): { guards?: FlagGuard[] } {
  return state.guards.length > 0 ? { guards: [...state.guards] } : {};
}

/** The flags a call's arguments pass, when any argument is a literal or one of the caller's parameters. */
function passedFlags(call: ts.CallExpression, frame: Frame, ctx: LockContext): { flags?: Array<PassedFlag | undefined> } {
  if (call.arguments.length === 0) return {};
  const flags = call.arguments.map((arg) => passedFlagOf(arg, frame, ctx));
  return flags.some((f) => f !== undefined) ? { flags } : {};
}

function union(a: readonly HeldLock[], b: readonly HeldLock[]): readonly HeldLock[] {
  if (a === b || b.length === 0) return a;
  const extra = b.filter((h) => !a.includes(h));
  return extra.length === 0 ? a : [...a, ...extra];
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return i;
  return -1;
}
