// The import edits one fix needs, gathered so they never overlap: every declaration the
// fix touches is rewritten once, and new imports go in one insertion after the last
// import (or in place of a declaration the fix empties). `import` or `require`, as the
// file already does.
import { Node, SyntaxKind, type BindingElement, type ImportDeclaration, type ImportSpecifier, type SourceFile, type VariableStatement } from 'ts-morph';
import type { TextEdit } from '../../finding';
import { identifiersNamed } from '../../identifierIndex';
import { importBindings } from '../../importedNames';
import { replaceNode, replaceSpan } from '../../ranges';
import { builtinSpecifier, freeName, moduleSyntax, quoteOf } from './moduleStyle';

type Declaration = ImportDeclaration | VariableStatement;
type Binding = ImportSpecifier | BindingElement;

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
   * A local name for `name` exported by the Node module `module`: an existing import of
   * it, else one this fix adds (to an import of that module when there is one).
   */
  named(module: string, name: string): string {
    const key = `${module}#${name}`;
    const known = this.planned.get(key);
    if (known) return known;
    for (const [local, binding] of importBindings(this.sourceFile)) {
      if (binding.module === module && binding.name === name && !this.isRemoved(local)) return local;
    }
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
      moduleSyntax(this.sourceFile) === 'cjs' ? `const { ${name} } = require(${quote}${specifier}${quote});` : `import { ${name} } from ${quote}${specifier}${quote};`,
    );
  }

  /** Drops the import of `identifier` when it is used nowhere but inside `except` (the code the fix replaces or moves). */
  removeIfUnusedElsewhere(identifier: Node, except: Node | readonly Node[]): void {
    const kept = Array.isArray(except) ? except : [except as Node];
    const binding = bindingOf(identifier);
    if (!binding) return;
    const declaration = declarationOfBinding(binding);
    if (!declaration) return;
    const name = binding.getNameNode();
    const checker = this.sourceFile.getProject().getTypeChecker().compilerObject;
    const symbol = checker.getSymbolAtLocation(name.compilerNode);
    const uses = identifiersNamed(this.sourceFile, identifier.getText()).filter((id) => id !== name.compilerNode && checker.getSymbolAtLocation(id) === symbol);
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
    return [...this.touched.values()].some((change) => [...change.removed].some((binding) => binding.getName() === local));
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
      if (normalize(declaration.getModuleSpecifierValue()) === module && declaration.getNamedImports().length > 0) return declaration;
    }
    for (const statement of this.sourceFile.getVariableStatements()) {
      const [declaration] = statement.getDeclarations();
      if (statement.getDeclarations().length === 1 && Node.isObjectBindingPattern(declaration.getNameNode()) && requiredModule(declaration.getInitializer()) === module) {
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
      const names = [...declaration.getNamedImports().filter((s) => !change.removed.has(s)).map((s) => s.getText()), ...change.added];
      const defaultImport = declaration.getDefaultImport()?.getText();
      if (names.length === 0 && !defaultImport) return undefined;
      const clause = [defaultImport, names.length > 0 ? `{ ${names.join(', ')} }` : undefined].filter(Boolean).join(', ');
      return `import ${clause} from ${declaration.getModuleSpecifier().getText()};`;
    }
    const [variable] = declaration.getDeclarations();
    const pattern = variable.getNameNode();
    if (!Node.isObjectBindingPattern(pattern)) return undefined;
    const names = [...pattern.getElements().filter((e) => !change.removed.has(e)).map((e) => e.getText()), ...change.added];
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
    if (Node.isImportSpecifier(declaration) || Node.isBindingElement(declaration)) return declaration;
  }
  return undefined;
}

function declarationOfBinding(binding: Binding): Declaration | undefined {
  if (Node.isImportSpecifier(binding)) return binding.getImportDeclaration();
  const statement = binding.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  const [variable] = statement?.getDeclarations() ?? [];
  if (!statement || statement.getDeclarations().length !== 1 || !requiredModule(variable.getInitializer())) return undefined;
  return binding.getParent().getParent() === variable ? statement : undefined;
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
  const end = text[statement.getEnd()] === '\n' ? statement.getEnd() + 1 : text.startsWith('\r\n', statement.getEnd()) ? statement.getEnd() + 2 : statement.getEnd();
  return replaceSpan(statement.getSourceFile(), statement.getStart(), end, '');
}
