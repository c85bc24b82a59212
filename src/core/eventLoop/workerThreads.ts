// Code that runs on a worker thread holds up only its own thread, so the blocking rules
// leave it alone: a module given to `new Worker(...)`, a module that talks to its parent
// through `parentPort`, and the `!isMainThread` branch of a file that is both.
import * as path from 'node:path';
import { Node, SyntaxKind, type NewExpression, type SourceFile, type ts } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { importBindings } from '../importedNames';
import { descendantsOfKind } from '../syntaxDescendants';

// The modules a file's `new Worker(...)` calls start (paths without extension). Depends on: the file's text and path.
const spawnedCache = new WeakCache<ts.SourceFile, string[]>();
// Every module some file starts as a worker. Depends on: the program (every file's text).
const workerModulesCache = new WeakCache<ts.Program, Set<string>>();

/** Whether the whole file runs on a worker thread. */
export function isWorkerModule(sourceFile: SourceFile): boolean {
  if (talksToParentUnconditionally(sourceFile)) return true;
  return workerModules(sourceFile).has(withoutExtension(sourceFile.getFilePath()));
}

/** Whether `node` runs on a worker thread: in a worker module or in an `!isMainThread` branch. */
export function runsOnWorkerThread(node: Node): boolean {
  for (let child = node, parent = node.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (!Node.isIfStatement(parent) || child === parent.getExpression()) continue;
    const test = mainThreadTest(parent.getExpression());
    if (test === undefined) continue;
    const inThen = child === parent.getThenStatement();
    if (inThen !== test) return true;
  }
  return isWorkerModule(node.getSourceFile());
}

/** For `isMainThread`: true; for `!isMainThread` or `isMainThread === false`: false; otherwise undefined. */
function mainThreadTest(condition: Node): boolean | undefined {
  if (isMainThreadRef(condition)) return true;
  if (Node.isPrefixUnaryExpression(condition) && condition.getOperatorToken() === SyntaxKind.ExclamationToken && isMainThreadRef(condition.getOperand())) {
    return false;
  }
  if (Node.isBinaryExpression(condition) && isMainThreadRef(condition.getLeft())) {
    const right = condition.getRight().getKind();
    const operator = condition.getOperatorToken().getKind();
    const equals = operator === SyntaxKind.EqualsEqualsEqualsToken || operator === SyntaxKind.EqualsEqualsToken;
    const notEquals = operator === SyntaxKind.ExclamationEqualsEqualsToken || operator === SyntaxKind.ExclamationEqualsToken;
    if (!equals && !notEquals) return undefined;
    const comparedWithTrue = right === SyntaxKind.TrueKeyword ? true : right === SyntaxKind.FalseKeyword ? false : undefined;
    if (comparedWithTrue === undefined) return undefined;
    return equals ? comparedWithTrue : !comparedWithTrue;
  }
  return undefined;
}

function isMainThreadRef(node: Node): boolean {
  const text = Node.isParenthesizedExpression(node) ? node.getExpression().getText() : node.getText();
  return text === 'isMainThread' || text.endsWith('.isMainThread');
}

// Depends on: the file's text.
const talksToParentCache = new WeakCache<ts.SourceFile, boolean>();

/** Imports `parentPort` or `workerData` and never asks `isMainThread`: written to run as a worker. */
function talksToParentUnconditionally(sourceFile: SourceFile): boolean {
  return talksToParentCache.get(sourceFile.compilerNode, () => importsParentPortWithoutCheck(sourceFile));
}

function importsParentPortWithoutCheck(sourceFile: SourceFile): boolean {
  const fromWorkerThreads = [...importBindings(sourceFile).values()].filter((b) => b.module === 'worker_threads');
  const usesWorkerSide = fromWorkerThreads.some((b) => b.name === 'parentPort' || b.name === 'workerData');
  if (!usesWorkerSide) return false;
  return !/\bisMainThread\b/.test(sourceFile.getFullText());
}

function workerModules(sourceFile: SourceFile): Set<string> {
  const program = sourceFile.getProject().getProgram().compilerObject;
  return workerModulesCache.get(program, () => {
    const modules = new Set<string>();
    for (const file of sourceFile.getProject().getSourceFiles()) {
      if (file.isDeclarationFile() || file.isInNodeModules()) continue;
      for (const spawned of spawnedModules(file)) modules.add(spawned);
    }
    return modules;
  });
}

function spawnedModules(sourceFile: SourceFile): string[] {
  return spawnedCache.get(sourceFile.compilerNode, () => findSpawnedModules(sourceFile));
}

function findSpawnedModules(sourceFile: SourceFile): string[] {
  const spawned: string[] = [];
  if (sourceFile.getFullText().includes('Worker')) {
    for (const expression of descendantsOfKind(sourceFile, SyntaxKind.NewExpression)) {
      const target = workerTarget(expression);
      if (target && target !== withoutExtension(sourceFile.getFilePath())) spawned.push(target);
    }
  }
  return spawned;
}

/**
 * The module `new Worker(x)` starts, as an absolute path without extension, for the
 * usual ways of naming it: `'./w.js'`, `path.join(__dirname, 'w.js')`,
 * `new URL('./w.js', import.meta.url)`, `require.resolve('./w')`.
 */
function workerTarget(expression: NewExpression): string | undefined {
  const constructor = expression.getExpression();
  const name = Node.isPropertyAccessExpression(constructor) ? constructor.getName() : constructor.getText();
  if (name !== 'Worker') return undefined;
  const [first] = expression.getArguments();
  if (!first) return undefined;
  const relative = relativeSpecifier(first);
  if (relative === undefined) return undefined;
  return withoutExtension(path.resolve(path.dirname(expression.getSourceFile().getFilePath()), relative));
}

function relativeSpecifier(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'URL') {
    const [specifier, base] = node.getArguments();
    if (specifier && base?.getText() === 'import.meta.url' && Node.isStringLiteral(specifier)) return specifier.getLiteralValue();
    return undefined;
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression().getText();
    const args = node.getArguments();
    if (callee === 'require.resolve' && args.length === 1 && Node.isStringLiteral(args[0])) return args[0].getLiteralValue();
    if (/^(path\.)?(join|resolve)$/.test(callee) && args[0]?.getText() === '__dirname') {
      const parts = args.slice(1);
      if (parts.every((p) => Node.isStringLiteral(p))) return path.join(...parts.map((p) => (p as Node & { getLiteralValue(): string }).getLiteralValue()));
    }
  }
  return undefined;
}

function withoutExtension(file: string): string {
  return file.replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
}
