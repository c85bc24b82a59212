// A lookup whose miss leads to a create: `let tag = await Tag.loadByTitle(title); if (!tag)
// tag = await Tag.save({ title })`. Passes that do this by their item's key are coupled
// through the store: two passes with one key at once would both miss and both create,
// and a pass may look up what an earlier one created (a unique name, a tag used twice).
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import { callKind, verbOf } from './callEffects';

/** Verbs of calls that add a record, as opposed to changing one that exists. */
const CREATE_VERBS = new Set(['create', 'insert', 'save', 'add', 'put', 'upsert', 'register', 'store', 'persist']);

/**
 * Whether `region` looks something up and creates it when it is missing. `keyed` tells
 * which lookups count (by the loop's item, say); every one does when it is left out.
 */
export function checksThenCreates(region: Node, keyed: (lookup: CallExpression) => boolean = () => true): boolean {
  return [region, ...descendantsOfKind(region, SyntaxKind.IfStatement)].filter(Node.isIfStatement).some((statement) => {
    const condition = statement.getExpression();
    const lookups = [...awaitedCalls(condition), ...descendantsOfKind(condition, SyntaxKind.Identifier).flatMap(lookupBehind)];
    if (!lookups.some((lookup) => callKind(lookup) === 'read' && keyed(lookup))) return false;
    return awaitedCalls(statement.getThenStatement()).some(creates);
  });
}

/** Awaited calls only: an in-memory `seen.has(k)` … `seen.add(k)` is a dedupe, not a store. */
function awaitedCalls(node: Node): CallExpression[] {
  return [node, ...descendantsOfKind(node, SyntaxKind.AwaitExpression)].filter(Node.isAwaitExpression).flatMap((awaited) => {
    const operand = unparenthesized(awaited.getExpression());
    return Node.isCallExpression(operand) ? [operand] : [];
  });
}

function unparenthesized(node: Node): Node {
  let current = node;
  while (Node.isParenthesizedExpression(current)) current = current.getExpression();
  return current;
}

/** `loadByTitle(title)` for the `tag` of `const tag = await loadByTitle(title)`. */
function lookupBehind(identifier: Node): CallExpression[] {
  const declaration = identifier.getSymbol()?.getValueDeclaration();
  const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  return initializer ? awaitedCalls(initializer) : [];
}

function creates(call: CallExpression): boolean {
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  return CREATE_VERBS.has(verbOf(name));
}
