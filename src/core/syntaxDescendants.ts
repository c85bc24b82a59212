// The descendants of a node, found on the compiler's tree. ts-morph's `getDescendants*`
// walk with nested generators, whose cost grows with the file's size times its depth, and
// for identifiers they first materialise every token of the tree. On a 2,000-line file
// that was most of the analysis. These walk with `forEachChild` and an explicit stack
// (deeply nested code cannot overflow it) and wrap only the nodes they return.
import { ts, type KindToNodeMappings, type Node, type SyntaxKind } from 'ts-morph';

/**
 * The compiler's descendants of `root` (not `root` itself), in document order; with
 * `ownCodeOnly`, not those inside nested functions (code that runs at another time).
 */
export function compilerDescendants(root: ts.Node, ownCodeOnly = false): ts.Node[] {
  const out: ts.Node[] = [];
  const stack: ts.Node[] = childrenOf(root).reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if (ownCodeOnly && ts.isFunctionLike(node)) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** `node.getDescendantsOfKind(kind)`, in document order, without the cost. */
export function descendantsOfKind<K extends SyntaxKind>(node: Node, kind: K, ownCodeOnly = false): Array<KindToNodeMappings[K]> {
  return compilerDescendants(node.compilerNode, ownCodeOnly)
    .filter((child) => child.kind === kind)
    .map((child) => wrapperOf(node, child) as KindToNodeMappings[K]);
}

/** The nodes under `node` in document order: `node.getDescendants()` without syntax lists and the tokens the compiler does not keep as children. */
export function descendants(node: Node): Node[] {
  return compilerDescendants(node.compilerNode).map((child) => wrapperOf(node, child));
}

/** `node.getFirstDescendantByKind(kind)`: the first in document order, the others never wrapped. */
export function firstDescendantOfKind<K extends SyntaxKind>(node: Node, kind: K): KindToNodeMappings[K] | undefined {
  const found = firstCompilerDescendant(node.compilerNode, (child) => child.kind === kind);
  return found && (wrapperOf(node, found) as KindToNodeMappings[K]);
}

/** `node.getFirstDescendant(test)`: the first in document order that passes, on the same stack-safe walk. */
export function firstDescendant(node: Node, test: (child: Node) => boolean): Node | undefined {
  const found = firstCompilerDescendant(node.compilerNode, (child) => test(wrapperOf(node, child)));
  return found && wrapperOf(node, found);
}

function firstCompilerDescendant(root: ts.Node, test: (child: ts.Node) => boolean): ts.Node | undefined {
  const stack: ts.Node[] = childrenOf(root).reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (test(node)) return node;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

/** Whether `node` lies under `container` (strictly). */
export function isInside(node: Node, container: Node | undefined): boolean {
  if (!container) return false;
  for (let current = node.compilerNode.parent; current; current = current.parent) {
    if (current === container.compilerNode) return true;
  }
  return false;
}

function childrenOf(node: ts.Node): ts.Node[] {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  return children;
}

/**
 * ts-morph's wrapper for a compiler node of the same file: the one its other queries
 * return, so wrappers compare by identity. Its only public way there walks from the
 * root (`getDescendantAtStartWithWidth`); this is the method that walk ends in.
 */
export function wrapperOf(owner: Node, compilerNode: ts.Node): Node {
  return (owner as unknown as { _getNodeFromCompilerNode(node: ts.Node): Node })._getNodeFromCompilerNode(compilerNode);
}
