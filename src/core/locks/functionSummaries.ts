// Per-file lock summaries: every function of a file (and its top-level code) walked once
// by `heldLocks.ts`. A summary is plain data keyed by stable names, cached on the file's
// compiler node, which the compiler replaces on every edit. A summary also remembers the
// other files whose declarations it read (to resolve a call or a lock), with the shape of
// their declarations, and is redone when one of those shapes changes. Typing inside a
// function body leaves the shape alone, so it re-summarises the edited file only.
import { ts } from 'ts-morph';
import { PerSettings, WeakCache } from '../analysisCaches';
import type { ImportedName } from '../importedNames';
import type { AnalyzerSettings } from '../settings';
import { walkFunction, type FunctionWalk } from './heldLocks';
import { isFunctionNode, isUserFile, type FunctionNode, type LockContext } from './resolution';

export interface FunctionSummary extends FunctionWalk {
  file: string;
}

export interface FileSummary {
  file: string;
  /** Functions with at least one lock event; a function without any takes no lock and calls nothing that matters. */
  functions: FunctionSummary[];
}

export interface SummaryEnvironment {
  program: ts.Program;
  checker: ts.TypeChecker;
  settings: AnalyzerSettings['locks'];
  bindingsOf: (file: ts.SourceFile) => ReadonlyMap<string, ImportedName>;
}

interface CachedSummary {
  summary: FileSummary;
  /** The other files read while summarising: their nodes and declaration shapes then. */
  dependencies: Map<string, { node: ts.SourceFile; shape: string }>;
}

// Depends on: the lock settings, the file's text, and the declaration shapes of the other
// files it read, which each entry records and a new program compares (a per-file fact, kept
// across programs so that an edit re-summarises the files it can change, not the workspace).
const summaries = new PerSettings(() => new WeakCache<ts.SourceFile, CachedSummary>());
// Depends on: the file's text.
const shapes = new WeakCache<ts.SourceFile, string>();

/** The file's summary, from the cache when neither the file nor what it read has changed. */
export function summaryOf(file: ts.SourceFile, env: SummaryEnvironment): { summary: FileSummary; fresh: boolean } {
  const cache = summaries.for(env.settings);
  const cached = cache.peek(file);
  if (cached && dependenciesUnchanged(cached, env.program)) return { summary: cached.summary, fresh: false };
  const dependencies = new Map<string, { node: ts.SourceFile; shape: string }>();
  const ctx: LockContext = {
    program: env.program,
    checker: env.checker,
    settings: env.settings,
    bindingsOf: env.bindingsOf,
    touch: (other) => {
      if (other !== file && isUserFile(other) && !dependencies.has(other.fileName))
        dependencies.set(other.fileName, { node: other, shape: declarationShape(other) });
    },
  };
  const summary = summariseFile(file, ctx);
  cache.set(file, { summary, dependencies });
  return { summary, fresh: true };
}

function dependenciesUnchanged(cached: CachedSummary, program: ts.Program): boolean {
  for (const [fileName, then] of cached.dependencies) {
    const now = program.getSourceFile(fileName);
    if (now === then.node) continue;
    if (!now || declarationShape(now) !== then.shape) return false;
  }
  return true;
}

/**
 * What other files can read of this one: its text without function bodies, except what a
 * body says to the outside: the values it returns (an acquire helper) and, in a
 * constructor, the fields it assigns (`this.lock = new Mutex()`).
 */
function declarationShape(file: ts.SourceFile): string {
  return shapes.get(file, readDeclarationShape);
}

function readDeclarationShape(file: ts.SourceFile): string {
  const parts: string[] = [];
  let cursor = 0;
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) && node.body && ts.isBlock(node.body)) {
      parts.push(file.text.slice(cursor, node.body.getStart(file)));
      parts.push(`{${visibleStatements(node).join(';')}}`);
      cursor = node.body.getEnd();
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  parts.push(file.text.slice(cursor));
  return parts.join('');
}

function visibleStatements(fn: FunctionNode): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) && node !== fn) return;
    if (ts.isReturnStatement(node)) out.push(node.getText());
    else if (ts.isConstructorDeclaration(fn) && ts.isExpressionStatement(node) && node.expression.getText().startsWith('this.')) out.push(node.getText());
    else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

function summariseFile(file: ts.SourceFile, ctx: LockContext): FileSummary {
  const inlined = new Set<ts.Node>();
  const functions: FunctionSummary[] = [];
  const add = (walk: FunctionWalk): void => {
    if (walk.events.length > 0) functions.push({ ...walk, file: file.fileName });
  };
  add(walkFunction(file, ctx, inlined));
  // Outer functions come first, so a callback is walked inside its enclosing function
  // (and marked inlined) before its own turn comes.
  for (const fn of functionsInOrder(file)) {
    if (!inlined.has(fn) && fn.body) add(walkFunction(fn, ctx, inlined));
  }
  return { file: file.fileName, functions };
}

function functionsInOrder(file: ts.SourceFile): FunctionNode[] {
  const out: FunctionNode[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}
