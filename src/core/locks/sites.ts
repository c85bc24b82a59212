// Places in the code, as plain data that outlives the syntax tree it came from (summaries
// are cached across edits), and the way back from a place to a node of the current tree.
import { ts, type Node, type SourceFile } from 'ts-morph';
import { recognizeLockCall } from './acquisitions';
import type { LockContext } from './resolution';
import type { Range } from '../finding';
import { compilerPositionAt } from '../ranges';

export interface Site {
  file: string;
  start: number;
  end: number;
  range: Range;
  /** The code at the site, on one line and short. */
  text: string;
}

const SITE_TEXT_WIDTH = 80;

/** A site for a node: the whole call when it fits on one line, else just its callee. */
export function siteOf(node: ts.Node): Site {
  const sourceFile = node.getSourceFile();
  let target = node;
  if (ts.isCallExpression(node)) {
    const start = compilerPositionAt(sourceFile, node.getStart(sourceFile)).line;
    const end = compilerPositionAt(sourceFile, node.getEnd()).line;
    if (start !== end) target = node.expression;
  }
  const startOffset = target.getStart(sourceFile);
  const endOffset = target.getEnd();
  const start = compilerPositionAt(sourceFile, startOffset);
  const end = compilerPositionAt(sourceFile, endOffset);
  const text = target.getText(sourceFile).replace(/\s+/g, ' ');
  return {
    file: sourceFile.fileName,
    start: startOffset,
    end: endOffset,
    range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } },
    text: text.length > SITE_TEXT_WIDTH ? `${text.slice(0, SITE_TEXT_WIDTH - 3)}...` : text,
  };
}

/** The ts-morph node a site of this file points at, for reporting. */
export function nodeAtSite(sourceFile: SourceFile, site: Site): Node | undefined {
  return sourceFile.getDescendantAtStartWithWidth(site.start, site.end - site.start);
}

/** The call expression a site stands for: the site's node itself, or the call whose callee it is. */
export function callAtSite(sourceFile: ts.SourceFile, site: Site): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() < site.end || node.getStart(sourceFile) > site.start) return;
    if (ts.isCallExpression(node) && node.getStart(sourceFile) === site.start && (node.getEnd() === site.end || node.expression.getEnd() === site.end)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The lock as written at a site that takes it (`to.lock`, `` `shelf:${id}` ``), when the site is a lock call. */
export function lockTextAt(sourceFile: ts.SourceFile, site: Site, ctx: LockContext): string | undefined {
  if (site.file !== sourceFile.fileName) return undefined;
  const call = callAtSite(sourceFile, site);
  const operation = call && recognizeLockCall(call, ctx);
  if (!operation || operation.target.kind === 'function' || operation.target.kind === 'helper') return undefined;
  return operation.target.expression.getText(sourceFile);
}

/**
 * Two locks of one class that a function takes itself, written the same way at both sites
 * (`find(id).lock` twice): the analysis cannot tell the objects apart, and they are most
 * likely one object, so the nesting is a re-entry rather than two locks taken in no order.
 */
export function writtenAlike(sourceFile: ts.SourceFile, held: Site, taken: Site, ctx: LockContext): boolean {
  const heldText = lockTextAt(sourceFile, held, ctx);
  return heldText !== undefined && heldText === lockTextAt(sourceFile, taken, ctx);
}
