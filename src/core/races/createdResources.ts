// What a lazy initialisation stores: a resource, or plain data. When two calls both find the
// slot empty and both create, the second overwrites the first. For plain data (a cached log,
// a settings object) that is work done twice. For a resource (a connection, a client, a
// child process, a webview) the first one stays open and nothing can close it any more: a
// leak, and what the labelled real code showed to be worth a warning. Only that shape is
// reported in the default tier.
import { Node, type AwaitExpression, type Type } from 'ts-morph';
import { isInside } from '../syntaxDescendants';
import type { CheckThenAct } from './checkThenActs';

/** Methods that let go of a resource; a value that has one must not be dropped unreleased. */
const RELEASE_METHODS = ['close', 'dispose', 'destroy', 'disconnect', 'terminate', 'kill', 'shutdown', 'quit', 'end'];

/**
 * Calls that open connections and clients, for a value whose type does not resolve (a
 * workspace whose dependencies are not installed): `connect()`, `redis.createClient()`.
 */
const OPENERS = new Set(['connect', 'createConnection', 'createClient', 'createPool', 'launch']);

/**
 * Whether a lazy initialisation stores a resource it created: the stored value is the awaited
 * one (`this.db = await openDb()`) and can be released. Plain data, and values built from an
 * awaited answer (`new Node(await load())`), are not.
 */
export function storesCreatedResource(found: CheckThenAct): boolean {
  if (found.kind !== 'lazy-init' || !Node.isBinaryExpression(found.act)) return false;
  const awaited = awaitedCreation(found.act.getRight(), found);
  if (!awaited) return false;
  const type = awaited.getType().getNonNullableType();
  if (type.isAny() || type.isUnknown()) return isOpener(awaited.getExpression());
  return canBeReleased(type, awaited);
}

/** `await create()` itself, or the await a variable was set from in this function (`const c = await create(); slot = c`). */
function awaitedCreation(value: Node, found: CheckThenAct): AwaitExpression | undefined {
  let node = value;
  while (Node.isParenthesizedExpression(node)) node = node.getExpression();
  if (Node.isAwaitExpression(node)) return node;
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = node.getSymbol()?.getValueDeclaration();
  if (!Node.isVariableDeclaration(declaration) || !isInside(declaration, found.fn)) return undefined;
  let initializer = declaration.getInitializer();
  while (initializer && Node.isParenthesizedExpression(initializer)) initializer = initializer.getExpression();
  return initializer && Node.isAwaitExpression(initializer) ? initializer : undefined;
}

function canBeReleased(type: Type, at: Node): boolean {
  if (type.getProperties().some((p) => /^__@(async)?[dD]ispose@/.test(p.getEscapedName()))) return true;
  return RELEASE_METHODS.some((name) => {
    const property = type.getProperty(name);
    return !!property && property.getTypeAtLocation(at).getCallSignatures().length > 0;
  });
}

function isOpener(call: Node): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  return !!name && OPENERS.has(name);
}
