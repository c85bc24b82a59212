// The fixing loop on its own, with a stand-in analysis: repeated passes for fixes that
// overlapped, and the guard that refuses a fix which would break the syntax.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from 'ts-morph';
import { loadProjects, type AnalysisResult, type Finding, type Range } from '../../src/core';
import { fixInPlace, MAX_FIX_PASSES } from '../../src/cli/fixInPlace';
import { fixTitle } from '../../src/core/templateText';
import { removeWorkspace, workspace } from './cliHarness';

/** A finding whose preferred fix replaces `range` (single line) with `newText`. */
function findingWithFix(file: string, line: number, start: number, end: number, newText: string): Finding {
  const range: Range = { start: { line, character: start }, end: { line, character: end } };
  return {
    ruleId: 'unused-suppression',
    file,
    range,
    severity: 'warning',
    message: 'stand-in',
    messageId: 'unusedAll',
    data: {},
    related: [],
    fixes: [{ ...fixTitle('stand-in fix'), isPreferred: true, edits: [{ file, range, newText }] }],
    explanation: { card: 'suppression', directive: '' },
    experimental: false,
  };
}

describe('fixInPlace', () => {
  let root: string;
  afterEach(() => removeWorkspace(root));

  function load(text: string): { file: string; sourceFiles: SourceFile[] } {
    root = workspace({ 'a.ts': text });
    const file = path.join(root, 'a.ts');
    return { file, sourceFiles: loadProjects([file]).projects[0].files };
  }

  it('runs another pass for a fix that overlapped one applied before it', () => {
    const { file, sourceFiles } = load('let x = 1 + 2;\n');
    const passes: string[] = [];
    // Each pass offers two overlapping fixes; only the first of them can be applied per pass.
    const analyze = (files: readonly SourceFile[]): AnalysisResult => {
      const text = files[0].getFullText();
      passes.push(text);
      const findings = text.includes('1 + 2')
        ? [findingWithFix(file, 0, 8, 13, '3'), findingWithFix(file, 0, 4, 13, 'y = 3')]
        : text.startsWith('let x')
          ? [findingWithFix(file, 0, 4, 9, 'y = 3')]
          : [];
      return { findings, problems: [] };
    };
    const run = fixInPlace(sourceFiles, analyze);
    assert.deepEqual(passes, ['let x = 1 + 2;\n', 'let x = 3;\n', 'let y = 3;\n']);
    assert.equal(run.fixesApplied, 2);
    assert.deepEqual(run.filesFixed, [file]);
    assert.deepEqual(run.result.findings, []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'let y = 3;\n');
  });

  it('stops after MAX_FIX_PASSES when fixes keep coming', () => {
    const { file, sourceFiles } = load('let n = 0;\n');
    let passes = 0;
    const analyze = (files: readonly SourceFile[]): AnalysisResult => {
      passes++;
      const current = /\d+/.exec(files[0].getFullText())![0];
      return { findings: [findingWithFix(file, 0, 8, 8 + current.length, String(Number(current) + 1))], problems: [] };
    };
    const run = fixInPlace(sourceFiles, analyze);
    assert.equal(run.fixesApplied, MAX_FIX_PASSES);
    assert.equal(passes, MAX_FIX_PASSES + 1, 'the last analysis describes the text as written');
    assert.equal(fs.readFileSync(file, 'utf8'), `let n = ${MAX_FIX_PASSES};\n`);
    assert.equal(run.result.findings.length, 1);
  });

  it('applies a fix that spans files and creates one, and analyses the new file', () => {
    const { file, sourceFiles } = load('export const work = 1;\n');
    const worker = path.join(root, 'worker.ts');
    const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const analysedPerPass: string[][] = [];
    const analyze = (files: readonly SourceFile[]): AnalysisResult => {
      analysedPerPass.push(files.map((f) => path.basename(f.getFilePath())));
      if (files.length > 1) return { findings: [], problems: [] };
      const finding = findingWithFix(file, 0, 0, 0, '');
      finding.fixes = [
        {
          ...fixTitle('Move the work to a worker'),
          isPreferred: true,
          createFiles: [worker],
          edits: [
            { file, range: start, newText: "import './worker';\n" },
            { file: worker, range: start, newText: 'export const moved = 1;\n' },
          ],
        },
      ];
      return { findings: [finding], problems: [] };
    };
    const run = fixInPlace(sourceFiles, analyze);
    assert.deepEqual(analysedPerPass, [['a.ts'], ['a.ts', 'worker.ts']]);
    assert.equal(run.fixesApplied, 1);
    assert.deepEqual(run.filesFixed.sort(), [file, worker]);
    assert.equal(fs.readFileSync(file, 'utf8'), "import './worker';\nexport const work = 1;\n");
    assert.equal(fs.readFileSync(worker, 'utf8'), 'export const moved = 1;\n');
  });

  it('never applies a snippet, whose placeholders are for a person to fill in', () => {
    const text = 'export const order = [a, b];\n';
    const { file, sourceFiles } = load(text);
    const finding = findingWithFix(file, 0, 22, 26, '${1:first}, ${2:second}');
    finding.fixes[0].snippet = true;
    const run = fixInPlace(sourceFiles, () => ({ findings: [finding], problems: [] }));
    assert.equal(run.fixesApplied, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });

  it('refuses a fix that would leave a syntax error, and leaves the file as it was', () => {
    const text = 'export const total = 1 + 2;\n';
    const { file, sourceFiles } = load(text);
    const analyze = (): AnalysisResult => ({ findings: [findingWithFix(file, 0, 21, 26, '1 +')], problems: [] });
    const run = fixInPlace(sourceFiles, analyze);
    assert.equal(run.fixesApplied, 0);
    assert.deepEqual(run.filesFixed, []);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.deepEqual(run.result.problems, [
      { kind: 'internal', file, message: `A fix would have left a syntax error in ${file}, so --fix stopped changing it.` },
    ]);
  });
});
