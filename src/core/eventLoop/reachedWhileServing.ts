// In a command-line package, an async function runs either for the one command the process
// was started for, while nothing else waits, or for a server one of its commands starts (a
// local emulator's routes, sockets and timers), while other requests wait. Read backwards:
// from the function to its callers, up to a command action, a promise callback or the top
// level (the command) or to a request handler, a listener or a timer (a server). Anything
// the reading cannot follow (a function handed on as a value, a caller it cannot resolve,
// too many callers) counts as a server, so a finding is kept rather than lost.
import { Node } from 'ts-morph';
import { isTestFile } from '../testFiles';
import { registrationKindOf } from './asyncContext';
import { calledName, isCallee, usesOf } from './functionUses';
import { enclosingFunction, ITERATING_METHODS, type FunctionLike } from './syncRegion';

/** How many callers deep to follow, and how many uses to read in all: beyond that, assume a server reaches it. */
const MAX_DEPTH = 8;
const MAX_USES = 96;

export function mayRunWhileServing(fn: FunctionLike): boolean {
  return servedThrough(fn, new Set(), 0, { uses: 0 });
}

interface Budget {
  uses: number;
}

function servedThrough(fn: FunctionLike, visiting: Set<FunctionLike>, depth: number, budget: Budget): boolean {
  // A function met again on the way adds no caller of its own.
  if (visiting.has(fn)) return false;
  if (depth > MAX_DEPTH) return true;
  visiting.add(fn);
  const name = calledName(fn);
  if (!name) return servedWhereUsed(fn, visiting, depth, budget);
  const { uses, unresolvedCalls } = usesOf(fn, name);
  budget.uses += uses.length;
  if (uses.length === 0 || budget.uses > MAX_USES) return true;
  // A method may be called on a receiver the checker cannot type (`emulator.start()` on `any`).
  if (isCalledOnReceivers(fn) && unresolvedCalls.some((call) => !isTestFile(call.getSourceFile()))) return true;
  return uses.some((use) => !isTestFile(use.getSourceFile()) && servedWhereUsed(use, visiting, depth, budget));
}

/** Whether what `use` (a name of the function, or the function written inline) is handed to may run it for a server. */
function servedWhereUsed(use: Node, visiting: Set<FunctionLike>, depth: number, budget: Budget): boolean {
  if (isCallee(use)) return servedAround(use, visiting, depth, budget);
  const kind = registrationKindOf(use);
  // A promise callback runs as the rest of the function that set it up.
  if (kind === 'promise-callback' || (kind === undefined && isIteratedCallback(use))) return servedAround(use, visiting, depth, budget);
  return kind !== 'nothing-waits';
}

/** The caller is the function the use is written in; none means the module's top level, run once at the start. */
function servedAround(use: Node, visiting: Set<FunctionLike>, depth: number, budget: Budget): boolean {
  const caller = enclosingFunction(use);
  return !!caller && servedThrough(caller, visiting, depth + 1, budget);
}

/** `files.map(fn)`: run right there, once per element. */
function isIteratedCallback(use: Node): boolean {
  const call = use.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(use)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && ITERATING_METHODS.has(callee.getName());
}

function isCalledOnReceivers(fn: FunctionLike): boolean {
  return Node.isMethodDeclaration(fn) || Node.isPropertyAssignment(fn.getParent()) || Node.isPropertyDeclaration(fn.getParent());
}
