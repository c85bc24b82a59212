// The import edits one fix needs, gathered so they never overlap: every declaration the
// fix touches is rewritten once, and new imports go in one insertion after the last
// import (or in place of a declaration the fix empties). `import` or `require`, as the
// file already does.
import {
  Node,
  SyntaxKind,
  ts,
  type BindingElement,
  type ImportClause,
  type ImportDeclaration,
  type ImportSpecifier,
  type NamespaceImport,
  type SourceFile,
  type VariableDeclaration,
  type VariableStatement,
} from 'ts-morph';
import type { TextEdit } from '../../finding';
import { identifiersNamed } from '../../identifierIndex';
import { importBindings, moduleSpecifierOf } from '../../importedNames';
import { replaceNode, replaceSpan } from '../../ranges';
import { builtinSpecifier, freeName, moduleSyntax, quoteOf } from './moduleStyle';

type Declaration = ImportDeclaration | VariableStatement;
/** What binds one local name: `{ a }` or `{ a } = require()`, `* as a`, default `a`, `const a = require()`. */
type Binding = ImportSpecifier | BindingElement | NamespaceImport | ImportClause | VariableDeclaration;

interface TouchedDeclaration {
  removed: Set<Binding>;
  added: string[];
}

export class ImportChanges {
  private readonly touched = new Map<Declaration, TouchedDeclaration>();
  private readonly statements: string[] = [];
  private readonly planned = new Map<string, string>();

  constructor(private readonly sourceFile: SourceFile) {}

  /**
   * An expression for `name` exported by the Node module `module`, used at `at`: an import
   * the file already has (`readFile`, or `fsp.readFile` through the module object), else a
   * name this fix imports (joining an import of that module when there is one).
   */
  reference(module: string, name: string, at: Node): string {
    const key = `${module}#${name}`;
    const known = this.planned.get(key);
    if (known) return known;
    const imported = this.existingReference(module, name, at);
    if (imported) return imported;
    const local = freeName(this.sourceFile, name);
    const element = local === name ? name : moduleSyntax(this.sourceFile) === 'cjs' ? `${name}: ${local}` : `${name} as ${local}`;
    const existing = this.declarationOf(module);
    if (existing) this.touch(existing).added.push(element);
    else this.statements.push(this.statement(module, element));
    this.planned.set(key, local);
    return local;
  }

  /** Adds `import { name } from 'specifier'` for a module of the project (a path, taken as written). */
  addFromPath(specifier: string, name: string): void {
    const quote = quoteOf(this.sourceFile);
    this.statements.push(
      moduleSyntax(this.sourceFile) === 'cjs'
        ? `const { ${name} } = require(${quote}${specifier}${quote});`
        : `import { ${name} } from ${quote}${specifier}${quote};`,
    );
  }

  /** Adds `import name from 'specifier'` for a package's default export, in a file that uses `import`. */
  addDefaultImport(specifier: string, name: string): void {
    const quote = quoteOf(this.sourceFile);
    this.statements.push(`import ${name} from ${quote}${specifier}${quote};`);
  }

  /** `name` of `module` through an import the file already has and `at` can see, if any. */
  existingReference(module: string, name: string, at: Node): string | undefined {
    const visible = [...importBindings(this.sourceFile)].filter(
      ([local, binding]) => binding.module === module && !this.isRemoved(local) && this.meansImportAt(local, at),
    );
    const named = visible.find(([, binding]) => binding.name === name);
    if (named) return named[0];
    const whole = visible.find(([, binding]) => binding.name === '*');
    return whole ? `${whole[0]}.${name}` : undefined;
  }

  /** Drops the import of `identifier` when it is used nowhere but inside `except` (the code the fix replaces or moves). */
  removeIfUnusedElsewhere(identifier: Node, except: Node | readonly Node[]): void {
    const kept: readonly Node[] = Array.isArray(except) ? except : [except];
    const binding = bindingOf(identifier);
    if (!binding) return;
    const declaration = declarationOfBinding(binding);
    if (!declaration) return;
    const name = nameNodeOf(binding);
    const checker = this.sourceFile.getProject().getTypeChecker().compilerObject;
    const symbol = checker.getSymbolAtLocation(name.compilerNode);
    // `{ fs }` and `export { fs }` resolve to the property or the export, not the import: counted as uses all the same.
    const uses = identifiersNamed(this.sourceFile, identifier.getText()).filter(
      (id) =>
        id !== name.compilerNode &&
        (checker.getSymbolAtLocation(id) === symbol || ts.isShorthandPropertyAssignment(id.parent) || ts.isExportSpecifier(id.parent)),
    );
    // A use inside a kept node lies within its span: the same file, so spans stand for ancestry.
    if (uses.some((use) => !kept.some((node) => node.getPos() <= use.pos && use.end <= node.getEnd()))) return;
    this.touch(declaration).removed.add(binding);
  }

  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    const pending = [...this.statements];
    for (const [declaration, change] of this.touched) {
      const text = this.rewrite(declaration, change);
      if (text === undefined && pending.length > 0) {
        edits.push(replaceNode(declaration, pending.splice(0).join('\n')));
      } else if (text === undefined) {
        edits.push(removeLine(declaration));
      } else {
        edits.push(replaceNode(declaration, text));
      }
    }
    if (pending.length > 0) edits.push(this.insertion(pending));
    return edits;
  }

  private isRemoved(local: string): boolean {
    return [...this.touched.values()].some((change) => [...change.removed].some((binding) => nameNodeOf(binding).getText() === local));
  }

  /** Whether `local` at `at` is the file's top-level import and not a local variable of the same name. */
  private meansImportAt(local: string, at: Node): boolean {
    const checker = this.sourceFile.getProject().getTypeChecker().compilerObject;
    const symbol = checker.getSymbolsInScope(at.compilerNode, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === local);
    return !!symbol?.declarations?.length && symbol.declarations.every((declaration) => isTopLevelBinding(declaration));
  }

  private touch(declaration: Declaration): TouchedDeclaration {
    const known = this.touched.get(declaration);
    if (known) return known;
    const created = { removed: new Set<Binding>(), added: [] };
    this.touched.set(declaration, created);
    return created;
  }

  /** An `import { ... } from 'module'` (or destructuring require) that new names can join. */
  private declarationOf(module: string): Declaration | undefined {
    for (const declaration of this.sourceFile.getImportDeclarations()) {
      if (declaration.isTypeOnly() || declaration.getNamespaceImport()) continue;
      const specifier = moduleSpecifierOf(declaration);
      if (specifier && normalize(specifier.getLiteralValue()) === module && declaration.getNamedImports().length > 0) return declaration;
    }
    for (const statement of this.sourceFile.getVariableStatements()) {
      const [declaration] = statement.getDeclarations();
      if (
        statement.getDeclarations().length === 1 &&
        Node.isObjectBindingPattern(declaration.getNameNode()) &&
        requiredModule(declaration.getInitializer()) === module
      ) {
        return statement;
      }
    }
    return undefined;
  }

  private statement(module: string, element: string): string {
    const quote = quoteOf(this.sourceFile);
    const specifier = `${quote}${builtinSpecifier(this.sourceFile, module)}${quote}`;
    return moduleSyntax(this.sourceFile) === 'cjs' ? `const { ${element} } = require(${specifier});` : `import { ${element} } from ${specifier};`;
  }

  /** The declaration with the removals and additions, or undefined when nothing is left of it. */
  private rewrite(declaration: Declaration, change: TouchedDeclaration): string | undefined {
    if (Node.isImportDeclaration(declaration)) {
      const names = [
        ...declaration
          .getNamedImports()
          .filter((s) => !change.removed.has(s))
          .map((s) => s.getText()),
        ...change.added,
      ];
      const clause = declaration.getImportClause();
      const defaultImport = clause && !change.removed.has(clause) ? declaration.getDefaultImport()?.getText() : undefined;
      const namespace = declaration.getNamespaceImport();
      const namespaceImport =
        namespace && !change.removed.has(namespace.getParentIfKindOrThrow(SyntaxKind.NamespaceImport)) ? `* as ${namespace.getText()}` : undefined;
      if (names.length === 0 && !defaultImport && !namespaceImport) return undefined;
      const bindings = [defaultImport, namespaceImport, names.length > 0 ? `{ ${names.join(', ')} }` : undefined].filter(Boolean).join(', ');
      // Only imports of a quoted module are ever touched (declarationOf, declarationOfBinding).
      return `import ${bindings} from ${moduleSpecifierOf(declaration)!.getText()};`;
    }
    const [variable] = declaration.getDeclarations();
    const pattern = variable.getNameNode();
    if (!Node.isObjectBindingPattern(pattern)) return undefined;
    const names = [
      ...pattern
        .getElements()
        .filter((e) => !change.removed.has(e))
        .map((e) => e.getText()),
      ...change.added,
    ];
    if (names.length === 0) return undefined;
    return `${declaration.getDeclarationKind()} { ${names.join(', ')} } = ${variable.getInitializerOrThrow().getText()};`;
  }

  /** New statements after the last import or top-level require, or at the top of the file. */
  private insertion(statements: string[]): TextEdit {
    const last = [...this.sourceFile.getImportDeclarations(), ...this.sourceFile.getVariableStatements().filter(isRequireStatement)].sort(
      (a, b) => b.getEnd() - a.getEnd(),
    )[0];
    if (last) return replaceSpan(this.sourceFile, last.getEnd(), last.getEnd(), `\n${statements.join('\n')}`);
    const first = this.sourceFile.getStatements().find((s) => !isDirective(s));
    const at = first ? first.getStart() : this.sourceFile.getEnd();
    return replaceSpan(this.sourceFile, at, at, `${statements.join('\n')}\n\n`);
  }
}

function bindingOf(identifier: Node): Binding | undefined {
  for (const declaration of identifier.getSymbol()?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(declaration) || Node.isBindingElement(declaration) || Node.isNamespaceImport(declaration) || Node.isImportClause(declaration))
      return declaration;
    if (Node.isVariableDeclaration(declaration) && Node.isIdentifier(declaration.getNameNode())) return declaration;
  }
  return undefined;
}

/** The local name a binding introduces: `b` of `{ a as b }`, `fs` of `* as fs`, `import fs` or `const fs = require()`. */
function nameNodeOf(binding: Binding): Node {
  if (Node.isImportSpecifier(binding)) return binding.getAliasNode() ?? binding.getNameNode();
  if (Node.isImportClause(binding)) return binding.getDefaultImportOrThrow();
  return binding.getNameNode();
}

function declarationOfBinding(binding: Binding): Declaration | undefined {
  if (Node.isImportSpecifier(binding) || Node.isNamespaceImport(binding) || Node.isImportClause(binding)) {
    // An import that names no quoted module cannot be rewritten; it is left as it is.
    const declaration = binding.getFirstAncestorByKindOrThrow(SyntaxKind.ImportDeclaration);
    return moduleSpecifierOf(declaration) ? declaration : undefined;
  }
  const statement = binding.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  const [variable] = statement?.getDeclarations() ?? [];
  if (!statement || statement.getDeclarations().length !== 1 || !requiredModule(variable.getInitializer())) return undefined;
  return binding === variable || binding.getParent().getParent() === variable ? statement : undefined;
}

/** A declaration of the file's top level: where `importBindings` finds imports and requires. */
function isTopLevelBinding(declaration: ts.Declaration): boolean {
  if (ts.isImportSpecifier(declaration) || ts.isNamespaceImport(declaration) || ts.isImportClause(declaration) || ts.isImportEqualsDeclaration(declaration))
    return true;
  let statement: ts.Node = declaration;
  while (!ts.isVariableStatement(statement) && statement.parent && !ts.isSourceFile(statement.parent)) statement = statement.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent);
}

function isRequireStatement(statement: VariableStatement): boolean {
  return statement.getDeclarations().some((d) => requiredModule(d.getInitializer()) !== undefined);
}

function requiredModule(initializer: Node | undefined): string | undefined {
  if (!initializer || !Node.isCallExpression(initializer) || initializer.getExpression().getText() !== 'require') return undefined;
  const [arg] = initializer.getArguments();
  return arg && Node.isStringLiteral(arg) ? normalize(arg.getLiteralValue()) : undefined;
}

function normalize(specifier: string): string {
  return specifier.replace(/^node:/, '');
}

function isDirective(statement: Node): boolean {
  return Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression());
}

/** Removes a statement and the line break after it. */
function removeLine(statement: Node): TextEdit {
  const text = statement.getSourceFile().getFullText();
  const end =
    text[statement.getEnd()] === '\n' ? statement.getEnd() + 1 : text.startsWith('\r\n', statement.getEnd()) ? statement.getEnd() + 2 : statement.getEnd();
  return replaceSpan(statement.getSourceFile(), statement.getStart(), end, '');
}
