// Calls that run inside a transaction because they are handed it, rather than because
// they sit in a transaction's callback: Sequelize's `Model.create(row, { transaction })`,
// Bookshelf's `{ transacting: trx }`, a context object the function took its transaction
// from (`const { transaction } = ctx.state` … `destroyWithCtx(ctx)`), and TypeORM's
// query runner and the entity manager a transaction hands to a helper. One transaction
// is one connection: its statements run one at a time, in the order they were sent, so
// there is nothing to overlap and the order of the writes is the point.
import { Node, SyntaxKind, type CallExpression, type Expression } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { descendantsOfKind } from '../syntaxDescendants';

/** Option names that hand a call the transaction to run in. */
const TRANSACTION_OPTIONS = new Set(['transaction', 'transacting']);
/** TypeORM: a query runner is one connection; a manager typed as such was handed to the helper by a transaction. */
const QUERY_RUNNER_NAMES = /^(queryRunner|transactionalEntityManager)$/;
const CONNECTION_TYPES = /^(QueryRunner|EntityManager)$/;

// Per function (or file, for top-level code). Depends on: its file's text.
const carriersByFunction = new WeakCache<object, Set<string>>();

/** Whether the call is handed a transaction, or is made on a connection that one holds. */
export function passesTransaction(call: CallExpression, receiver: Expression | undefined): boolean {
  if (receiver && onTransactionConnection(receiver)) return true;
  return call.getArguments().some((argument) => {
    if (Node.isObjectLiteralExpression(argument)) return argument.getProperties().some(namesTransaction);
    return Node.isIdentifier(argument) && transactionCarriers(argument).has(argument.getText());
  });
}

/** `{ transaction }`, `{ transaction: t }`, but not `{ transaction: undefined }`. */
function namesTransaction(property: Node): boolean {
  if (Node.isShorthandPropertyAssignment(property)) return TRANSACTION_OPTIONS.has(property.getName());
  if (!Node.isPropertyAssignment(property) || !TRANSACTION_OPTIONS.has(property.getName())) return false;
  const value = property.getInitializer();
  return !!value && value.getKind() !== SyntaxKind.NullKeyword && value.getText() !== 'undefined';
}

/** The variables a function takes its transaction from: `ctx` in `const { transaction } = ctx.state` or `ctx.transaction`. */
function transactionCarriers(node: Node): Set<string> {
  const fn = node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a)) ?? node.getSourceFile();
  return carriersByFunction.get(fn.compilerNode, () => carriersIn(fn));
}

function carriersIn(fn: Node): Set<string> {
  const carriers = new Set<string>();
  for (const access of descendantsOfKind(fn, SyntaxKind.PropertyAccessExpression)) {
    if (TRANSACTION_OPTIONS.has(access.getName())) carriers.add(rootIdentifier(access.getExpression()));
  }
  for (const declaration of descendantsOfKind(fn, SyntaxKind.VariableDeclaration)) {
    const name = declaration.getNameNode();
    const initializer = declaration.getInitializer();
    if (!Node.isObjectBindingPattern(name) || !initializer) continue;
    const bindsTransaction = name.getElements().some((e) => TRANSACTION_OPTIONS.has((e.getPropertyNameNode() ?? e.getNameNode()).getText()));
    if (bindsTransaction) carriers.add(rootIdentifier(initializer));
  }
  carriers.delete('');
  return carriers;
}

function rootIdentifier(expression: Node): string {
  let root = expression;
  while (Node.isPropertyAccessExpression(root) || Node.isNonNullExpression(root) || Node.isParenthesizedExpression(root)) root = root.getExpression();
  return Node.isIdentifier(root) ? root.getText() : '';
}

/** `queryRunner.query(…)`, `queryRunner.manager.save(…)`, `manager.save(…)` with `manager: EntityManager` a parameter. */
function onTransactionConnection(receiver: Expression): boolean {
  let root: Node = receiver;
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root)) return false;
  if (QUERY_RUNNER_NAMES.test(root.getText())) return true;
  const declaration = root.getSymbol()?.getValueDeclaration();
  // A constructor's `private manager: EntityManager` is the application's, not a transaction's.
  if (!Node.isParameterDeclaration(declaration) || declaration.isParameterProperty()) return false;
  const typeName = declaration.getTypeNode()?.getText() ?? '';
  return CONNECTION_TYPES.test(typeName);
}
