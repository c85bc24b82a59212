// Fields of `this` that memoise what a method loads: `this.token ??= await fetchToken()`,
// `this.token = await fetchToken()`, `if (!this.cache) this.cache = build()`. Filling such a
// field changes what a later call sees only if that call reads the field.
import { Node, SyntaxKind, type BinaryExpression } from 'ts-morph';

const MEMO_OPERATORS = new Set([SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

/** The field of `this` that an assignment fills as a cache, or undefined for any other write. */
export function cachedField(node: Node): string | undefined {
  if (!Node.isBinaryExpression(node)) return undefined;
  const left = node.getLeft();
  if (!Node.isPropertyAccessExpression(left) || left.getExpression().getKind() !== SyntaxKind.ThisKeyword) return undefined;
  const field = left.getName();
  const operator = node.getOperatorToken().getKind();
  if (MEMO_OPERATORS.has(operator)) return field;
  if (operator !== SyntaxKind.EqualsToken) return undefined;
  let value: Node = node.getRight();
  while (Node.isParenthesizedExpression(value)) value = value.getExpression();
  return Node.isAwaitExpression(value) || filledWhenUnset(node, field) ? field : undefined;
}

/** Inside `if (!this.cache)` or `if (this.cache === undefined)`: the branch that runs while the field is empty. */
function filledWhenUnset(assignment: BinaryExpression, field: string): boolean {
  const unset = new RegExp(`(^|[^.\\w$])!this\\.${field}(?![\\w$])|this\\.${field}={2,3}(undefined|null)(?![\\w$])`);
  for (let child: Node = assignment, parent = child.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (Node.isFunctionLikeDeclaration(parent) || Node.isArrowFunction(parent) || Node.isFunctionExpression(parent)) return false;
    if (Node.isIfStatement(parent) && parent.getThenStatement() === child) {
      return unset.test(parent.getExpression().getText().replace(/\s+/g, ''));
    }
  }
  return false;
}
