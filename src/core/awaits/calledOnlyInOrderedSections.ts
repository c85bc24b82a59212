// Helpers a function defines for itself and calls only while a transaction is open or a
// lock is held: Joplin's `updateSharedItems3` defines `handleCreated` and calls it from
// inside `this.withTransaction(async () => …)`. The helper's loops run in that section
// as much as the callback's own code does, a call or two further down.
import { Node, SyntaxKind } from 'ts-morph';
import { isCallee } from '../eventLoop/functionUses';
import type { AnalyzerSettings } from '../settings';
import { descendantsOfKind } from '../syntaxDescendants';
import { enclosingFunction, runsInOrderedSection } from './orderedSections';

/** How many local helpers up the search goes: `handleUpdated` → `removeUserItem` is two. */
const MAX_DEPTH = 3;

/** Whether the local function around `node` is called, every time, inside an ordered section. */
export function calledOnlyInOrderedSections(node: Node, settings: AnalyzerSettings, depth = 0): boolean {
  if (depth >= MAX_DEPTH) return false;
  const fn = enclosingFunction(node);
  const name = localName(fn);
  if (!name) return false;
  const scope = enclosingFunction(fn);
  if (Node.isSourceFile(scope)) return false;
  const symbol = name.getSymbol();
  const uses = descendantsOfKind(scope, SyntaxKind.Identifier).filter((id) => id !== name && id.getText() === name.getText() && id.getSymbol() === symbol);
  if (uses.length === 0) return false;
  return uses.every((use) => {
    if (!isCallee(use)) return false;
    const call = use.getFirstAncestorOrThrow(Node.isCallExpression);
    return runsInOrderedSection(call, settings) || calledOnlyInOrderedSections(call, settings, depth + 1);
  });
}

/** `const handleCreated = async (…) => …` or `function handleCreated(…)`, declared inside another function. */
function localName(fn: Node): Node | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getNameNode();
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  const declaration = fn.getParent();
  return Node.isVariableDeclaration(declaration) && declaration.getInitializer() === fn ? declaration.getNameNode() : undefined;
}
