// `await` in place of an expression, with the parentheses its position needs:
// `fs.readFileSync(p).toString()` becomes `(await fs.promises.readFile(p)).toString()`.
import { Node, SyntaxKind } from 'ts-morph';

/** The text that replaces `node` by `await <text>` (cast to `cast` when given). */
export function awaited(node: Node, text: string, cast?: string): string {
  const value = cast ? `(await ${text}) as ${cast}` : `await ${text}`;
  return needsParentheses(node) || (cast !== undefined && !standsAlone(node)) ? `(${value})` : value;
}

/** Positions where an `as` expression is a whole value: nothing around it could bind tighter. */
function standsAlone(node: Node): boolean {
  const parent = node.getParent();
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return parent.getArguments().includes(node);
  return (
    Node.isVariableDeclaration(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isExpressionStatement(parent) ||
    Node.isParenthesizedExpression(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    Node.isPropertyAssignment(parent)
  );
}

/** Whether an `await` (or `as`) expression standing where `node` is would bind to the wrong thing. */
function needsParentheses(node: Node): boolean {
  const parent = node.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent)) return parent.getExpression() === node;
  if (Node.isCallExpression(parent) || Node.isNewExpression(parent)) return parent.getExpression() === node;
  if (Node.isTaggedTemplateExpression(parent)) return parent.getTag() === node;
  if (Node.isNonNullExpression(parent)) return true;
  if (Node.isBinaryExpression(parent)) return parent.getOperatorToken().getKind() === SyntaxKind.AsteriskAsteriskToken && parent.getLeft() === node;
  return false;
}
