// The fixture harness behind every rule test. A rule's fixtures live in
// test/fixtures/rules/<rule-id>/{positive,negative,experimental}/, one case per file
// (or per folder, for cases that span files). Expectations are written inline, under
// the line they point at:
//
//     const b = await fetchB();
//     //        ^^^^^^^^^^^^^^ sequential-await sequential
//
// The carets give the exact start and end column of the finding on the line above; then
// come the rule id and the message id (the key of the rule's `messages`).
// A finding that runs onto later lines is marked `^^^...` (start exact, end on a later line).
// A case file may start with `// settings: {json}` to run with non-default settings.
// Beside a positive case, `<name>.fixed.<ext>` is the exact text after applying every
// preferred fix; the fixed text must also type-check with no new errors.
// `UPDATE_FIXTURES=1 npm test` rewrites the .fixed files from the current output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts, type Project, type SourceFile } from 'ts-morph';
import { analyzeFile, applyFixes, loadProjects, ruleInfo, withDefaults, type AnalyzerSettings, type Finding } from '../../src/core';

export const FIXTURES_ROOT = path.join(__dirname, '..', 'fixtures', 'rules');
const ANNOTATION = /^\s*\/\/(\s*)(\^+)(\.\.\.)?\s+([\w-]+)(?:\s+(\w+))?\s*$/;

export interface Expectation {
  ruleId: string;
  /** Undefined when the annotation leaves it out, which the rule tests refuse. */
  messageId: string | undefined;
  line: number;
  start: number;
  end: number;
  multiline: boolean;
}

/** Reads `^^^ rule-id` annotations; each points at the nearest code line above it. */
export function readExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (!match) {
      target = index;
      return;
    }
    const column = line.indexOf('//') + 2 + match[1].length;
    out.push({ ruleId: match[4], messageId: match[5], line: target, start: column, end: column + match[2].length, multiline: !!match[3] });
  });
  return out;
}

function describeFinding(f: Finding): string {
  const { start, end } = f.range;
  return `${f.ruleId} ${f.messageId} ${start.line + 1}:${start.character}-${end.line + 1}:${end.character} "${f.message}"`;
}

function matches(e: Expectation, f: Finding): boolean {
  if (e.ruleId !== f.ruleId || e.messageId !== f.messageId || e.line !== f.range.start.line || e.start !== f.range.start.character) return false;
  return e.multiline ? f.range.end.line > f.range.start.line : f.range.end.line === e.line && f.range.end.character === e.end;
}

function readSettings(text: string, tier: string): AnalyzerSettings {
  const match = /^\/\/ settings: (.*)$/m.exec(text.split(/\r?\n/, 1)[0] ?? '');
  const fromFile = match ? (JSON.parse(match[1]) as Partial<AnalyzerSettings>) : {};
  // Fixtures assert findings, not speed: on a loaded machine the time budget would make them flaky.
  const settings = withDefaults({ fileTimeBudgetMs: Number.POSITIVE_INFINITY, ...fromFile });
  // A negative case of a rule with findings in both tiers sets `"experimental": true` to say
  // it stays silent in both.
  settings.experimental = tier === 'experimental' || fromFile.experimental === true;
  return settings;
}

function isFixedFile(file: string): boolean {
  return /\.fixed\.[cm]?[jt]sx?$/.test(file);
}

/** A case name and the files that make it up (one file, or every file in a case folder). */
function casesIn(dir: string): Array<{ name: string; files: string[] }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !isFixedFile(e.name))
    .map((e) => {
      const full = path.join(dir, e.name);
      // A case folder may hold a package.json beside its sources: the package the case belongs to.
      const files = e.isDirectory()
        ? fs
            .readdirSync(full)
            .filter((f) => !isFixedFile(f) && /\.[cm]?[jt]sx?$/.test(f))
            .map((f) => path.join(full, f))
        : [full];
      return { name: e.name, files };
    });
}

let sharedProject: Project | undefined;
/** One project for every fixture: cases are modules, so their declarations never collide. */
function fixtureProject(): Project {
  if (!sharedProject) {
    const loaded = loadProjects([FIXTURES_ROOT]);
    assert.equal(loaded.projects.length, 1, `fixtures should form one project: ${JSON.stringify(loaded.problems)}`);
    sharedProject = loaded.projects[0].project;
  }
  return sharedProject;
}

export function analyzeFixture(file: string): { sourceFile: SourceFile; findings: Finding[]; text: string } {
  const project = fixtureProject();
  const sourceFile = project.getSourceFileOrThrow(file);
  const text = sourceFile.getFullText();
  // A rule that is experimental as a whole runs only in that tier: its positive and negative
  // cases say what it would report once it leaves it.
  const experimentalRule = ruleInfo(path.relative(FIXTURES_ROOT, file).split(path.sep)[0])?.meta.experimental === true;
  const tier =
    experimentalRule || path.basename(path.dirname(path.dirname(file))) === 'experimental' || file.includes(`${path.sep}experimental${path.sep}`)
      ? 'experimental'
      : 'stable';
  const result = analyzeFile(sourceFile, readSettings(text, tier));
  assert.deepEqual(result.problems, [], `analysis problems in ${file}`);
  return { sourceFile, findings: result.findings, text };
}

/** Semantic and syntactic errors of a file, as comparable strings without positions. */
function errorsOf(sourceFile: SourceFile): string[] {
  return sourceFile
    .getPreEmitDiagnostics()
    .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = d.getMessageText();
      return typeof message === 'string' ? message : message.getMessageText();
    })
    .sort();
}

/** Errors the new text has that the old one did not. Restores the file afterwards. */
export function newTypeErrors(sourceFile: SourceFile, newText: string): string[] {
  const original = sourceFile.getFullText();
  const before = errorsOf(sourceFile);
  sourceFile.replaceWithText(newText);
  try {
    const after = errorsOf(sourceFile);
    const remaining = [...before];
    return after.filter((e) => {
      const i = remaining.indexOf(e);
      if (i >= 0) remaining.splice(i, 1);
      return i < 0;
    });
  } finally {
    sourceFile.replaceWithText(original);
  }
}

function fixedPathFor(file: string): string {
  const ext = path.extname(file);
  return file.slice(0, -ext.length) + '.fixed' + ext;
}

/**
 * Registers mocha tests for one rule: every positive case reports exactly its
 * annotations (and at least one), every negative case reports nothing for the rule,
 * experimental cases report exactly their annotations with the experimental tier on,
 * and every `.fixed` file matches the fixed output, which type-checks.
 */
export function describeRuleFixtures(ruleId: string): void {
  const ruleDir = path.join(FIXTURES_ROOT, ruleId);
  describe(`${ruleId} fixtures`, () => {
    it('has both positive and negative cases', () => {
      assert.ok(casesIn(path.join(ruleDir, 'positive')).length > 0, 'no positive fixtures');
      assert.ok(casesIn(path.join(ruleDir, 'negative')).length > 0, 'no negative fixtures');
    });
    for (const tier of ['positive', 'negative', 'experimental'] as const) {
      for (const testCase of casesIn(path.join(ruleDir, tier))) {
        it(`${tier}: ${testCase.name}`, () => {
          let total = 0;
          for (const file of testCase.files) {
            const { sourceFile, findings, text } = analyzeFixture(file);
            const own = findings.filter((f) => f.ruleId === ruleId);
            const expected = readExpectations(text).filter((e) => e.ruleId === ruleId);
            if (tier === 'negative') {
              assert.deepEqual(own.map(describeFinding), [], `${path.basename(file)} should have no ${ruleId} findings`);
            } else {
              const withoutMessageId = expected.filter((e) => e.messageId === undefined).map((e) => `the ${e.ruleId} annotation under line ${e.line + 1}`);
              assert.deepEqual(withoutMessageId, [], `annotations in ${path.basename(file)} without a message id after the rule id`);
              const unmatched = own.filter((f) => !expected.some((e) => matches(e, f)));
              const missing = expected.filter((e) => !own.some((f) => matches(e, f)));
              assert.deepEqual(
                { unexpected: unmatched.map(describeFinding), missing: missing.map((e) => `${e.ruleId} ${e.messageId} ${e.line + 1}:${e.start}-${e.end}`) },
                { unexpected: [], missing: [] },
                `findings in ${path.basename(file)}`,
              );
              total += own.length;
            }
            checkFixedOutput(file, sourceFile, own, text);
          }
          if (tier !== 'negative') assert.ok(total > 0, 'a positive case must report at least one finding');
        });
      }
    }
  });
}

function checkFixedOutput(file: string, sourceFile: SourceFile, findings: Finding[], text: string): void {
  const fixedPath = fixedPathFor(file);
  const preferred = findings.flatMap((f) => f.fixes.filter((fix) => fix.isPreferred));
  if (process.env.UPDATE_FIXTURES && preferred.length > 0) {
    fs.writeFileSync(fixedPath, applyFixes(text, file, preferred).text);
  }
  if (!fs.existsSync(fixedPath)) {
    assert.equal(preferred.length, 0, `${path.basename(file)} has fixes but no ${path.basename(fixedPath)} (UPDATE_FIXTURES=1 writes it)`);
    return;
  }
  const actual = applyFixes(text, file, preferred).text;
  assert.equal(actual, fs.readFileSync(fixedPath, 'utf8'), `fixed output of ${path.basename(file)}`);
  assert.deepEqual(newTypeErrors(sourceFile, actual), [], `the fix for ${path.basename(file)} adds type errors`);
}
