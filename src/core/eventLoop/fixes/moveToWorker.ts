// "Move to a worker thread": a heavy, self-contained synchronous function (and the local
// helpers only it uses) moves into a new module beside the file, which runs it on a
// worker thread when started as one and exports an async wrapper that starts it. The call
// in the async function becomes `await <name>InWorker(...)`.
//
// Offered only when the move cannot change what the code means: the function is declared
// once at the top of this file, not exported, called only here, uses nothing from this
// file but literal constants, exported types and other movable helpers, and takes and
// returns data a worker can copy (no functions).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type CallExpression,
  type FunctionDeclaration,
  type Identifier,
  type ImportDeclaration,
  type SourceFile,
  type VariableStatement,
} from 'ts-morph';
import type { Fix, TextEdit } from '../../finding';
import { moduleSpecifierOf } from '../../importedNames';
import { replaceNode, replaceSpan } from '../../ranges';
import { descendantsOfKind, firstDescendantOfKind, isInside } from '../../syntaxDescendants';
import { fixTitle } from '../../templateText';
import { enclosingFunction, isAsyncFunction, type FunctionLike } from '../syncRegion';
import { awaited } from './awaitedExpression';
import { ImportChanges } from './importChanges';
import { builtinSpecifier, indentUnit, isTypeScript, moduleSyntax, quoteOf, runtimeFormat } from './moduleStyle';

interface Extraction {
  functions: FunctionDeclaration[];
  constants: VariableStatement[];
  /** Imports of this file that the moved code uses, by declaration, with the names it uses (type-only uses apart). */
  imports: Map<ImportDeclaration, { values: Set<string>; types: Set<string> }>;
  /** Types this file exports that the moved code names. */
  localTypes: Set<string>;
}

interface WorkerFix {
  fix: Fix;
  /** The function that moves. */
  functionName: string;
}

export function moveToWorkerFix(call: CallExpression, callee: FunctionLike, entry: FunctionLike): WorkerFix | undefined {
  if (enclosingFunction(call) !== entry || !isAsyncFunction(entry) || !isInside(call, entry.getBody())) return undefined;
  if (!Node.isFunctionDeclaration(callee) || call.getSourceFile() !== callee.getSourceFile()) return undefined;
  const name = callee.getName();
  if (!name || call.getArguments().some((arg) => Node.isArrowFunction(arg) || Node.isFunctionExpression(arg) || Node.isSpreadElement(arg))) return undefined;
  const sourceFile = call.getSourceFile();
  const extraction = extract(callee);
  if (!extraction || !calledOnlyAt(callee, call) || !copiesAcrossThreads(callee)) return undefined;
  if (!sourceFile.getProject().getAmbientModule('worker_threads') && isTypeScript(sourceFile)) return undefined;

  const workerPath = freeWorkerPath(sourceFile, name);
  if (!workerPath) return undefined;
  const wrapper = `${name}InWorker`;
  const imports = new ImportChanges(sourceFile);
  for (const declaration of extraction.imports.keys()) {
    for (const specifier of declaration.getNamedImports()) imports.removeIfUnusedElsewhere(specifier.getNameNode(), extraction.functions);
  }
  const workerSpecifier = relativeSpecifier(sourceFile, workerPath);
  imports.addFromPath(workerSpecifier, wrapper);

  const edits: TextEdit[] = [
    replaceNode(
      call,
      awaited(
        call,
        `${wrapper}(${call
          .getArguments()
          .map((a) => a.getText())
          .join(', ')})`,
      ),
    ),
    ...extraction.functions.map(removeStatement),
    ...extraction.constants.filter((constant) => !usedOutside(constant, extraction.functions)).map(removeStatement),
    ...imports.edits(),
    {
      file: workerPath,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: workerModule(sourceFile, name, wrapper, extraction),
    },
  ];
  return {
    functionName: name,
    fix: { ...fixTitle('Move {function} to a worker thread', { function: name }), isPreferred: false, edits, createFiles: [workerPath] },
  };
}

/** What moves with `root`, or undefined when something it uses cannot go to another module. */
function extract(root: FunctionDeclaration): Extraction | undefined {
  const sourceFile = root.getSourceFile();
  const extraction: Extraction = { functions: [], constants: [], imports: new Map(), localTypes: new Set() };
  const queue: FunctionDeclaration[] = [root];
  while (queue.length > 0) {
    const fn = queue.shift() as FunctionDeclaration;
    if (extraction.functions.includes(fn)) continue;
    if (!isMovableDeclaration(fn, sourceFile)) return undefined;
    extraction.functions.push(fn);
    for (const identifier of descendantsOfKind(fn, SyntaxKind.Identifier)) {
      if (!isReference(identifier)) continue;
      const outcome = classify(identifier, fn, extraction);
      if (outcome === 'blocked') return undefined;
      if (outcome !== 'ok') queue.push(outcome);
    }
  }
  // A helper that stays in use here would be lost by the move.
  const [, ...helpers] = extraction.functions;
  if (helpers.some((helper) => usedOutside(helper, extraction.functions))) return undefined;
  extraction.functions.sort((a, b) => a.getStart() - b.getStart());
  extraction.constants.sort((a, b) => a.getStart() - b.getStart());
  return extraction;
}

function isMovableDeclaration(fn: FunctionDeclaration, sourceFile: SourceFile): boolean {
  return (
    fn.getParent() === sourceFile &&
    !fn.isExported() &&
    !fn.isDefaultExport() &&
    !fn.isAsync() &&
    !fn.isGenerator() &&
    fn.getTypeParameters().length === 0 &&
    fn.getOverloads().length === 0 &&
    !!fn.getBody() &&
    !firstDescendantOfKind(fn, SyntaxKind.ThisKeyword)
  );
}

/** `ok` for a name the worker module will also know, a helper to move, or `blocked`. */
function classify(identifier: Identifier, fn: FunctionDeclaration, extraction: Extraction): 'ok' | 'blocked' | FunctionDeclaration {
  const symbol = identifier.getSymbol();
  const declarations = symbol?.getDeclarations() ?? [];
  if (declarations.length === 0) return 'blocked';
  const [declaration] = declarations;
  if (declaration.getAncestors().includes(fn) || declaration === fn) return 'ok';
  if (declarations.every((d) => d.getSourceFile().isDeclarationFile())) return 'ok';
  if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration) || Node.isNamespaceImport(declaration)) {
    const importDeclaration = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    // The worker module copies the import, which it can do only for a quoted module.
    if (!importDeclaration || !moduleSpecifierOf(importDeclaration)) return 'blocked';
    const used = extraction.imports.get(importDeclaration) ?? { values: new Set<string>(), types: new Set<string>() };
    (isTypePosition(identifier) ? used.types : used.values).add(identifier.getText());
    extraction.imports.set(importDeclaration, used);
    return 'ok';
  }
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  if (Node.isVariableDeclaration(declaration)) {
    const statement = declaration.getVariableStatement();
    const initializer = declaration.getInitializer();
    const literal =
      initializer && (Node.isNumericLiteral(initializer) || Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer));
    if (
      !statement ||
      statement.getDeclarationKind() !== VariableDeclarationKind.Const ||
      statement.getParent() !== fn.getSourceFile() ||
      statement.getDeclarations().length !== 1 ||
      !literal
    ) {
      return 'blocked';
    }
    if (!extraction.constants.includes(statement)) extraction.constants.push(statement);
    return 'ok';
  }
  if ((Node.isInterfaceDeclaration(declaration) || Node.isTypeAliasDeclaration(declaration)) && declaration.isExported() && isTypePosition(identifier)) {
    extraction.localTypes.add(identifier.getText());
    return 'ok';
  }
  return 'blocked';
}

/** An identifier that names something declared elsewhere, not a property or member name. */
function isReference(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
  if ((Node.isPropertyAssignment(parent) || Node.isPropertySignature(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === identifier)
    return false;
  if (Node.isQualifiedName(parent) && parent.getRight() === identifier) return false;
  if (Node.isBindingElement(parent) && parent.getPropertyNameNode() === identifier) return false;
  return !Node.isLabeledStatement(parent) && !Node.isBreakStatement(parent) && !Node.isContinueStatement(parent);
}

function isTypePosition(identifier: Identifier): boolean {
  return !!identifier.getFirstAncestor((a) => Node.isTypeReference(a) || Node.isExpressionWithTypeArguments(a) || Node.isTypeQuery(a));
}

function calledOnlyAt(fn: FunctionDeclaration, call: CallExpression): boolean {
  const uses = referencesInFile(fn).filter((use) => !use.getAncestors().includes(fn));
  return uses.length === 1 && uses[0] === call.getExpression();
}

/** Whether a function or a `const` is used anywhere but in the functions that move. */
function usedOutside(declaration: FunctionDeclaration | VariableStatement, moving: readonly FunctionDeclaration[]): boolean {
  return referencesInFile(declaration).some((use) => !moving.some((m) => use.getAncestors().includes(m)));
}

function referencesInFile(declaration: FunctionDeclaration | VariableStatement): Identifier[] {
  const nameNode = Node.isFunctionDeclaration(declaration) ? declaration.getNameNode() : declaration.getDeclarations()[0]?.getNameNode();
  if (!nameNode || !Node.isIdentifier(nameNode)) return [];
  const symbol = nameNode.getSymbol();
  return descendantsOfKind(declaration.getSourceFile(), SyntaxKind.Identifier).filter(
    (id) => id !== nameNode && id.getText() === nameNode.getText() && id.getSymbol() === symbol,
  );
}

/** Arguments and result cross threads by structured clone: functions cannot. */
function copiesAcrossThreads(fn: FunctionDeclaration): boolean {
  const types = [...fn.getParameters().map((p) => p.getType()), fn.getReturnType()];
  return types.every((type) => type.getCallSignatures().length === 0 && !type.getUnionTypes().some((t) => t.getCallSignatures().length > 0));
}

function freeWorkerPath(sourceFile: SourceFile, name: string): string | undefined {
  const extension = path.extname(sourceFile.getFilePath());
  const dir = path.dirname(sourceFile.getFilePath());
  for (let n = 1; n < 10; n++) {
    const candidate = path.join(dir, `${name}${n === 1 ? '' : n}.worker${extension}`);
    if (!fs.existsSync(candidate) && !sourceFile.getProject().getSourceFile(candidate)) return candidate;
  }
  return undefined;
}

/** How this file would import `target`: `./hull.worker` or, where the runtime needs it, `./hull.worker.js`. */
function relativeSpecifier(sourceFile: SourceFile, target: string): string {
  const base = `./${path.basename(target).replace(/\.[cm]?[jt]sx?$/, '')}`;
  const extension = path.extname(target);
  const usesExtensions =
    runtimeFormat(sourceFile) === 'esm' ||
    sourceFile.getImportDeclarations().some((d) => {
      const specifier = moduleSpecifierOf(d)?.getLiteralValue();
      return specifier !== undefined && /^\.\.?\//.test(specifier) && /\.[cm]?js$/.test(specifier);
    });
  if (!usesExtensions) return base;
  return `${base}${extension.replace('ts', 'js')}`;
}

/** Removes a statement with its leading comments, and one of the blank lines around it. */
function removeStatement(statement: FunctionDeclaration | VariableStatement): TextEdit {
  const sourceFile = statement.getSourceFile();
  const text = sourceFile.getFullText();
  const firstComment = statement.getLeadingCommentRanges()[0];
  const start = firstComment ? firstComment.getPos() : statement.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let end = statement.getEnd();
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, lineStart)) || lineStart === 0;
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (blankBefore && blankAfter) end += blankAfter[0].length;
  return replaceSpan(sourceFile, lineStart, end, '');
}

/** The new module: the moved code, a wrapper that runs it on a worker, and the worker's side. */
function workerModule(sourceFile: SourceFile, name: string, wrapper: string, extraction: Extraction): string {
  const typed = isTypeScript(sourceFile);
  const esmSyntax = moduleSyntax(sourceFile) === 'esm';
  const self = runtimeFormat(sourceFile) === 'esm' ? 'new URL(import.meta.url)' : '__filename';
  const unit = indentUnit(sourceFile);
  const quote = quoteOf(sourceFile);
  const workerThreads = `${quote}${builtinSpecifier(sourceFile, 'worker_threads')}${quote}`;
  const lines: string[] = [`// ${name} runs here, on a worker thread, so that the event loop stays free while it works.`];
  lines.push(
    esmSyntax
      ? `import { Worker, isMainThread, parentPort, workerData } from ${workerThreads};`
      : `const { Worker, isMainThread, parentPort, workerData } = require(${workerThreads});`,
  );
  for (const [declaration, used] of extraction.imports) lines.push(...copiedImports(declaration, used, typed));
  if (extraction.localTypes.size > 0) {
    const self = relativeSpecifier(sourceFile, sourceFile.getFilePath());
    lines.push(`import type { ${[...extraction.localTypes].sort().join(', ')} } from ${quote}${self}${quote};`);
  }
  lines.push('');
  for (const constant of extraction.constants) lines.push(constant.getText().replace(/^export\s+/, ''), '');
  for (const fn of extraction.functions) lines.push(...fullText(fn), '');

  const args = typed ? `...args: Parameters<typeof ${name}>` : '...args';
  const result = typed ? `: Promise<ReturnType<typeof ${name}>>` : '';
  const exported = esmSyntax ? 'export ' : '';
  lines.push(
    `/** Runs ${name} on a worker thread and resolves with what it returns. */`,
    `${exported}function ${wrapper}(${args})${result} {`,
    `${unit}return new Promise((resolve, reject) => {`,
    `${unit}${unit}const worker = new Worker(${self}, { workerData: args });`,
    `${unit}${unit}worker.once('message', resolve);`,
    `${unit}${unit}worker.once('error', reject);`,
    `${unit}${unit}worker.once('exit', (code) => {`,
    `${unit}${unit}${unit}if (code !== 0) reject(new Error(\`${name} worker stopped with exit code \${code}\`));`,
    `${unit}${unit}});`,
    `${unit}});`,
    '}',
    '',
    'if (!isMainThread) {',
    `${unit}parentPort${typed ? '?' : ''}.postMessage(${name}(...${typed ? `(workerData as Parameters<typeof ${name}>)` : 'workerData'}));`,
    '}',
  );
  if (!esmSyntax) lines.push('', `module.exports = { ${wrapper} };`);
  return `${lines.join('\n')}\n`;
}

/** The import again, with only what the moved code uses; names used only as types become `import type`. */
function copiedImports(declaration: ImportDeclaration, used: { values: Set<string>; types: Set<string> }, typed: boolean): string[] {
  // classify() takes only imports of a quoted module.
  const specifier = moduleSpecifierOf(declaration)!.getText();
  const namespace = declaration.getNamespaceImport()?.getText();
  const defaultImport = declaration.getDefaultImport()?.getText();
  const lines: string[] = [];
  const named = declaration.getNamedImports().filter((s) => used.values.has(s.getAliasNode()?.getText() ?? s.getName()));
  const typeOnly = declaration.getNamedImports().filter((s) => {
    const local = s.getAliasNode()?.getText() ?? s.getName();
    return used.types.has(local) && !used.values.has(local);
  });
  const valueClause = [
    defaultImport && used.values.has(defaultImport) ? defaultImport : undefined,
    namespace && used.values.has(namespace) ? `* as ${namespace}` : undefined,
    named.length > 0 ? `{ ${named.map((s) => s.getText()).join(', ')} }` : undefined,
  ].filter(Boolean);
  if (valueClause.length > 0) lines.push(`import ${valueClause.join(', ')} from ${specifier};`);
  if (typed && typeOnly.length > 0) lines.push(`import type { ${typeOnly.map((s) => s.getText().replace(/^type\s+/, '')).join(', ')} } from ${specifier};`);
  return lines;
}

/** A declaration's text with its leading comments. */
function fullText(fn: FunctionDeclaration): string[] {
  const comments = fn.getLeadingCommentRanges().map((c) => c.getText());
  return [...comments, fn.getText()];
}
