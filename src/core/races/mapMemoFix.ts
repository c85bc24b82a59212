// The memo fix for a map cache: store the promise of the load, not its value, so a second call
// made while the first waits finds the entry and waits for the same load; a rejection removes
// the entry again, so a failure is not kept for ever.
//   const cache = new Map<string, User>();         →  const cache = new Map<string, Promise<User>>();
//   if (!cache.has(id)) {                              if (!cache.has(id)) {
//     const user = await load(id);                       const user = load(id).catch((error: unknown) => { cache.delete(id); throw error; });
//     cache.set(id, user);                               cache.set(id, user);
//   }                                                  }
//   return cache.get(id)!;                             return cache.get(id)!;
// The map's value type changes, so every use of the map must serve a promise as well as it
// served the value: the map is this module's `const` or this class's private field, and its
// values are only returned from this async function (which awaits them for its callers);
// elsewhere it is only tested, counted, emptied or listed by key. The test and the store must
// follow each other with nothing awaited between them once the await is gone.
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type AwaitExpression,
  type CallExpression,
  type Expression,
  type Identifier,
  type TypeNode,
} from 'ts-morph';
import type { FunctionLike } from '../eventLoop/syncRegion';
import type { Fix, TextEdit } from '../finding';
import { isModuleLevel } from '../locks/resolution';
import { replaceNode } from '../ranges';
import { compilerDescendants, isInside, wrapperOf } from '../syntaxDescendants';
import { fixTitle } from '../templateText';
import type { CheckThenAct } from './checkThenActs';

/** What else a map of promises serves as well as a map of values: tests, counts, removals, keys. */
const VALUE_FREE_MEMBERS = new Set(['has', 'delete', 'clear', 'size', 'keys']);

export function mapMemoFix(found: CheckThenAct): Fix | undefined {
  const act = found.act;
  if (found.kind !== 'cache' || !Node.isCallExpression(act)) return undefined;
  const setter = act.getExpression();
  const [keyArg, valueArg] = act.getArguments();
  if (!Node.isPropertyAccessExpression(setter) || setter.getName() !== 'set' || !keyArg || !valueArg) return undefined;
  const map = setter.getExpression();
  const declared = valueTypeNodes(map, found.fn);
  if (!declared || !stableKey(keyArg, found.fn)) return undefined;
  const stored = awaitedValue(valueArg, found);
  if (!stored) return undefined;
  const operand = stored.awaited.getExpression();
  if (!operand.getType().getProperty('catch') || mentions(operand, map.getText())) return undefined;
  const hit = keptHit(found);
  if (hit === null || !everyUseServesAPromise(map, found, act, hit)) return undefined;
  if (hit && truthinessTest(found, hit) && mayBeFalsy(declared[0])) return undefined;
  const edits: TextEdit[] = declared.map((node) => replaceNode(node, `Promise<${node.getText()}>`));
  edits.push(replaceNode(stored.awaited, `${operand.getText()}.catch((error: unknown) => { ${map.getText()}.delete(${keyArg.getText()}); throw error; })`));
  return {
    ...fixTitle('Store the promise of {awaited} in {state}, so concurrent calls share it', { awaited: operand.getText(), state: map.getText() }),
    edits,
    isPreferred: true,
  };
}

/**
 * The value type nodes to wrap (`User` of `new Map<string, User>()` and of a `Map<string, User>`
 * annotation), when the map is this module's unexported `const` or a private field of the
 * function's class.
 */
function valueTypeNodes(map: Expression, fn: FunctionLike): TypeNode[] | undefined {
  const symbol = (Node.isPropertyAccessExpression(map) ? map.getNameNode() : map).getSymbol();
  const declaration = symbol?.getValueDeclaration();
  if (Node.isPropertyAccessExpression(map)) {
    if (map.getExpression().getKind() !== SyntaxKind.ThisKeyword || !Node.isPropertyDeclaration(declaration)) return undefined;
    if (!declaration.hasModifier(SyntaxKind.PrivateKeyword) && !Node.isPrivateIdentifier(declaration.getNameNode())) return undefined;
    if (declaration.getParent() !== fn.getFirstAncestor((node) => Node.isClassDeclaration(node) || Node.isClassExpression(node))) return undefined;
  } else {
    if (!Node.isIdentifier(map) || !Node.isVariableDeclaration(declaration) || !isModuleLevel(declaration.compilerNode)) return undefined;
    const statement = declaration.getVariableStatement();
    if (!statement || statement.isExported() || statement.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  }
  const nodes = [declaration.getTypeNode(), declaration.getInitializer()].flatMap((node) => {
    if (Node.isTypeReference(node) && node.getTypeName().getText() === 'Map') return [node.getTypeArguments()];
    if (Node.isNewExpression(node) && node.getExpression().getText() === 'Map' && node.getArguments().length === 0) return [node.getTypeArguments()];
    return [];
  });
  const values = nodes.filter((args) => args.length === 2).map((args) => args[1]);
  // Every `Map<…>` the declaration writes must say its value type, or the map's type would not follow.
  return values.length > 0 && values.length === nodes.length ? values : undefined;
}

/** The key the rejection handler removes: a parameter or a `const`, which still names the same key when the load fails. */
function stableKey(key: Node, fn: FunctionLike): boolean {
  if (!Node.isIdentifier(key)) return false;
  const declaration = key.getSymbol()?.getValueDeclaration();
  if (Node.isVariableDeclaration(declaration)) return declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const;
  return Node.isParameterDeclaration(declaration) && declaration.getParent() === fn && !assignedIn(key, fn);
}

/**
 * The await whose value the map stores: `cache.set(k, await load(k))`, or `const v = await
 * load(k); cache.set(k, v)` where `v` is only stored and returned. It must be the first await
 * after the test and the last before the store, so the test, the load's start and the store
 * run in one step once it is gone.
 */
function awaitedValue(value: Node, found: CheckThenAct): { awaited: AwaitExpression } | undefined {
  let awaited: Node | undefined = value;
  if (Node.isIdentifier(value)) {
    const declaration = value.getSymbol()?.getValueDeclaration();
    if (!Node.isVariableDeclaration(declaration) || !isInside(declaration, found.fn)) return undefined;
    if (
      declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const ||
      !onlyStoredAndReturned(value, declaration.getNameNode(), found)
    )
      return undefined;
    awaited = declaration.getInitializer();
  }
  const body = found.fn.getBody();
  if (!Node.isAwaitExpression(awaited) || awaited !== found.awaited || !body) return undefined;
  const between = compilerDescendants(body.compilerNode, true).filter(
    (node) => node.kind === SyntaxKind.AwaitExpression && node.pos >= awaited.getEnd() && node.end <= found.act.getStart(),
  );
  return between.length === 0 ? { awaited } : undefined;
}

/** `v` of `const v = await load(k)`: its only uses are the store and `return v`. */
function onlyStoredAndReturned(value: Identifier, name: Node, found: CheckThenAct): boolean {
  return usesOf(value, found.fn).every((use) => use === value || use === name || Node.isReturnStatement(use.getParent()));
}

/**
 * `hit` of `const hit = users.get(id); if (hit) return hit;`: undefined when the test is
 * `users.has(id)`, null when the kept value is used any other way than tested and returned.
 */
function keptHit(found: CheckThenAct): Identifier | undefined | null {
  const check = found.check;
  if (!Node.isCallExpression(check) || methodOf(check) !== 'get') return undefined;
  const declaration = check.getParent();
  if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return null;
  const name = declaration.getNameNode();
  if (!Node.isIdentifier(name)) return null;
  const test = found.guard?.getExpression();
  const served = usesOf(name, found.fn).every(
    (use) => use === name || (test && (use === test || isInside(use, test))) || Node.isReturnStatement(use.getParent()),
  );
  return served ? name : null;
}

/**
 * Whether every use of the map serves a promise as well as it served the value: the test, the
 * store, a `return map.get(k)` in this function, a lookup kept in `hit`, and elsewhere only
 * the members that do not read values.
 */
function everyUseServesAPromise(map: Expression, found: CheckThenAct, act: CallExpression, hit: Identifier | undefined): boolean {
  const name = Node.isPropertyAccessExpression(map) ? map.getNameNode() : map;
  const symbol = name.getSymbol();
  const sourceFile = map.getSourceFile();
  return compilerDescendants(sourceFile.compilerNode)
    .filter((node) => node.kind === SyntaxKind.Identifier || node.kind === SyntaxKind.PrivateIdentifier)
    .map((node) => wrapperOf(sourceFile, node))
    .filter((use) => use.getText() === name.getText() && use.getSymbol()?.compilerSymbol === symbol?.compilerSymbol)
    .every((use) => {
      const parent = use.getParent();
      if (parent && Node.isVariableDeclaration(parent) && parent.getNameNode() === use) return true;
      if (parent && Node.isPropertyDeclaration(parent)) return true;
      const access = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === use ? parent : use;
      const member = access.getParent();
      if (!Node.isPropertyAccessExpression(member) || member.getExpression() !== access) return false;
      if (VALUE_FREE_MEMBERS.has(member.getName())) return true;
      const call = member.getParent();
      if (!Node.isCallExpression(call) || !isInside(call, found.fn)) return false;
      if (member.getName() === 'set') return call === act;
      if (member.getName() !== 'get') return false;
      return (hit !== undefined && call === found.check) || returned(call);
    });
}

/** `return cache.get(k)` or `return cache.get(k)!`: an async function awaits it for its caller. */
function returned(call: Node): boolean {
  const parent = call.getParent();
  const outer = Node.isNonNullExpression(parent) ? parent : call;
  return Node.isReturnStatement(outer.getParent());
}

/** `if (hit)` or `if (!hit)`, which a value like `''` or `0` fails where its promise would pass. */
function truthinessTest(found: CheckThenAct, hit: Identifier): boolean {
  let test = found.guard?.getExpression();
  while (test && Node.isPrefixUnaryExpression(test) && test.getOperatorToken() === SyntaxKind.ExclamationToken) test = test.getOperand();
  return !!test && test.getText() === hit.getText();
}

function mayBeFalsy(valueType: TypeNode): boolean {
  const type = valueType.getType();
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  return members.some((member) => !member.isObject() || member.isAny() || member.isUnknown());
}

function usesOf(name: Identifier, fn: FunctionLike): Node[] {
  const symbol = name.getSymbol();
  return compilerDescendants(fn.compilerNode)
    .filter((node) => node.kind === SyntaxKind.Identifier && node.getText() === name.getText())
    .map((node) => wrapperOf(fn, node))
    .filter((use) => use.getSymbol()?.compilerSymbol === symbol?.compilerSymbol);
}

function assignedIn(name: Identifier, fn: FunctionLike): boolean {
  return usesOf(name, fn).some((use) => {
    const parent = use.getParent();
    return Node.isBinaryExpression(parent) && parent.getLeft() === use && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
  });
}

function methodOf(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
}

/** Whether `text` (`cache`, `this.cache`) appears in `node` as a whole name. */
function mentions(node: Node, text: string): boolean {
  const escaped = text.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(node.getText());
}
