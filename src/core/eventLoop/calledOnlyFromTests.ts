// An async function of the product that only tests call, directly or through other
// functions only tests call: whatever it blocks, it blocks a test run, which waits for
// each test anyway. Read from the calls the program can see; a function that is never
// called, called from the product, or handed on as a value (a callback, an export under
// another name) is not test-only.
import { isTestFile } from '../testFiles';
import { calledName, isCallee, usesOf } from './functionUses';
import { isFunctionLike, type FunctionLike } from './syncRegion';

/** How many callers deep to follow, and how many uses to read in all: beyond that, assume the product calls it. */
const MAX_DEPTH = 4;
const MAX_USES = 64;

export function isCalledOnlyFromTests(fn: FunctionLike): boolean {
  return onlyTestsCall(fn, new Set(), 0, { uses: 0 });
}

function onlyTestsCall(fn: FunctionLike, visiting: Set<FunctionLike>, depth: number, budget: { uses: number }): boolean {
  // A function met again on the way adds no caller of its own.
  if (visiting.has(fn)) return true;
  if (depth > MAX_DEPTH) return false;
  const name = calledName(fn);
  if (!name) return false;
  visiting.add(fn);
  const { uses } = usesOf(fn, name);
  budget.uses += uses.length;
  if (uses.length === 0 || budget.uses > MAX_USES) return false;
  return uses.every((use) => {
    if (isTestFile(use.getSourceFile())) return true;
    if (!isCallee(use)) return false;
    const caller = use.getFirstAncestor(isFunctionLike);
    return !!caller && onlyTestsCall(caller, visiting, depth + 1, budget);
  });
}
