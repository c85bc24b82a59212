// Helpers shared by the blocking-loop and blocking-call tests: findings of a fixture as
// it is, and as it would be after a small edit (to show that an exemption, not luck,
// keeps a negative case quiet), and fixes applied across files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { analyzeFile, applyFixesToFiles, withDefaults, type AnalyzerSettings, type Finding, type Fix } from '../../src/core';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT } from './fixtures';

export function fixturePath(ruleId: string, relative: string): string {
  return path.join(FIXTURES_ROOT, ruleId, relative);
}

export function findingsOf(ruleId: string, relative: string): Finding[] {
  return analyzeFixture(fixturePath(ruleId, relative)).findings.filter((f) => f.ruleId === ruleId);
}

export interface Edit {
  /** The fixture to change, relative to the rule's folder; the analysed file when absent. */
  file?: string;
  from: string;
  to: string;
}

/**
 * The rule's findings in `relative` after applying `edits` to the fixtures in memory.
 * The fixtures are restored afterwards, whatever happens.
 */
export function findingsAfterEdits(ruleId: string, relative: string, edits: readonly Edit[], settings: Partial<AnalyzerSettings> = {}): Finding[] {
  const target = analyzeFixture(fixturePath(ruleId, relative)).sourceFile;
  const project = target.getProject();
  const originals = new Map<string, string>();
  try {
    for (const edit of edits) {
      const sourceFile = project.getSourceFileOrThrow(fixturePath(ruleId, edit.file ?? relative));
      const text = sourceFile.getFullText();
      assert.ok(text.includes(edit.from), `${edit.file ?? relative} should contain ${JSON.stringify(edit.from)}`);
      if (!originals.has(sourceFile.getFilePath())) originals.set(sourceFile.getFilePath(), text);
      sourceFile.replaceWithText(text.replace(edit.from, edit.to));
    }
    return analyzeFile(target, withDefaults({ ...settingsHeader(target.getFullText()), ...settings })).findings.filter((f) => f.ruleId === ruleId);
  } finally {
    for (const [file, text] of originals) project.getSourceFileOrThrow(file).replaceWithText(text);
  }
}

/** The `// settings: {json}` a fixture may start with, as the fixture harness reads it. */
function settingsHeader(text: string): Partial<AnalyzerSettings> {
  const match = /^\/\/ settings: (.*)$/m.exec(text.split(/\r?\n/, 1)[0] ?? '');
  return match ? (JSON.parse(match[1]) as Partial<AnalyzerSettings>) : {};
}

/** Applies one fix, which may create files, to the fixture files on disk (read only). */
export function applyFix(fix: Fix): Map<string, string> {
  const { files, applied } = applyFixesToFiles([fix], (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined));
  assert.equal(applied.length, 1, `the fix "${fix.title}" should apply`);
  return files;
}

export function fixTitled(findings: readonly Finding[], prefix: string): Fix {
  const fixes = findings.flatMap((f) => f.fixes).filter((fix) => fix.title.startsWith(prefix));
  assert.equal(fixes.length, 1, `expected one fix titled "${prefix}…", got ${JSON.stringify(findings.flatMap((f) => f.fixes.map((x) => x.title)))}`);
  return fixes[0];
}

/**
 * Type errors the fixed files have that the originals did not: the fixed texts replace
 * the fixture files (and new files join the project) for the check, then everything is put back.
 */
export function newTypeErrorsAcross(anyFixture: string, fixed: ReadonlyMap<string, string>): string[] {
  const project = analyzeFixture(anyFixture).sourceFile.getProject();
  const errorsOf = (files: string[]): string[] =>
    files
      .flatMap((file) => project.getSourceFile(file)?.getPreEmitDiagnostics() ?? [])
      .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
      .map((d) => {
        const message = d.getMessageText();
        return `${path.basename(d.getSourceFile()?.getFilePath() ?? '')}: ${typeof message === 'string' ? message : message.getMessageText()}`;
      })
      .sort();
  const files = [...fixed.keys()];
  const before = errorsOf(files);
  const originals = new Map<string, string>();
  const created: string[] = [];
  try {
    for (const [file, text] of fixed) {
      const existing = project.getSourceFile(file);
      if (existing) {
        originals.set(file, existing.getFullText());
        existing.replaceWithText(text);
      } else {
        project.createSourceFile(file, text);
        created.push(file);
      }
    }
    const remaining = [...before];
    return errorsOf(files).filter((error) => {
      const index = remaining.indexOf(error);
      if (index >= 0) remaining.splice(index, 1);
      return index < 0;
    });
  } finally {
    for (const file of created) project.removeSourceFile(project.getSourceFileOrThrow(file));
    for (const [file, text] of originals) project.getSourceFileOrThrow(file).replaceWithText(text);
  }
}

/**
 * What both event-loop rules' tests start with: the fixture project loaded once (it is
 * shared by every rule test and slow to load on a busy machine), the fixture table, and
 * the experimental cases, each silent unless the experimental tier is on.
 */
export function describeBlockingRuleFixtures(ruleId: string, warmUpFixture: string): void {
  before(function () {
    this.timeout(180_000);
    findingsOf(ruleId, warmUpFixture);
  });

  describeRuleFixtures(ruleId);

  describe(`${ruleId}: the experimental cases`, () => {
    const experimental = fixturePath(ruleId, 'experimental');
    // A rule may have no experimental tier at all.
    for (const name of fs.existsSync(experimental) ? fs.readdirSync(experimental) : []) {
      // A case folder spans files: each is silent by default, and one of them reports.
      const folder = fixturePath(ruleId, `experimental/${name}`);
      const files = fs.statSync(folder).isDirectory() ? fs.readdirSync(folder).map((file) => `experimental/${name}/${file}`) : [`experimental/${name}`];
      it(`${name} reports nothing unless the experimental tier is on`, () => {
        for (const file of files) assert.deepEqual(findingsAfterEdits(ruleId, file, []), [], file);
        assert.ok(files.some((file) => findingsAfterEdits(ruleId, file, [], { experimental: true }).length > 0));
      });
    }
  });
}
