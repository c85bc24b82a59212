// Whether a program takes any lock at all. Most programs take none, and summarising every
// function of one asks the checker to resolve every call: on a large, generic code base
// that alone can cost half of what `tsc` spends checking it. Every lock operation is a
// call of a function or method with one of a few names (async-mutex's, Web Locks', the
// configured ones; an acquire helper returns one of those), so a syntactic scan for those
// names, with each candidate confirmed by the recognizers, settles it exactly.
import { ts } from 'ts-morph';
import { compilerDescendants } from '../syntaxDescendants';
import { recognizeLockCall } from './acquisitions';
import { LOCK_CALLBACK_NAME } from './lockShapes';
import { isUserFile, skipOuterExpressions, type LockContext } from './resolution';

const LIBRARY_METHODS = ['acquire', 'release', 'runExclusive', 'request'];

/** Per file (the compiler replaces the node on every edit) and per set of names. */
const candidateCache = new WeakMap<ts.SourceFile, { names: string; calls: ts.CallExpression[] }>();

export function programTakesLocks(program: ts.Program, ctx: LockContext): boolean {
  const names = candidateNames(ctx.settings);
  const key = [...names].join(',');
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file)) continue;
    for (const call of candidateCalls(file, names, key)) {
      const operation = recognizeLockCall(call, ctx);
      if (operation && operation.kind !== 'release') return true;
    }
  }
  return false;
}

function candidateNames(settings: LockContext['settings']): Set<string> {
  const configured = [...settings.acquireMethods, ...settings.runExclusiveMethods].map((spec) => spec.slice(spec.lastIndexOf('#') + 1));
  return new Set([...LIBRARY_METHODS, ...configured]);
}

function candidateCalls(file: ts.SourceFile, names: ReadonlySet<string>, key: string): ts.CallExpression[] {
  const cached = candidateCache.get(file);
  if (cached?.names === key) return cached.calls;
  const calls = compilerDescendants(file).filter((node): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const name = calleeName(node);
    return names.has(name) || LOCK_CALLBACK_NAME.test(name);
  });
  candidateCache.set(file, { names: key, calls });
  return calls;
}

function calleeName(call: ts.CallExpression): string {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : '';
}
