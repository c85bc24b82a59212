// Applying text edits to a file's text. Shared by `--fix`, the tests and the bench,
// so "the fix the user gets" and "the fix we tested" are the same code.
import type { Fix, TextEdit } from './finding';
import { compareRanges, lineStarts, offsetAt } from './ranges';

export interface AppliedEdits {
  text: string;
  /** Edits dropped because they overlapped one applied before them. */
  skipped: TextEdit[];
}

/** Applies non-overlapping edits; on overlap the earlier edit (in document order) wins. */
export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const starts = lineStarts(text);
  const spans = [...edits]
    .sort((a, b) => compareRanges(a.range, b.range))
    .map((edit) => ({
      edit,
      start: offsetAt(starts, text.length, edit.range.start),
      end: offsetAt(starts, text.length, edit.range.end),
    }));
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) {
      skipped.push(span.edit);
      continue;
    }
    out += text.slice(cursor, span.start) + span.edit.newText;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), skipped };
}

/** Applies whole fixes to one file, skipping any fix that would overlap one already taken. */
export function applyFixes(text: string, file: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const starts = lineStarts(text);
  const taken: Array<[number, number]> = [];
  const applied: Fix[] = [];
  const edits: TextEdit[] = [];
  for (const fix of fixes) {
    const own = fix.edits.filter((e) => e.file === file);
    if (own.length !== fix.edits.length) continue; // a fix that spans files is applied by its own file's pass
    const spans = own.map((e) => [offsetAt(starts, text.length, e.range.start), offsetAt(starts, text.length, e.range.end)] as [number, number]);
    const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || (s === e && s === ts)));
    if (overlaps) continue;
    taken.push(...spans);
    edits.push(...own);
    applied.push(fix);
  }
  return { text: applyEdits(text, edits).text, applied };
}
