// Joins the per-file summaries into what every function does when called, through any
// number of calls, across files:
//   mayAcquire(f)    the locks f may take (itself or in a callee), each with the call chain to where;
//   invokes(f, i)    f calls the function passed as its i-th argument, and which locks it holds then
//                    (the wrapper `withLedger(fn)` holds `ledgerLock` when it calls `fn`).
// Both only grow, so a worklist reaches the fixed point; recursion just revisits a function
// until nothing new turns up. Instances are mapped at every call (`this` in the callee is the
// call's receiver), so `this.lock` taken by `to.deposit()` is `to.lock` for the caller.
import { guardKey, resolveGuards, type FlagGuard } from './flagGuards';
import type { CallEvent, FunctionArgument, HeldLock, LockEvent } from './heldLocks';
import type { Site } from './sites';
import type { FileSummary, FunctionSummary } from './functionSummaries';
import { lockSignature, mapLock, mappedSignature, UNKNOWN_INSTANCE, type CallBinding, type LockRef } from './lockIdentity';

/** One step of a call chain: what `fn` does at `site`. */
export interface ChainStep {
  site: Site;
  /** The function the step is in. */
  fn: string;
  /** `takes`: the lock is taken at `site`; `calls`: `site` calls `callee`. */
  action: 'takes' | 'calls';
  callee?: string;
  lock?: string;
}

/** A lock, and how it comes to be taken (or held): the steps from the first call down to the acquisition. */
export interface Acquisition {
  lock: LockRef;
  chain: ChainStep[];
  /** It happens only under these flags of the function's own parameters (see `flagGuards.ts`). */
  guards?: FlagGuard[];
  /** Some caller on the way passed a flag it guards on that is not known here: it may not happen. */
  uncertain?: boolean;
}

/** A lock held at some point of a function: taken there, or by a wrapper it runs inside. */
export interface HeldAt {
  lock: LockRef;
  /** Where the function took it, or the wrapper call it runs inside. */
  site: Site;
  /** From `site` down to where the lock was taken (one step when the function took it itself). */
  chain: ChainStep[];
}

export interface ProgramSummary {
  functions: ReadonlyMap<string, FunctionSummary>;
  mayAcquire: ReadonlyMap<string, ReadonlyMap<string, Acquisition>>;
  invokes: ReadonlyMap<string, ReadonlyMap<number, ReadonlyMap<string, Acquisition>>>;
}

/** Chains longer than this keep their first steps and the final acquisition. */
const MAX_CHAIN = 6;

export function linkSummaries(files: readonly FileSummary[]): ProgramSummary {
  const functions = new Map<string, FunctionSummary>();
  for (const file of files) for (const fn of file.functions) functions.set(fn.key, fn);
  const program = { functions, mayAcquire: new Map<string, Map<string, Acquisition>>(), invokes: new Map<string, Map<number, Map<string, Acquisition>>>() };

  const dependents = new Map<string, Set<string>>();
  for (const fn of functions.values()) {
    for (const call of fn.calls) {
      for (const used of [call.callee, ...call.functionArgs.flatMap((arg) => ('function' in arg ? [arg.function] : []))]) {
        let set = dependents.get(used);
        if (!set) dependents.set(used, (set = new Set()));
        set.add(fn.key);
      }
    }
  }

  const queue = [...functions.keys()];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    queued.delete(key);
    if (!updateFunction(functions.get(key) as FunctionSummary, program)) continue;
    for (const dependent of dependents.get(key) ?? []) {
      if (!queued.has(dependent)) {
        queued.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return program;
}

interface MutableProgram {
  functions: ReadonlyMap<string, FunctionSummary>;
  mayAcquire: Map<string, Map<string, Acquisition>>;
  invokes: Map<string, Map<number, Map<string, Acquisition>>>;
}

/** Adds what `fn`'s events now imply to its summary; true when it grew. */
function updateFunction(fn: FunctionSummary, program: MutableProgram): boolean {
  let grew = false;
  let may = program.mayAcquire.get(fn.key);
  if (!may) program.mayAcquire.set(fn.key, (may = new Map<string, Acquisition>()));
  let invokes = program.invokes.get(fn.key);
  if (!invokes) program.invokes.set(fn.key, (invokes = new Map<number, Map<string, Acquisition>>()));

  const addInvoke = (param: number, held: readonly HeldAt[]): void => {
    let locks = invokes.get(param);
    if (!locks) {
      invokes.set(param, (locks = new Map<string, Acquisition>()));
      grew = true;
    }
    for (const h of held) {
      const signature = lockSignature(h.lock);
      if (!locks.has(signature)) {
        locks.set(signature, { lock: h.lock, chain: h.chain });
        grew = true;
      }
    }
  };

  // Most events only confirm what is known already: compare signatures before building chains.
  const addAcquired = (signature: string | undefined, build: () => Acquisition | undefined): void => {
    if (signature === undefined || may.has(signature)) return;
    const acquired = build();
    if (!acquired) return;
    may.set(signature, acquired);
    grew = true;
  };

  for (const event of fn.events) {
    if (!isLive(fn, event, program)) continue;
    if (event.kind === 'acquire') {
      addAcquired(conditionalSignature(lockSignature(event.lock), event.guards, false), () => ({
        lock: event.lock,
        chain: [takeStep(event.site, fn.name, event.lock)],
        ...conditions(event.guards, false),
      }));
    } else if (event.kind === 'invoke') {
      addInvoke(event.param, eventContext(fn, event, program).held);
    } else {
      const step = callStep(event, fn.name);
      for (const a of program.mayAcquire.get(event.callee)?.values() ?? []) {
        const settled = settleGuards(a, event);
        if (!settled) continue;
        addAcquired(conditionalSignature(mappedSignature(a.lock, event), settled.guards, settled.uncertain), () => {
          const lock = mapLock(a.lock, event);
          return lock && { lock, chain: extendChain(step, a.chain), ...conditions(settled.guards, settled.uncertain) };
        });
      }
      for (const arg of event.functionArgs) {
        const invoked = program.invokes.get(event.callee)?.get(arg.argument);
        if (!invoked) continue;
        if ('param' in arg) {
          addInvoke(arg.param, [...eventContext(fn, event, program).held, ...heldFromInvokes(invoked, event, fn.name)]);
          continue;
        }
        for (const a of program.mayAcquire.get(arg.function)?.values() ?? []) {
          // Called by the wrapper with arguments not known here: a guarded acquisition may not happen.
          const uncertain = !!a.uncertain || !!a.guards?.length;
          const binding = passedFunctionCall(arg);
          addAcquired(conditionalSignature(mappedSignature(a.lock, binding), event.guards, uncertain), () => {
            const lock = mapLock(a.lock, binding);
            return lock && { lock, chain: extendChain({ ...step, callee: arg.name }, a.chain), ...conditions(event.guards, uncertain) };
          });
        }
      }
    }
  }
  return grew;
}

/** Whether an event runs while its function runs: every call its inline callbacks were passed to calls them. */
function isLive(fn: FunctionSummary, event: LockEvent, program: Pick<ProgramSummary, 'invokes'>): boolean {
  return event.via.every((via) => program.invokes.get(fn.calls[via.call].callee)?.has(via.argument));
}

export interface EventContext {
  /** The event runs while its function runs (not in a callback kept for later). */
  live: boolean;
  /** Locks held at the event, including those of the wrappers its inline callbacks run inside. */
  held: HeldAt[];
}

/**
 * What is held at an event, given the calls its inline callbacks were passed to: a callee
 * that calls the callback adds the locks it holds then; a callee that never calls it cuts
 * the callback off from everything held outside it.
 */
export function eventContext(fn: FunctionSummary, event: LockEvent, program: Pick<ProgramSummary, 'invokes'>): EventContext {
  let liveFrom = 0;
  let extra: HeldAt[] = [];
  event.via.forEach((via, depth) => {
    const call = fn.calls[via.call];
    const invoked = program.invokes.get(call.callee)?.get(via.argument);
    if (!invoked) {
      liveFrom = depth + 1;
      extra = [];
      return;
    }
    extra.push(...heldFromInvokes(invoked, call, fn.name));
  });
  const own = event.held.filter((h: HeldLock) => h.depth >= liveFrom).map((h) => ({ lock: h.lock, site: h.site, chain: [takeStep(h.site, fn.name, h.lock)] }));
  return { live: liveFrom === 0, held: [...own, ...extra] };
}

/** Locks a callee holds when it calls a function argument, as the caller sees them. */
function heldFromInvokes(invoked: ReadonlyMap<string, Acquisition>, call: CallEvent, caller: string): HeldAt[] {
  const out: HeldAt[] = [];
  for (const a of invoked.values()) {
    const lock = mapLock(a.lock, call);
    if (lock) out.push({ lock, site: call.site, chain: extendChain(callStep(call, caller), a.chain) });
  }
  return out;
}

export interface AcquiredAt {
  acquired: Acquisition;
  /** Locks the callee holds around this acquisition on top of the caller's (a wrapper running a function argument). */
  alsoHeld: HeldAt[];
}

/** The locks an event takes, directly or anywhere below it. */
export function acquisitionsAt(fn: FunctionSummary, event: LockEvent, program: Pick<ProgramSummary, 'mayAcquire' | 'invokes'>): AcquiredAt[] {
  if (event.kind === 'acquire')
    return [{ acquired: { lock: event.lock, chain: [takeStep(event.site, fn.name, event.lock)], ...conditions(event.guards, false) }, alsoHeld: [] }];
  if (event.kind === 'invoke') return [];
  const out: AcquiredAt[] = [];
  const step = callStep(event, fn.name);
  for (const a of program.mayAcquire.get(event.callee)?.values() ?? []) {
    const settled = settleGuards(a, event);
    const lock = settled && mapLock(a.lock, event);
    if (lock) out.push({ acquired: { lock, chain: extendChain(step, a.chain), ...conditions(settled.guards, settled.uncertain) }, alsoHeld: [] });
  }
  for (const arg of event.functionArgs) {
    if (!isFunctionValue(arg)) continue;
    const invoked = program.invokes.get(event.callee)?.get(arg.argument);
    if (!invoked) continue;
    const alsoHeld = heldFromInvokes(invoked, event, fn.name);
    const passedStep: ChainStep = { ...step, callee: arg.name };
    for (const a of program.mayAcquire.get(arg.function)?.values() ?? []) {
      // Called by the wrapper with no receiver and unknown arguments.
      const lock = mapLock(a.lock, passedFunctionCall(arg));
      if (lock)
        out.push({ acquired: { lock, chain: extendChain(passedStep, a.chain), ...conditions(event.guards, !!a.uncertain || !!a.guards?.length) }, alsoHeld });
    }
  }
  // Acquisitions that certainly happen first, so they are the ones a site is reported for.
  return out.sort((x, y) => Number(isConditional(x.acquired)) - Number(isConditional(y.acquired)));
}

/** Whether an acquisition depends on flags: its function's own, or ones a caller passed that are not known. */
export function isConditional(acquired: Acquisition): boolean {
  return !!acquired.uncertain || !!acquired.guards?.length;
}

/**
 * A callee's acquisition as a call leaves it: undefined when the call's flags switch it off,
 * else the guards it still depends on, the call's own and those the call hands on.
 */
function settleGuards(acquired: Acquisition, call: CallEvent): { guards: FlagGuard[]; uncertain: boolean } | undefined {
  const outcome = resolveGuards(acquired.guards, call.argsUnknown ? Number.POSITIVE_INFINITY : call.args.length, call.flags);
  if (outcome.skipped) return undefined;
  return { guards: [...(call.guards ?? []), ...outcome.guards], uncertain: !!acquired.uncertain || outcome.uncertain };
}

function conditions(guards: readonly FlagGuard[] | undefined, uncertain: boolean): Pick<Acquisition, 'guards' | 'uncertain'> {
  return { ...(guards?.length ? { guards: [...guards] } : {}), ...(uncertain ? { uncertain } : {}) };
}

/** A lock's signature, told apart by the flags its acquisition depends on. */
function conditionalSignature(signature: string | undefined, guards: readonly FlagGuard[] | undefined, uncertain: boolean): string | undefined {
  if (signature === undefined || (!guards?.length && !uncertain)) return signature;
  return `${signature}\u0000${(guards ?? []).map(guardKey).join(',')}${uncertain ? '?' : ''}`;
}

function isFunctionValue(arg: FunctionArgument): arg is Extract<FunctionArgument, { function: string }> {
  return 'function' in arg;
}

/** How a wrapper calls a function it was given: with no receiver and arguments nobody knows. */
const UNBOUND_CALL: CallBinding = { receiver: UNKNOWN_INSTANCE, args: [], argLocks: [] };

/** How a wrapper calls a function passed to it: on the object it was read from (`this.flush`), with unknown arguments. */
function passedFunctionCall(arg: FunctionArgument): CallBinding {
  return 'receiver' in arg && arg.receiver ? { ...UNBOUND_CALL, receiver: arg.receiver } : UNBOUND_CALL;
}

function takeStep(site: Site, fn: string, lock: LockRef): ChainStep {
  return { site, fn, action: 'takes', lock: lock.name };
}

function callStep(call: CallEvent, fn: string): ChainStep {
  return { site: call.site, fn, action: 'calls', callee: call.calleeName };
}

function extendChain(step: ChainStep, chain: readonly ChainStep[]): ChainStep[] {
  if (chain.length + 1 <= MAX_CHAIN) return [step, ...chain];
  return [step, ...chain.slice(0, MAX_CHAIN - 2), chain[chain.length - 1]];
}
