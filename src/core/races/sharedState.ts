// What two calls of one async function can both reach: the state a race is about. Shared:
// module-level variables and the objects they hold (also imported ones), static fields, the
// fields of `this` in a class (services, controllers and stores live across calls; not an
// ORM entity, whose instance is one row a request loaded), and the
// variables a callback closes over when that callback runs many times at once (a route
// handler, a listener, `items.map(async …)`), and a React component's refs in its event
// handlers. Not shared: the function's own locals and
// parameters, and whatever hangs off them (`req`, `res`, `ctx`, a body it parsed): one task
// alone reaches those.
import { Node, SyntaxKind, ts } from 'ts-morph';
import { registrationKindOf } from '../eventLoop/asyncContext';
import { ITERATING_METHODS, isFunctionLike, type FunctionLike } from '../eventLoop/syncRegion';
import { isModuleLevel } from '../locks/resolution';
import { isOrmRowClass } from './ormRows';
import { isReactHandler, isReactRef } from './reactHandlers';

export interface SharedState {
  /** The access as the user wrote it, without spaces or `?.`: `this.balance`, `stats.total`, `count`. */
  key: string;
  /** `this`, or the variable, import or class the access starts from. */
  root: Node;
  /** The variable the access starts from; undefined for `this`. */
  rootSymbol?: ts.Symbol;
  /** Another module can change it too: an exported variable, or an imported object. */
  visibleToOtherModules: boolean;
}

/** Registrations whose callback runs again for every event, possibly while an earlier run still waits. */
const REPEATED_ENTRIES = new Set(['route', 'listener', 'server', 'message-handler']);

/**
 * The shared state `target` (the left side of an assignment, or a read) names when `fn`
 * runs it; undefined for state only one call of `fn` can reach.
 */
export function sharedStateOf(target: Node, fn: FunctionLike): SharedState | undefined {
  let root: Node = target;
  let throughMember = false;
  while (
    Node.isPropertyAccessExpression(root) ||
    Node.isElementAccessExpression(root) ||
    Node.isNonNullExpression(root) ||
    Node.isParenthesizedExpression(root)
  ) {
    throughMember ||= !Node.isNonNullExpression(root) && !Node.isParenthesizedExpression(root);
    root = root.getExpression();
  }
  const key = stateKey(target);
  if (root.getKind() === SyntaxKind.ThisKeyword) {
    return throughMember && thisIsLongLived(root) ? { key, root, visibleToOtherModules: false } : undefined;
  }
  if (!Node.isIdentifier(root)) return undefined;
  const symbol = root.getSymbol();
  const declaration = symbol?.getDeclarations()[0];
  if (!symbol || !declaration || declaration.getSourceFile().isDeclarationFile()) return undefined;
  const shared = { key, root, rootSymbol: symbol.compilerSymbol };
  if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration)) return throughMember ? { ...shared, visibleToOtherModules: true } : undefined;
  if (Node.isClassDeclaration(declaration)) return throughMember ? { ...shared, visibleToOtherModules: false } : undefined;
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  if (isModuleLevel(declaration.compilerNode)) return { ...shared, visibleToOtherModules: declaration.getVariableStatement()?.isExported() ?? false };
  // A variable of an enclosing function, which every run of a repeated callback shares; a
  // component's ref, which every run of its event handlers shares.
  const declaredIn = declaration.getFirstAncestor(isFunctionLike);
  if (!declaredIn || declaredIn === fn || !fn.getAncestors().includes(declaredIn)) return undefined;
  return runsManyAtOnce(fn) || (throughMember && isReactRef(declaration) && isReactHandler(fn)) ? { ...shared, visibleToOtherModules: false } : undefined;
}

/** A read of `state`: the same access, not a write to it and not a longer name that starts alike. */
export function readsState(node: Node, state: SharedState, fn: FunctionLike): boolean {
  if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return false;
  const parent = node.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return false;
  if (Node.isBinaryExpression(parent) && parent.getLeft() === node && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return false;
  if (stateKey(node) !== state.key) return false;
  return sharedStateOf(node, fn)?.rootSymbol === state.rootSymbol;
}

/** `this.totals?.[key]` → `this.totals[key]`: one text for every way of writing one access. */
export function stateKey(node: Node): string {
  return node
    .getText()
    .replace(/\s+/g, '')
    .replace(/\?\.(?=\[)/g, '')
    .replace(/\?\./g, '.')
    .replace(/!(?=[.[]|$)/g, '');
}

/**
 * `this` in a method, accessor or field initializer of a class, reached through arrow
 * functions only: the instance, which a service or a controller keeps for its lifetime. A
 * constructor runs once per instance, before anyone else holds it; an ORM entity's instance
 * is the row one request loaded.
 */
function thisIsLongLived(thisKeyword: Node): boolean {
  for (let current = thisKeyword.getParent(); current; current = current.getParent()) {
    if (Node.isArrowFunction(current)) continue;
    if (
      Node.isMethodDeclaration(current) ||
      Node.isGetAccessorDeclaration(current) ||
      Node.isSetAccessorDeclaration(current) ||
      Node.isPropertyDeclaration(current)
    ) {
      const cls = current.getParent();
      return (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) && !isOrmRowClass(cls);
    }
    if (isFunctionLike(current) || Node.isClassStaticBlockDeclaration(current) || Node.isSourceFile(current)) return false;
  }
  return false;
}

/**
 * A callback that runs many times at once: handed to a route, a listener or a server,
 * to `setInterval`, or to an array method that starts one call per element
 * (`items.map(async …)`, `forEach`), where nothing waits for one call before the next.
 */
function runsManyAtOnce(fn: FunctionLike): boolean {
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(fn)) return false;
  const kind = registrationKindOf(fn);
  if (kind && REPEATED_ENTRIES.has(kind)) return true;
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  return name === 'setInterval' || (ITERATING_METHODS.has(name) && Node.isPropertyAccessExpression(callee));
}
