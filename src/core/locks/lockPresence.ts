// Whether a program takes any lock at all. Most programs take none, and summarising every
// function of one asks the checker to resolve every call: on a large, generic code base
// that alone can cost half of what `tsc` spends checking it. Every lock operation is a
// call of a function or method with one of a few names (async-mutex's, Web Locks', the
// configured ones; an acquire helper returns one of those), so a syntactic scan for those
// names, with each candidate confirmed by the recognizers, settles it exactly.
import { ts } from 'ts-morph';
import { PerSettings, WeakCache } from '../analysisCaches';
import { compilerDescendants } from '../syntaxDescendants';
import { recognizeLockCall } from './acquisitions';
import { LOCK_CALLBACK_NAME } from './lockShapes';
import { isUserFile, skipOuterExpressions, type LockContext } from './resolution';

const LIBRARY_METHODS = ['acquire', 'release', 'runExclusive', 'request'];

// The calls of a file that may take a lock. Depends on: the lock settings (the configured
// names) and the file's text.
const candidateCache = new PerSettings(() => new WeakCache<ts.SourceFile, ts.CallExpression[]>());

export function programTakesLocks(program: ts.Program, ctx: LockContext): boolean {
  const names = candidateNames(ctx.settings);
  const candidates = candidateCache.for(ctx.settings);
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file)) continue;
    for (const call of candidates.get(file, () => candidateCalls(file, names))) {
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

function candidateCalls(file: ts.SourceFile, names: ReadonlySet<string>): ts.CallExpression[] {
  return compilerDescendants(file).filter((node): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const name = calleeName(node);
    return names.has(name) || LOCK_CALLBACK_NAME.test(name);
  });
}

function calleeName(call: ts.CallExpression): string {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : '';
}
