// Whether an awaited expression is a promise, as the type checker sees it.
import { isThenableType } from 'ts-api-utils';
import { ts, type Expression, type TypeChecker } from 'ts-morph';

/**
 * `thenable`: the checker proves it is Promise-like. `unknown`: the checker has no real
 * type (an unresolved import gives `any` or the error type), so a caller must not guess.
 * `plain`: awaiting it only yields to the event loop once.
 */
export type Awaitability = 'thenable' | 'unknown' | 'plain';

export function awaitability(expression: Expression, checker: TypeChecker): Awaitability {
  const compilerChecker = checker.compilerObject;
  const type = compilerChecker.getTypeAtLocation(expression.compilerNode);
  if (type.flags & ts.TypeFlags.Any) return 'unknown';
  return isThenableType(compilerChecker, expression.compilerNode, type) ? 'thenable' : 'plain';
}
