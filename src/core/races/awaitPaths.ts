// Whether an `await` that comes before a write in the text also comes before it when the
// code runs: not when it sits in the other branch of an `if`, or in a block that returns
// or throws before control could reach the write.
//   const current = this.balance;
//   if (!ok) { await report(); return; }   // this await never precedes the write
//   this.balance = current - amount;
import { Node } from 'ts-morph';

/** Whether no run of the code passes `awaited` and then reaches `write`. */
export function awaitPathExits(awaited: Node, write: Node): boolean {
  const writeAncestors = new Set<Node>(write.getAncestors());
  let child: Node = awaited;
  for (let parent = awaited.getParent(); parent && !writeAncestors.has(parent); child = parent, parent = parent.getParent()) {
    if (Node.isReturnStatement(parent) || Node.isThrowStatement(parent)) return true;
    if ((Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) && exitsAfter(parent.getStatements(), child)) return true;
  }
  const common = child.getParent();
  // `if (a) { await x; } else { write }`, `a ? await x : write`: one branch or the other.
  if (Node.isIfStatement(common))
    return common.getThenStatement() === child ? common.getElseStatement() !== undefined && writeAncestors.has(common.getElseStatement()!) : false;
  if (Node.isConditionalExpression(common))
    return common.getWhenTrue() === child && (common.getWhenFalse() === write || writeAncestors.has(common.getWhenFalse()));
  if (Node.isCaseBlock(common)) return true;
  return false;
}

/** A `return`, `throw`, `break` or `continue` among the statements after `statement`. */
function exitsAfter(statements: readonly Node[], statement: Node): boolean {
  const index = statements.indexOf(statement);
  return (
    index >= 0 &&
    statements.slice(index + 1).some((s) => Node.isReturnStatement(s) || Node.isThrowStatement(s) || Node.isBreakStatement(s) || Node.isContinueStatement(s))
  );
}

/** A `return`, `throw`, `break` or `continue` is the statement, or one of its block's own statements: control never goes on past it. */
export function alwaysLeaves(statement: Node): boolean {
  const statements = Node.isBlock(statement) ? statement.getStatements() : [statement];
  return statements.some((s) => Node.isReturnStatement(s) || Node.isThrowStatement(s) || Node.isContinueStatement(s) || Node.isBreakStatement(s));
}
