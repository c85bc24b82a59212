// The statements an awaited call can be regrouped from: `const x = await f()`,
// `x = await f()` and a bare `await f()`. Anything else that awaits (`return await`,
// `(await f()).x`, `await p`) stays where it is.
import {
  Node,
  SyntaxKind,
  ts,
  type AwaitExpression,
  type BindingName,
  type CallExpression,
  type Identifier,
  type Statement,
  type TypeNode,
  type VariableDeclaration,
} from 'ts-morph';

export type AwaitBinding =
  | { kind: 'declaration'; flavor: 'const' | 'let' | 'var'; declaration: VariableDeclaration; name: BindingName; type?: TypeNode }
  | { kind: 'assignment'; target: Identifier }
  | { kind: 'bare' };

export interface AwaitStatement {
  statement: Statement;
  awaitExpression: AwaitExpression;
  /** The awaited call, parentheses removed. */
  call: CallExpression;
  binding: AwaitBinding;
}

export function awaitStatementOf(statement: Statement): AwaitStatement | undefined {
  if (Node.isExpressionStatement(statement)) {
    const expression = unparenthesize(statement.getExpression());
    if (Node.isAwaitExpression(expression)) return withCall(statement, expression, { kind: 'bare' });
    if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      const target = expression.getLeft();
      const value = unparenthesize(expression.getRight());
      if (Node.isIdentifier(target) && Node.isAwaitExpression(value)) return withCall(statement, value, { kind: 'assignment', target });
    }
    return undefined;
  }
  if (!Node.isVariableStatement(statement) || statement.getModifiers().length > 0) return undefined;
  const list = statement.getDeclarationList();
  const declarations = list.getDeclarations();
  // `using` runs a disposer at the end of the block: not a plain value to regroup.
  const scope: ts.NodeFlags = list.getFlags() & ts.NodeFlags.BlockScoped;
  if (declarations.length !== 1 || scope === ts.NodeFlags.Using || scope === ts.NodeFlags.AwaitUsing) return undefined;
  const [declaration] = declarations;
  const initializer = declaration.getInitializer();
  if (!initializer || declaration.hasExclamationToken()) return undefined;
  const value = unparenthesize(initializer);
  if (!Node.isAwaitExpression(value)) return undefined;
  const flavor = scope === ts.NodeFlags.Const ? 'const' : scope === ts.NodeFlags.Let ? 'let' : 'var';
  return withCall(statement, value, { kind: 'declaration', flavor, declaration, name: declaration.getNameNode(), type: declaration.getTypeNode() });
}

function withCall(statement: Statement, awaitExpression: AwaitExpression, binding: AwaitBinding): AwaitStatement | undefined {
  const call = unparenthesize(awaitExpression.getExpression());
  if (!Node.isCallExpression(call) || importsModule(call) || !evaluatesQuietly(call)) return undefined;
  return { statement, awaitExpression, call, binding };
}

/**
 * `import('./x')`, or a chain on one (`import('./x').then((m) => m.X)`): importing runs a
 * module's top level, whose effects the next import may rely on, and after the first load
 * the module comes from the loader's cache, with nothing left to overlap.
 */
export function importsModule(call: CallExpression): boolean {
  let current: Node = call;
  for (;;) {
    current = unparenthesize(current);
    if (!Node.isCallExpression(current)) return false;
    const callee = unparenthesize(current.getExpression());
    if (callee.getKind() === SyntaxKind.ImportKeyword) return true;
    if (!Node.isPropertyAccessExpression(callee) && !Node.isElementAccessExpression(callee)) return false;
    current = callee.getExpression();
  }
}

/**
 * No await, assignment or increment while the call and its arguments are evaluated:
 * regrouping evaluates a later call's arguments earlier, which must not matter.
 */
function evaluatesQuietly(call: CallExpression): boolean {
  let quiet = true;
  call.forEachDescendant((node, traversal) => {
    if (Node.isFunctionLikeDeclaration(node) || Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
      traversal.skip();
      return;
    }
    const noisy =
      Node.isAwaitExpression(node) ||
      Node.isYieldExpression(node) ||
      Node.isDeleteExpression(node) ||
      (Node.isBinaryExpression(node) && isAssignment(node.getOperatorToken().getKind())) ||
      ((Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) &&
        (node.getOperatorToken() === SyntaxKind.PlusPlusToken || node.getOperatorToken() === SyntaxKind.MinusMinusToken));
    if (noisy) {
      quiet = false;
      traversal.stop();
    }
  });
  return quiet;
}

function isAssignment(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

function unparenthesize(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}
