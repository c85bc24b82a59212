// The functions a race can happen in: async functions the event loop runs while another
// call of the same function may be waiting (the event-loop family's entry points). Code
// that runs only at startup, CLI commands, worker threads and test files have none.
import type { SourceFile } from 'ts-morph';
import { entryPointsIn } from '../eventLoop/asyncContext';
import { isAsyncFunction, type FunctionLike } from '../eventLoop/syncRegion';

/** Each async entry point declared in `sourceFile`, once. */
export function racingFunctionsIn(sourceFile: SourceFile): FunctionLike[] {
  const out: FunctionLike[] = [];
  const seen = new Set<FunctionLike>();
  for (const { fn } of entryPointsIn(sourceFile)) {
    if (seen.has(fn) || fn.getSourceFile() !== sourceFile || !isAsyncFunction(fn)) continue;
    seen.add(fn);
    out.push(fn);
  }
  return out;
}
