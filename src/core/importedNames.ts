// Which module an identifier comes from, read from the import or require that binds it.
// Real workspaces are often half-installed (no @types, no node_modules), so rules that
// know an API (fs, crypto, async-mutex) recognise it by its import source, not only by
// the resolved type.
import {
  Node,
  SyntaxKind,
  type Identifier,
  type ImportDeclaration,
  type NoSubstitutionTemplateLiteral,
  type SourceFile,
  type StringLiteral,
  type ts,
} from 'ts-morph';
import { WeakCache } from './analysisCaches';
import { descendantsOfKind } from './syntaxDescendants';

export interface ImportedName {
  /** Module specifier without the `node:` prefix: `fs`, `fs/promises`, `async-mutex`. */
  module: string;
  /** Exported name, or `*` for a namespace/default/whole-module binding. */
  name: string;
}

// Depends on: the file's text (what its imports and requires say, not what they resolve to).
const bindingsCache = new WeakCache<ts.SourceFile, Map<string, ImportedName>>();

/** Local names bound by imports and top-level requires in a file. */
export function importBindings(sourceFile: SourceFile): Map<string, ImportedName> {
  return bindingsCache.get(sourceFile.compilerNode, () => readBindings(sourceFile));
}

function readBindings(sourceFile: SourceFile): Map<string, ImportedName> {
  const bindings = new Map<string, ImportedName>();
  for (const decl of sourceFile.getImportDeclarations()) {
    const specifier = moduleSpecifierOf(decl);
    if (!specifier) continue;
    const module = normalizeModule(specifier.getLiteralValue());
    const namespace = decl.getNamespaceImport();
    if (namespace) bindings.set(namespace.getText(), { module, name: '*' });
    const defaultImport = decl.getDefaultImport();
    if (defaultImport) bindings.set(defaultImport.getText(), { module, name: '*' });
    for (const named of decl.getNamedImports()) {
      const local = named.getAliasNode()?.getText() ?? named.getName();
      bindings.set(local, { module, name: named.getName() });
    }
  }
  for (const equals of descendantsOfKind(sourceFile, SyntaxKind.ImportEqualsDeclaration)) {
    const ref = equals.getModuleReference();
    if (Node.isExternalModuleReference(ref)) {
      const expr = ref.getExpression();
      if (expr && Node.isStringLiteral(expr)) bindings.set(equals.getName(), { module: normalizeModule(expr.getLiteralValue()), name: '*' });
    }
  }
  for (const statement of sourceFile.getVariableStatements()) {
    for (const decl of statement.getDeclarations()) {
      const module = requiredModule(decl.getInitializer());
      if (!module) continue;
      const nameNode = decl.getNameNode();
      if (Node.isIdentifier(nameNode)) {
        bindings.set(nameNode.getText(), { module, name: '*' });
      } else if (Node.isObjectBindingPattern(nameNode)) {
        for (const element of nameNode.getElements()) {
          const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
          bindings.set(element.getName(), { module, name: imported });
        }
      }
    }
  }
  return bindings;
}

/**
 * The quoted module an import names, or undefined when it names none. The parser accepts
 * `import * as x from module;` (the checker, not the parser, reports it), and ts-morph's
 * `getModuleSpecifier*()` throw on such an import: read specifiers through here.
 */
export function moduleSpecifierOf(declaration: ImportDeclaration): StringLiteral | NoSubstitutionTemplateLiteral | undefined {
  const specifier = declaration.getNodeProperty('moduleSpecifier');
  return Node.isStringLiteral(specifier) || Node.isNoSubstitutionTemplateLiteral(specifier) ? specifier : undefined;
}

/** `require('x')` or `require('x').y` → `x`. */
function requiredModule(init: Node | undefined): string | undefined {
  if (!init) return undefined;
  const call = Node.isPropertyAccessExpression(init) ? init.getExpression() : init;
  if (!Node.isCallExpression(call)) return undefined;
  const callee = call.getExpression();
  const [arg] = call.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !arg || !Node.isStringLiteral(arg)) return undefined;
  return normalizeModule(arg.getLiteralValue());
}

function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** The import an identifier refers to, if it is bound by an import or top-level require. */
export function importedNameOf(identifier: Identifier): ImportedName | undefined {
  return importBindings(identifier.getSourceFile()).get(identifier.getText());
}

/**
 * Resolves a callee to `module` + dotted member path, through imports:
 * `fs.readFileSync` → {module: 'fs', path: 'readFileSync'}; `readFileSync` imported from
 * `fs` → the same; `fs.promises.readFile` → {module: 'fs', path: 'promises.readFile'}.
 */
export function resolveCallee(callee: Node): { module: string; path: string } | undefined {
  const parts: string[] = [];
  let current: Node = callee;
  while (Node.isPropertyAccessExpression(current)) {
    parts.unshift(current.getName());
    current = current.getExpression();
  }
  if (!Node.isIdentifier(current)) return undefined;
  const imported = importedNameOf(current);
  if (!imported) return undefined;
  if (imported.name !== '*') parts.unshift(imported.name);
  return { module: imported.module, path: parts.join('.') };
}
