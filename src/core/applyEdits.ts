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

/**
 * Applies whole fixes that may span files and create new ones. `read` gives a file's
 * current text, or undefined when it does not exist. A fix is taken only as a whole: it is
 * skipped when one of its edits overlaps an edit taken before it, when it edits a missing
 * file it does not create, or when it would create a file that already exists.
 * Returns the new text of every file a taken fix touches.
 */
export function applyFixesToFiles(
  fixes: readonly Fix[],
  read: (file: string) => string | undefined,
): { files: Map<string, string>; created: string[]; applied: Fix[] } {
  const originals = new Map<string, string | undefined>();
  const original = (file: string): string | undefined => {
    if (!originals.has(file)) originals.set(file, read(file));
    return originals.get(file);
  };
  const taken = new Map<string, Fix[]>();
  const created = new Set<string>();
  const applied: Fix[] = [];
  for (const fix of fixes) {
    const creates = new Set(fix.createFiles ?? []);
    if ([...creates].some((file) => original(file) !== undefined || created.has(file))) continue;
    const files = [...new Set(fix.edits.map((edit) => edit.file))];
    if (files.some((file) => original(file) === undefined && !creates.has(file))) continue;
    const fitsEverywhere = files.every((file) => {
      const before = taken.get(file) ?? [];
      return applyFixes(original(file) ?? '', file, [...before, fixOn(fix, file)]).applied.length === before.length + 1;
    });
    if (!fitsEverywhere) continue;
    for (const file of files) taken.set(file, [...(taken.get(file) ?? []), fixOn(fix, file)]);
    for (const file of creates) created.add(file);
    applied.push(fix);
  }
  const out = new Map<string, string>();
  for (const [file, fileFixes] of taken) out.set(file, applyFixes(original(file) ?? '', file, fileFixes).text);
  return { files: out, created: [...created], applied };
}

/** The part of a fix that edits one file, as a single-file fix. */
function fixOn(fix: Fix, file: string): Fix {
  return { ...fix, edits: fix.edits.filter((edit) => edit.file === file) };
}
