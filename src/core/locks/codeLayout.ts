// Laying out code that a lock fix writes: the indentation of a line, the file's indent
// unit, and moving a run of lines one level deeper without changing what they mean.
import { ts } from 'ts-morph';
import type { TextEdit } from '../finding';
import { compilerPositionAt } from '../ranges';
import { isFunctionNode } from './resolution';

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the end of the line `offset` is on (after its line break). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

export function indentationAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indent unit: a tab, or the smallest step between indented lines (two spaces when unsure). */
export function indentUnit(text: string): string {
  let smallest = Infinity;
  for (const match of text.matchAll(/^( +|\t+)\S/gm)) {
    if (match[1].startsWith('\t')) return '\t';
    smallest = Math.min(smallest, match[1].length);
  }
  return Number.isFinite(smallest) ? ' '.repeat(Math.min(smallest, 8)) : '  ';
}

/** Whether only whitespace separates `offset` from the start of its line. */
export function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}

/**
 * `lines` one level deeper. A string or template spanning lines inside the span would
 * change value if indented, so then the lines are left as they are (still valid code).
 */
export function indentLines(lines: string, unit: string, file: ts.SourceFile, spanStart: number): string {
  if (spansLines(file, spanStart, spanStart + lines.length)) return lines;
  return lines.replace(/^(?=[^\r\n])/gm, unit);
}

function spansLines(file: ts.SourceFile, start: number, end: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() <= start || node.getStart(file) >= end) return;
    if ((ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) && node.getText(file).includes('\n')) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Symbols a run of statements declares at its own level (what moving it into a block would hide). */
export function declaredSymbols(statements: readonly ts.Statement[], checker: ts.TypeChecker): Set<ts.Symbol> {
  const out = new Set<ts.Symbol>();
  const addName = (name: ts.BindingName | ts.Identifier | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) {
      const symbol = checker.getSymbolAtLocation(name);
      if (symbol) out.add(symbol);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) addName(element.name);
  };
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) addName(d.name);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) addName(statement.name);
  }
  return out;
}

/** Whether any of `nodes` mentions one of `symbols`. */
export function usesAny(nodes: readonly ts.Node[], symbols: ReadonlySet<ts.Symbol>, checker: ts.TypeChecker): boolean {
  if (symbols.size === 0) return false;
  const names = new Set([...symbols].map((s) => s.getName()));
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && names.has(node.text)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent) ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
      if (symbol && symbols.has(symbol)) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
  return found;
}

/** A text edit of a compiler source file, in the plain form fixes carry. */
export function spanEdit(file: ts.SourceFile, start: number, end: number, newText: string): TextEdit {
  const a = compilerPositionAt(file, start);
  const b = compilerPositionAt(file, end);
  return { file: file.fileName, range: { start: { line: a.line, character: a.character }, end: { line: b.line, character: b.character } }, newText };
}

/**
 * What a statement does that would mean something else once it runs inside a callback:
 * `jump`, a `break` or `continue` out of it, `yield` or `arguments`; else `return`, which
 * would leave the callback instead of the function; undefined when it does neither.
 */
export function escapeFromCallback(statement: ts.Statement): 'jump' | 'return' | undefined {
  let jumps = false;
  let returns = false;
  const visit = (node: ts.Node, loops: number): void => {
    if (jumps) return;
    if (isFunctionNode(node) && !ts.isArrowFunction(node)) return;
    if (ts.isYieldExpression(node) || (ts.isIdentifier(node) && node.text === 'arguments')) jumps = true;
    else if (ts.isBreakOrContinueStatement(node) && (loops === 0 || node.label)) jumps = true;
    else if (ts.isReturnStatement(node)) returns = true;
    const inner = ts.isIterationStatement(node, false) || ts.isSwitchStatement(node) ? loops + 1 : loops;
    if (ts.isArrowFunction(node)) return;
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(statement, 0);
  return jumps ? 'jump' : returns ? 'return' : undefined;
}
