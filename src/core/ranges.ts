// Converting between ts-morph nodes, offsets and the plain ranges findings carry.
import { ts, type Node, type SourceFile } from 'ts-morph';
import { WeakCache } from './analysisCaches';
import type { Position, Range, TextEdit } from './finding';

// LSP breaks lines at \n, \r\n and \r only; the compiler also breaks at U+2028 and U+2029,
// which would put everything after such a character on the wrong line in the editor (and
// make fixes edit the wrong text).
// Depends on: the file's text.
const lineStartsCache = new WeakCache<ts.SourceFile, number[]>();

export function positionAt(sourceFile: SourceFile, offset: number): Position {
  return compilerPositionAt(sourceFile.compilerNode, offset);
}

/** `positionAt` for code that works on the compiler's tree. */
export function compilerPositionAt(compilerFile: ts.SourceFile, offset: number): Position {
  const starts = lineStartsCache.get(compilerFile, (file) => lineStarts(file.text));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}

export function rangeOf(sourceFile: SourceFile, start: number, end: number): Range {
  return { start: positionAt(sourceFile, start), end: positionAt(sourceFile, end) };
}

/** The span a user sees for a node: from its first token, leading comments excluded. */
export function nodeRange(node: Node): Range {
  return rangeOf(node.getSourceFile(), node.getStart(), node.getEnd());
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { file: node.getSourceFile().getFilePath(), range: nodeRange(node), newText };
}

export function replaceSpan(sourceFile: SourceFile, start: number, end: number, newText: string): TextEdit {
  return { file: sourceFile.getFilePath(), range: rangeOf(sourceFile, start, end), newText };
}

/** Offsets of each line start in `text`, for turning positions back into offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(starts: number[], textLength: number, position: Position): number {
  if (position.line >= starts.length) return textLength;
  return Math.min(starts[position.line] + position.character, textLength);
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}
