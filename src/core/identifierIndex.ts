// Every identifier of a file by its text, built once per parse. Fixes ask "is this name
// free?" and "where else is this import used?" once per finding; walking the whole file
// for each answer made large files quadratic. The walk uses an explicit stack: deeply
// nested code must not overflow the call stack.
import { ts, type SourceFile } from 'ts-morph';
import { WeakCache } from './analysisCaches';

// Depends on: the file's text.
const indexCache = new WeakCache<ts.SourceFile, Map<string, ts.Identifier[]>>();

export function identifierIndex(sourceFile: SourceFile): Map<string, ts.Identifier[]> {
  return indexCache.get(sourceFile.compilerNode, indexIdentifiers);
}

function indexIdentifiers(compilerFile: ts.SourceFile): Map<string, ts.Identifier[]> {
  const index = new Map<string, ts.Identifier[]>();
  const stack: ts.Node[] = [compilerFile];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isIdentifier(node)) {
      const list = index.get(node.text);
      if (list) list.push(node);
      else index.set(node.text, [node]);
    }
    ts.forEachChild(node, push);
  }
  return index;
}

/** The identifiers of the file spelled `name`. */
export function identifiersNamed(sourceFile: SourceFile, name: string): readonly ts.Identifier[] {
  return identifierIndex(sourceFile).get(name) ?? [];
}

/** `require(...)` calls of the file (by the callee's name, as written). */
export function requireCalls(sourceFile: SourceFile): ts.CallExpression[] {
  return identifiersNamed(sourceFile, 'require')
    .map((id) => id.parent)
    .filter(
      (parent): parent is ts.CallExpression =>
        ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.Identifier && (parent.expression as ts.Identifier).text === 'require',
    );
}
