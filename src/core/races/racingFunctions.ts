// The functions a race can happen in: async functions the event loop runs while another
// call of the same function may be waiting (the event-loop family's entry points, and
// React event handlers, which each click starts again). Code
// that runs only at startup, CLI commands, worker threads and test files have none, and
// neither do methods whose decorator makes concurrent callers share one pending call.
import { Node, type SourceFile } from 'ts-morph';
import { entryPointsIn } from '../eventLoop/asyncContext';
import { isAsyncFunction, type FunctionLike } from '../eventLoop/syncRegion';
import { reactHandlersIn } from './reactHandlers';

/**
 * Decorators that hand a second caller the first caller's pending promise, or run calls one
 * at a time (GitLens's `@gate()`, `@memoize`, `@synchronized`, `@singleFlight`): two calls of
 * the method never interleave. Matched by name, as projects write their own.
 */
const ONE_CALL_AT_A_TIME =
  /^(gate|gated|memoize|memoized|once|synchronized|sequential|sequentialize|serialize|serialized|exclusive|mutex|locked|single-?flight|dedupe)$/i;

/** Each async entry point declared in `sourceFile`, and each async React event handler, once. */
export function racingFunctionsIn(sourceFile: SourceFile): FunctionLike[] {
  const out: FunctionLike[] = [];
  const seen = new Set<FunctionLike>();
  for (const fn of [...entryPointsIn(sourceFile).map((entry) => entry.fn), ...reactHandlersIn(sourceFile)]) {
    if (seen.has(fn) || fn.getSourceFile() !== sourceFile || !isAsyncFunction(fn) || callsShareOnePending(fn)) continue;
    seen.add(fn);
    out.push(fn);
  }
  return out;
}

function callsShareOnePending(fn: FunctionLike): boolean {
  if (!Node.isMethodDeclaration(fn)) return false;
  return fn.getDecorators().some((decorator) => ONE_CALL_AT_A_TIME.test(decorator.getName()));
}
