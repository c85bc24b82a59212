// What runs a function: a request a server is handling, something else a long-running process
// listens for, or only the one job the process was started for (a command, startup,
// shutdown). Read backwards: from the function to its callers, up to a request handler, a
// listener or a timer, or to a command action, startup code or the module's top level.
// Anything the reading cannot follow (a function handed on as a value, a caller it cannot
// resolve, too many callers) is `unknown`: neither a request nor only a command.
import { Node } from 'ts-morph';
import { isTestFile } from '../testFiles';
import { registrationKindOf } from './asyncContext';
import { calledName, isCallee, usesOf } from './functionUses';
import { isCommandModuleExport, runsOnceAtStart } from './runsWhileNothingWaits';
import { enclosingFunction, isFunctionLike, ITERATING_METHODS, type FunctionLike } from './syncRegion';

/**
 * Strongest first: `request` (a route, a server's request callback, a message handler),
 * `serving` (another listener or a timer of a long-running process), `unknown`, and
 * `nothing-waits` (only commands, startup, shutdown or the module's top level).
 */
export type ServingReach = 'request' | 'serving' | 'unknown' | 'nothing-waits';

const STRENGTH: readonly ServingReach[] = ['nothing-waits', 'unknown', 'serving', 'request'];

/** Events that mean a request or a message has come in: `server.on('request')`, `socket.on('message')`. */
const REQUEST_EVENTS = new Set(['request', 'message', 'connection', 'upgrade', 'stream']);

/** How many callers deep to follow, and how many uses to read in all: beyond that, `unknown`. */
const MAX_DEPTH = 8;
const MAX_USES = 96;

export function servingReachOf(fn: FunctionLike): ServingReach {
  return reachThrough(fn, new Set(), 0, { uses: 0 });
}

/** Whether a listener registration (`server.on('request', fn)`) is for a request or a message. */
export function isRequestListener(handedTo: Node): boolean {
  const call = handedTo.getParent();
  if (!Node.isCallExpression(call)) return false;
  const [event] = call.getArguments();
  return !!event && (Node.isStringLiteral(event) || Node.isNoSubstitutionTemplateLiteral(event)) && REQUEST_EVENTS.has(event.getLiteralValue());
}

interface Budget {
  uses: number;
}

function strongest(a: ServingReach, b: ServingReach): ServingReach {
  return STRENGTH.indexOf(a) >= STRENGTH.indexOf(b) ? a : b;
}

function reachThrough(fn: FunctionLike, visiting: Set<FunctionLike>, depth: number, budget: Budget): ServingReach {
  // A function met again on the way adds no caller of its own.
  if (visiting.has(fn)) return 'nothing-waits';
  if (depth > MAX_DEPTH) return 'unknown';
  visiting.add(fn);
  if (runsOnceAtStart(fn)) return 'nothing-waits';
  const name = calledName(fn);
  if (!name) return reachWhereUsed(fn, visiting, depth, budget);
  const found = usesOf(fn, name);
  // `export default main` hands it to whoever loads the module, which no name here says.
  const uses = found.uses.filter((use) => !Node.isExportAssignment(use.getParent()));
  budget.uses += uses.length;
  if (uses.length === 0) return isCommandModuleExport(fn) ? 'nothing-waits' : 'unknown';
  if (budget.uses > MAX_USES) return 'unknown';
  const { unresolvedCalls } = found;
  // A method may be called on a receiver the checker cannot type (`emulator.start()` on `any`).
  let reach: ServingReach = isCalledOnReceivers(fn) && unresolvedCalls.some((call) => !isTestFile(call.getSourceFile())) ? 'unknown' : 'nothing-waits';
  for (const use of uses) {
    if (isTestFile(use.getSourceFile())) continue;
    reach = strongest(reach, reachWhereUsed(use, visiting, depth, budget));
    if (reach === 'request') break;
  }
  return reach;
}

/** What runs `use` (a name of the function, or the function written inline). */
function reachWhereUsed(use: Node, visiting: Set<FunctionLike>, depth: number, budget: Budget): ServingReach {
  if (isCallee(use)) return reachAround(use, visiting, depth, budget);
  if (Node.isExportAssignment(use.getParent()) && isFunctionLike(use) && isCommandModuleExport(use)) return 'nothing-waits';
  const kind = registrationKindOf(use);
  switch (kind) {
    case 'route':
    case 'server':
    case 'message-handler':
      return 'request';
    case 'listener':
      return isRequestListener(use) ? 'request' : 'serving';
    case 'timer':
      return 'serving';
    // A promise or completion callback runs as the rest of the function that set it up.
    case 'promise-callback':
    case 'io-callback':
      return reachAround(use, visiting, depth, budget);
    case 'nothing-waits':
      return 'nothing-waits';
    default:
      return isIteratedCallback(use) ? reachAround(use, visiting, depth, budget) : 'unknown';
  }
}

/** The caller is the function the use is written in; none means the module's top level, run once at the start. */
function reachAround(use: Node, visiting: Set<FunctionLike>, depth: number, budget: Budget): ServingReach {
  const caller = enclosingFunction(use);
  return caller ? reachThrough(caller, visiting, depth + 1, budget) : 'nothing-waits';
}

/** `files.map(fn)`: run right there, once per element. */
function isIteratedCallback(use: Node): boolean {
  const call = use.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(use)) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && ITERATING_METHODS.has(callee.getName());
}

/** A method, unless static: a class is always a value the checker can resolve, so `Emulator.build()` is never on `any`. */
function isCalledOnReceivers(fn: FunctionLike): boolean {
  if (Node.isMethodDeclaration(fn)) return !fn.isStatic();
  return Node.isPropertyAssignment(fn.getParent()) || Node.isPropertyDeclaration(fn.getParent());
}
