// A statement's place among its siblings, found by halving the block's statement list:
// ts-morph's `getPreviousSibling` lists every sibling before the node, so asking it of
// each statement of a generated block with thousands of statements is quadratic.
import { ts, type Node } from 'ts-morph';

/** The index of the statement that starts at `pos` (its full start, trivia included) in `statements`. */
export function statementIndexAt(statements: ts.NodeArray<ts.Statement>, pos: number): number {
  let [low, high] = [0, statements.length - 1];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (statements[middle].pos < pos) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The statements of the list `statement` sits in, when it sits in one (a block, a file, a case). */
export function siblingStatements(statement: Node): ts.NodeArray<ts.Statement> | undefined {
  const parent = statement.compilerNode.parent as ts.Node | undefined;
  if (!parent) return undefined;
  if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent))
    return parent.statements;
  return undefined;
}

/** The statement right before `statement` in its list, as the compiler's node. */
export function previousStatement(statement: Node): ts.Statement | undefined {
  const statements = siblingStatements(statement);
  if (!statements) return undefined;
  const index = statementIndexAt(statements, statement.getPos());
  return index > 0 ? statements[index - 1] : undefined;
}
