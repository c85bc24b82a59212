// Loops that stop before their bound says: a body that always leaves on its first pass
// (`for (const cell of row.cells) { first = cell; break; }`), and a loop whose work runs
// once per key because a guard skips the keys it has seen
// (`if (emitted.has(key)) continue; emitted.add(key);`).
import { Node, type Expression, type Statement } from 'ts-morph';
import { firstDescendant } from '../syntaxDescendants';
import { enclosingIterations } from './dataSizes';
import { isFunctionLike, isLoop } from './syncRegion';

/** The label a loop statement carries, if any: `rows: for (...)`. */
function labelOf(loop: Node): string | undefined {
  const parent = loop.getParent();
  return Node.isLabeledStatement(parent) ? parent.getLabel().getText() : undefined;
}

/** Whether `statement` leaves `loop` for good: a `return`, a `throw`, or a `break` out of it. */
function leavesLoop(statement: Node, loop: Node): boolean {
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) return true;
  if (!Node.isBreakStatement(statement)) return false;
  const target = statement.getLabel()?.getText();
  return target === undefined || target === labelOf(loop);
}

/** A `continue` of this loop anywhere in its body: one may skip past the exit. */
function continuesItself(loop: Node & { getStatement(): Node }): boolean {
  const label = labelOf(loop);
  let found = false;
  const visit = (node: Node, nestedLoop: boolean): void => {
    if (found || isFunctionLike(node)) return;
    if (Node.isContinueStatement(node)) {
      const target = node.getLabel()?.getText();
      if (target ? target === label : !nestedLoop) found = true;
      return;
    }
    const nested = nestedLoop || isLoop(node);
    node.forEachChild((child) => visit(child, nested));
  };
  visit(loop.getStatement(), false);
  return found;
}

/** The statements a loop runs on every pass, in order: its body block, or its single statement. */
export function passStatements(loop: Node): Statement[] {
  if (!isLoop(loop)) return [];
  const body = loop.getStatement();
  return Node.isBlock(body) ? body.getStatements() : [body as Statement];
}

/**
 * The body always leaves on its first pass: a `break`, `return` or `throw` among its own
 * statements (not under a condition), with no `continue` that could skip it. A search
 * that takes the first element, not a walk.
 */
export function exitsOnFirstPass(loop: Node): boolean {
  if (!isLoop(loop) || continuesItself(loop)) return false;
  return passStatements(loop).some((statement) => leavesLoop(statement, loop));
}

/**
 * Work that runs at most once per walk of the iteration around it: the statements after it, in
 * its own block, always leave that iteration (`if (used.has(key)) { const first =
 * items.find(…); throw new Error(…); }`). A scan on the way out of a loop adds no dimension.
 * Only a `throw` leaves an iterating callback (`items.forEach(…)`); a loop is also left by a
 * `return` or a `break` out of it.
 */
export function leavesIterationAfter(work: Node): boolean {
  const [iteration] = enclosingIterations(work);
  if (!iteration) return false;
  for (let child: Node = work, parent = work.getParent(); parent && parent !== iteration; child = parent, parent = parent.getParent()) {
    if (isLoop(parent) || isFunctionLike(parent)) return false;
    if (!Node.isBlock(parent)) continue;
    const after = parent.getStatements().filter((statement) => statement.getStart() >= child.getEnd());
    for (const statement of after) {
      if (Node.isThrowStatement(statement) || (isLoop(iteration) && leavesLoop(statement, iteration))) return true;
      if (firstDescendant(statement, (node) => Node.isContinueStatement(node) || Node.isBreakStatement(node) || Node.isReturnStatement(node))) return false;
    }
  }
  return false;
}

/**
 * A loop nested in a pass that skips the keys it has seen: `if (seen.has(key)) continue;`
 * then `seen.add(key);` before it, in the loop around it. The inner work runs once per
 * key, not once per element: the keys share the walk.
 */
export function runsOncePerKey(loop: Node): boolean {
  const [outer] = enclosingIterations(loop);
  if (!outer) return false;
  for (let child: Node = loop, parent = loop.getParent(); parent && child !== outer; child = parent, parent = parent.getParent()) {
    if (!Node.isBlock(parent)) continue;
    const before = parent.getStatements().filter((statement) => statement.getEnd() <= child.getStart());
    const skipped = before.map(skippedKey).find((key) => key !== undefined);
    if (skipped && before.some((statement) => addsKey(statement, skipped))) return true;
  }
  return false;
}

/** `if (seen.has(key)) continue;` (or `return` in a callback) → `seen` and `key`. */
function skippedKey(statement: Statement): { set: string; key: string } | undefined {
  if (!Node.isIfStatement(statement) || statement.getElseStatement()) return undefined;
  const then = statement.getThenStatement();
  const leaves = (node: Node): boolean => Node.isContinueStatement(node) || Node.isReturnStatement(node);
  const skips = leaves(then) || (Node.isBlock(then) && then.getStatements().length === 1 && leaves(then.getStatements()[0]));
  const test = statement.getExpression();
  return skips ? membershipTest(test) : undefined;
}

function membershipTest(test: Expression): { set: string; key: string } | undefined {
  if (!Node.isCallExpression(test)) return undefined;
  const callee = test.getExpression();
  const [key] = test.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'has' || !key) return undefined;
  return { set: callee.getExpression().getText(), key: key.getText() };
}

/** `seen.add(key);` with the same set and key. */
function addsKey(statement: Statement, skipped: { set: string; key: string }): boolean {
  if (!Node.isExpressionStatement(statement)) return false;
  const call = statement.getExpression();
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  const [key] = call.getArguments();
  return (
    Node.isPropertyAccessExpression(callee) && callee.getName() === 'add' && callee.getExpression().getText() === skipped.set && key?.getText() === skipped.key
  );
}
