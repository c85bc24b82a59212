// What "a well-formed result" means, checked against the text the analyzer read: every
// range lies inside its file, counted in lines the way LSP counts them (\n, \r\n, \r);
// every fix's edits lie inside their file and do not overlap; applying the preferred
// fixes yields a string. Problems carry a kind and a message a user can act on.
import * as assert from 'node:assert/strict';
import { applyFixes, ruleInfo, type AnalysisResult, type Finding, type Problem, type Range } from '../../src/core';

const PROBLEM_KINDS: ReadonlySet<Problem['kind']> = new Set(['config', 'read', 'parse', 'skipped', 'not-fixed', 'internal']);

/** Line lengths of `text`, with LSP's line breaks. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

export function assertRangeInside(range: Range, lines: readonly number[], where: string): void {
  const { start, end } = range;
  for (const [name, position] of [
    ['start', start],
    ['end', end],
  ] as const) {
    assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${where}: ${name} is not a whole position: ${JSON.stringify(range)}`);
    assert.ok(position.line >= 0 && position.line < lines.length, `${where}: ${name} line ${position.line} is outside the file's ${lines.length} lines`);
    assert.ok(
      position.character >= 0 && position.character <= lines[position.line],
      `${where}: ${name} character ${position.character} is past the end of line ${position.line} (length ${lines[position.line]})`,
    );
  }
  const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
  assert.ok(ordered, `${where}: range ends before it starts: ${JSON.stringify(range)}`);
}

/**
 * Asserts the result is well-formed. `textOf` gives the text the analyzer saw for a file
 * (what `readSourceText` decodes); files it does not know are skipped.
 */
export function assertWellFormed(result: AnalysisResult, readText: (file: string) => string | undefined): void {
  // Each file is read and split once: a large file holds thousands of findings.
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) texts.set(file, readText(file));
    return texts.get(file);
  };
  const lineCache = new Map<string, number[]>();
  const linesOf = (file: string, text: string): number[] => {
    let lines = lineCache.get(file);
    if (!lines) lineCache.set(file, (lines = lineLengths(text)));
    return lines;
  };
  assert.ok(Array.isArray(result.findings) && Array.isArray(result.problems), 'the result has findings and problems');
  for (const problem of result.problems) {
    assert.ok(PROBLEM_KINDS.has(problem.kind), `unknown problem kind ${problem.kind}`);
    assert.ok(typeof problem.message === 'string' && problem.message.trim().length > 10, `problem without a clear message: ${JSON.stringify(problem)}`);
    assert.doesNotMatch(problem.message, /\bat .+:\d+:\d+\)/, 'a problem message must not be a stack trace');
    const text = problem.file === undefined ? undefined : textOf(problem.file);
    if (problem.range && text !== undefined) assertRangeInside(problem.range, linesOf(problem.file as string, text), `problem in ${problem.file}`);
  }
  for (const finding of result.findings) {
    const text = textOf(finding.file);
    assert.ok(text !== undefined, `finding in a file that was never read: ${finding.file}`);
    const where = `${finding.ruleId} in ${finding.file}`;
    assert.ok(finding.message.length > 0, `${where}: the message is empty`);
    assert.deepEqual(unfilledPlaceholders(finding), [], `${where}: the message has unfilled placeholders: ${finding.message}`);
    assertRangeInside(finding.range, linesOf(finding.file, text), where);
    for (const related of finding.related) {
      const relatedText = textOf(related.file);
      if (relatedText !== undefined) assertRangeInside(related.range, linesOf(related.file, relatedText), `${where}, related`);
    }
    for (const fix of finding.fixes) {
      const created = new Set(fix.createFiles ?? []);
      const byFile = new Map<string, Range[]>();
      for (const edit of fix.edits) {
        assert.equal(typeof edit.newText, 'string', `${where}: fix "${fix.title}" has an edit without text`);
        const editText = created.has(edit.file) ? '' : textOf(edit.file);
        if (editText === undefined) continue;
        assertRangeInside(edit.range, created.has(edit.file) ? lineLengths(editText) : linesOf(edit.file, editText), `${where}, fix "${fix.title}"`);
        byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit.range]);
      }
      for (const [file, ranges] of byFile) assertNoOverlap(ranges, `${where}, fix "${fix.title}" in ${file}`);
    }
  }
  const filesWithFixes = new Set(result.findings.filter((f) => f.fixes.length > 0).map((f) => f.file));
  for (const file of filesWithFixes) {
    const text = textOf(file);
    if (text === undefined) continue;
    const preferred = result.findings.filter((f) => f.file === file).flatMap((f) => f.fixes.filter((fix) => fix.isPreferred && !fix.snippet));
    const fixed = applyFixes(text, file, preferred);
    assert.equal(typeof fixed.text, 'string', `applying the fixes in ${file} gives no text`);
  }
}

/**
 * The placeholders of the finding's message template (`{callee}`) still in its message. The
 * user's code may hold braces, and even a `{callee}` of its own: a value that brought one in
 * accounts for it.
 */
function unfilledPlaceholders(finding: Finding): string[] {
  const template = ruleInfo(finding.ruleId)?.messages[finding.messageId];
  const placeholders = template?.match(/\{\w+\}/g) ?? [];
  return placeholders.filter(
    (placeholder) => finding.message.includes(placeholder) && !Object.values(finding.data).some((value) => value.includes(placeholder)),
  );
}

function assertNoOverlap(ranges: Range[], where: string): void {
  const sorted = [...ranges].sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1].end;
    const next = sorted[i].start;
    const overlaps = next.line < previous.line || (next.line === previous.line && next.character < previous.character);
    assert.ok(!overlaps, `${where}: edits overlap: ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])}`);
  }
}
