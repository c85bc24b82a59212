// Which names hold a new value on every pass of a loop: the for-of/for-in binding, the
// counter, and whatever the body declares. Code that reads none of them does the same
// thing on every pass.
import { Node, SyntaxKind, type Identifier } from 'ts-morph';
import { descendantsOfKind } from '../syntaxDescendants';
import type { LoopShape } from './loopShape';

/** The declaration an identifier refers to, through shorthand properties (`{ id }`). */
export function declarationOf(identifier: Identifier): Node | undefined {
  const parent = identifier.getParent();
  const symbol = Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === identifier ? parent.getValueSymbol() : identifier.getSymbol();
  return symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
}

function within(node: Node, container: Node | undefined): boolean {
  return !!container && node.getSourceFile() === container.getSourceFile() && node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}

/** True when the declaration is made anew on every pass of the loop. */
export function isPassLocal(declaration: Node, shape: LoopShape): boolean {
  return within(declaration, shape.body) || within(declaration, shape.binding) || declaration === shape.counter?.declaration;
}

/** True when `node` reads a name that changes from pass to pass. */
export function variesPerPass(node: Node, shape: LoopShape): boolean {
  const identifiers: Identifier[] = Node.isIdentifier(node) ? [node] : descendantsOfKind(node, SyntaxKind.Identifier);
  return identifiers.some((identifier) => {
    const declaration = declarationOf(identifier);
    return !!declaration && isPassLocal(declaration, shape);
  });
}
