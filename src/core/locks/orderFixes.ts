// The quick fix for two locks taken in the opposite order to the rest of the workspace:
// swap them. Offered only where the two acquisitions are directly nested in one function,
// so nothing runs between them and swapping them changes nothing but the order.
import { ts } from 'ts-morph';
import type { Fix } from '../finding';
import { fixTitle } from '../templateText';
import { recognizeLockCall, type AcquireOperation, type ScopedOperation } from './acquisitions';
import { spanEdit } from './codeLayout';
import type { NestingSite } from './lockGraph';
import { acquisitionStatement } from './releasePaths';
import { isFunctionLikeExpression, skipOuterExpressions, type LockContext } from './resolution';
import { callAtSite } from './sites';

export type DirectNesting =
  | { shape: 'scoped'; outer: ScopedOperation; inner: ScopedOperation; statement: ts.Statement | undefined }
  | { shape: 'statements'; outer: AcquireOperation; inner: AcquireOperation; first: ts.Statement; second: ts.Statement };

/** `from.lock.runExclusive(() => to.lock.runExclusive(...))`, or two acquire statements in a row. */
export function directNesting(site: NestingSite, file: ts.SourceFile, ctx: LockContext): DirectNesting | undefined {
  if (site.chain.length !== 1 || site.held.chain.length !== 1 || site.held.site.file !== file.fileName) return undefined;
  const outerCall = callAtSite(file, site.held.site);
  const innerCall = callAtSite(file, site.site);
  if (!outerCall || !innerCall) return undefined;
  const outer = recognizeLockCall(outerCall, ctx);
  const inner = recognizeLockCall(innerCall, ctx);
  if (outer?.kind === 'scoped' && inner?.kind === 'scoped') {
    const callback = outer.callback && skipOuterExpressions(outer.callback);
    if (!callback || !isFunctionLikeExpression(callback) || soleCall(callback) !== innerCall) return undefined;
    return { shape: 'scoped', outer, inner, statement: enclosingStatement(outerCall) };
  }
  if (outer?.kind === 'acquire' && inner?.kind === 'acquire') {
    const first = acquisitionStatement(outerCall);
    const second = acquisitionStatement(innerCall);
    if (!first || !second || first.parent !== second.parent) return undefined;
    const siblings = (first.parent as ts.Block).statements;
    if (siblings.indexOf(second) !== siblings.indexOf(first) + 1) return undefined;
    return { shape: 'statements', outer, inner, first, second };
  }
  return undefined;
}

/** The one call a callback consists of: `async () => { await x(); }`, `() => x()`, `() => { return x(); }`. */
function soleCall(fn: ts.ArrowFunction | ts.FunctionExpression): ts.CallExpression | undefined {
  let expression: ts.Expression | undefined;
  if (!ts.isBlock(fn.body)) expression = fn.body;
  else if (fn.body.statements.length === 1) {
    const [statement] = fn.body.statements;
    if (ts.isExpressionStatement(statement) || ts.isReturnStatement(statement)) expression = statement.expression;
  }
  if (!expression) return undefined;
  let value = skipOuterExpressions(expression);
  if (ts.isAwaitExpression(value)) value = skipOuterExpressions(value.expression);
  return ts.isCallExpression(value) ? value : undefined;
}

function enclosingStatement(call: ts.CallExpression): ts.Statement | undefined {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if ((ts.isExpressionStatement(parent) || ts.isReturnStatement(parent)) && ts.isBlock(parent.parent)) return parent;
  return undefined;
}

/** Swaps two directly nested acquisitions. */
export function reorderFix(site: NestingSite, file: ts.SourceFile, ctx: LockContext, preferred: { first: string; second: string }): Fix | undefined {
  const nesting = directNesting(site, file, ctx);
  if (!nesting) return undefined;
  const title = fixTitle('Take {first} before {second}, as the rest of the workspace does', { first: preferred.first, second: preferred.second });
  if (nesting.shape === 'statements') {
    return { ...title, isPreferred: true, edits: [swap(file, nesting.first, nesting.second)].flat() };
  }
  const { outer, inner } = nesting;
  if (outer.target.kind === 'object' && inner.target.kind === 'object') {
    const outerCallee = skipOuterExpressions(outer.call.expression);
    const innerCallee = skipOuterExpressions(inner.call.expression);
    if (!ts.isPropertyAccessExpression(outerCallee) || !ts.isPropertyAccessExpression(innerCallee) || outerCallee.name.text !== innerCallee.name.text)
      return undefined;
    if (outer.call.arguments.length !== 1 || inner.call.arguments.length !== 1) return undefined;
    return { ...title, isPreferred: true, edits: swap(file, outer.target.expression, inner.target.expression) };
  }
  if (outer.target.kind === 'name' && inner.target.kind === 'name' && outer.target.namespace === inner.target.namespace) {
    const edits = swap(file, outer.target.expression, inner.target.expression);
    if (!!outer.options !== !!inner.options) return undefined;
    if (outer.options && inner.options) edits.push(...swap(file, outer.options, inner.options));
    return { ...title, isPreferred: true, edits };
  }
  return undefined;
}

function swap(file: ts.SourceFile, a: ts.Node, b: ts.Node) {
  return [spanEdit(file, a.getStart(file), a.getEnd(), b.getText(file)), spanEdit(file, b.getStart(file), b.getEnd(), a.getText(file))];
}
