// Whether code reads a value, directly or through what was derived from it: a variable
// initialised from it, a destructured part, a property read, or a closure or function in
// the same file that mentions it.
import { Node, ts } from 'ts-morph';

/** The variables a binding (`a`, `{ x, y: [z] }`) declares. */
export function boundSymbols(name: Node): Set<ts.Symbol> {
  const out = new Set<ts.Symbol>();
  const visit = (node: Node): void => {
    if (Node.isIdentifier(node)) {
      const symbol = node.getSymbol()?.compilerSymbol;
      if (symbol) out.add(symbol);
      return;
    }
    if (Node.isBindingElement(node)) {
      // `{ key: local = fallback }`: only `local` is declared; the default is an expression.
      visit(node.getNameNode());
      return;
    }
    node.forEachChild(visit);
  };
  visit(name);
  return out;
}

/**
 * Whether `node` reads any of `symbols`. Follows, within the same file, the initialisers
 * of the variables it reads and the bodies of the functions it mentions, so that
 * `const id = user.id; load(id)` and `const show = () => user.name; render(show)` both
 * read `user`.
 */
export function readsAny(node: Node, symbols: ReadonlySet<ts.Symbol>, checker: ts.TypeChecker): boolean {
  if (symbols.size === 0) return false;
  const sourceFile = node.getSourceFile().compilerNode;
  const followed = new Set<ts.Node>();
  const visit = (current: ts.Node): boolean => {
    if (ts.isIdentifier(current)) {
      for (const symbol of symbolsAt(current, checker)) {
        if (symbols.has(symbol)) return true;
        for (const declaration of symbol.declarations ?? []) {
          if (declaration.getSourceFile() !== sourceFile) continue;
          const followedNode = derivationOf(declaration);
          if (!followedNode || followed.has(followedNode)) continue;
          followed.add(followedNode);
          if (visit(followedNode)) return true;
        }
      }
      return false;
    }
    return ts.forEachChild(current, visit) ?? false;
  };
  return visit(node.compilerNode);
}

/** The symbols an identifier stands for; a shorthand `{ user }` also reads the variable `user`. */
function symbolsAt(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Symbol[] {
  const out: ts.Symbol[] = [];
  const symbol = checker.getSymbolAtLocation(identifier);
  if (symbol) out.push(symbol);
  if (ts.isShorthandPropertyAssignment(identifier.parent) && identifier.parent.name === identifier) {
    const value = checker.getShorthandAssignmentValueSymbol(identifier.parent);
    if (value) out.push(value);
  }
  return out;
}

/** What a declaration's value comes from: an initialiser, or a function's body. */
function derivationOf(declaration: ts.Declaration): ts.Node | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isGetAccessorDeclaration(declaration)) return declaration.body;
  if (ts.isPropertyDeclaration(declaration)) return declaration.initializer;
  if (ts.isVariableDeclaration(declaration)) return declaration.initializer;
  if (ts.isBindingElement(declaration)) {
    // `const { id } = user`: the element's value comes from the whole declaration's initialiser.
    let parent: ts.Node = declaration.parent;
    while (!ts.isVariableDeclaration(parent)) {
      if (ts.isParameter(parent) || ts.isSourceFile(parent)) return undefined;
      parent = parent.parent;
    }
    return parent.initializer;
  }
  return undefined;
}
