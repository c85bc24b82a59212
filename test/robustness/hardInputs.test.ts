// The analyzer never throws, on any input. Every hard case gets its own folder in one
// scratch workspace, analysed once with `analyzePaths` in this process and once by the
// built CLI in a child process (one run each: loading TypeScript's libraries dominates
// small cases). Each case then checks its share of the results: well-formed (findings
// inside the file, problems with a clear message), what it must report, no rule failing;
// the CLI must exit with 0 or 1 and print no stack trace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePaths, readSourceText, withDefaults, type AnalysisResult, type Finding } from '../../src/core';
import { buildCliOnce, runCliBinary, type CliRun } from '../cli/cliHarness';
import { hardCases, slugOf, writeCases, type HardCase } from './hardCases';
import { assertWellFormed } from './wellFormed';

function textOf(file: string): string | undefined {
  try {
    return fs.existsSync(file) && fs.statSync(file).isFile() ? readSourceText(file) : undefined;
  } catch {
    return undefined;
  }
}

/** The findings and problems about files of one case. */
function shareOf(result: AnalysisResult, folder: string): AnalysisResult {
  const inside = (file: string | undefined): boolean => file !== undefined && file.startsWith(`${folder}${path.sep}`);
  return { findings: result.findings.filter((f) => inside(f.file)), problems: result.problems.filter((p) => inside(p.file)) };
}

/** A finding as one comparable string; the CLI sorts its findings, analyzePaths does not. */
function summary(finding: Finding): string {
  return `${finding.file} ${JSON.stringify(finding.range)} ${finding.ruleId}`;
}

function assertExpected(hardCase: HardCase, result: AnalysisResult): void {
  for (const kind of hardCase.expectProblems ?? []) {
    assert.ok(
      result.problems.some((problem) => problem.kind === kind),
      `expected a '${kind}' problem, got ${JSON.stringify(result.problems.map((p) => [p.kind, p.message]))}`,
    );
  }
  if (hardCase.expectFindings) assert.ok(result.findings.length > 0, `expected findings; problems: ${JSON.stringify(result.problems)}`);
  assert.deepEqual(
    result.problems.filter((problem) => problem.kind === 'internal'),
    [],
    'no rule may fail on this input',
  );
  if (hardCase.textAtSequentialAwait !== undefined) {
    const finding = result.findings.find((f) => f.ruleId === 'sequential-await');
    assert.ok(finding, 'expected a sequential-await finding');
    const lines = (textOf(finding.file) ?? '').split(/\r\n|\r|\n/);
    const { start, end } = finding.range;
    assert.equal(start.line, end.line);
    assert.equal(lines[start.line].slice(start.character, end.character), hardCase.textAtSequentialAwait);
  }
}

function assertCleanExit(run: CliRun, expected: readonly number[]): void {
  assert.doesNotMatch(run.stderr, /^\s+at .+[:(]\d+:\d+\)?$/m, `the CLI printed a stack trace:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /RangeError|Maximum call stack/);
  assert.ok(run.status !== null && expected.includes(run.status), `exit code ${run.status}; stderr:\n${run.stderr}`);
}

describe('robustness: hard inputs', function () {
  // The 50,000-line file takes most of it; the default per-file budget bounds its rules.
  this.timeout(600_000);
  const cases = hardCases();
  let root: string;
  let inProcess: AnalysisResult;
  let cliRun: CliRun;
  let cliReport: AnalysisResult;

  before(() => {
    buildCliOnce();
    root = writeCases(cases.filter((c) => c.cliExitCode === undefined));
    inProcess = analyzePaths([root], withDefaults({}));
    // Through a file: the report on these cases is larger than a pipe buffer.
    const output = path.join(root, 'report.json');
    cliRun = runCliBinary(['--format', 'json', '--output', output, '.'], root);
    cliReport = JSON.parse(fs.readFileSync(output, 'utf8')) as AnalysisResult;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the CLI analyses the whole scratch workspace and exits cleanly, as incomplete', () => {
    // Some of the hard inputs cannot be parsed or are too deep to walk: the run says so with 3.
    assertCleanExit(cliRun, [3]);
    assertWellFormed(cliReport, textOf);
  });

  it('analyzePaths returns a well-formed result for the whole scratch workspace', () => {
    assertWellFormed(inProcess, textOf);
  });

  for (const hardCase of cases) {
    if (hardCase.cliExitCode !== undefined) {
      it(`${hardCase.name}: analysed on its own, nothing to report, and the CLI says why`, () => {
        const alone = writeCases([hardCase]);
        try {
          const folder = path.join(alone, slugOf(hardCase));
          const result = analyzePaths([folder], withDefaults({}));
          assertWellFormed(result, textOf);
          assert.deepEqual(result.findings, []);
          const run = runCliBinary(['--format', 'json', '.'], folder);
          assertCleanExit(run, [hardCase.cliExitCode!]);
          assert.match(run.stderr, /^kitchen-sync: .+/m);
        } finally {
          fs.rmSync(alone, { recursive: true, force: true });
        }
      });
      continue;
    }
    it(`${hardCase.name}: analyzePaths reports what it must`, () => {
      assertExpected(hardCase, shareOf(inProcess, path.join(root, slugOf(hardCase))));
    });
    it(`${hardCase.name}: the CLI reports the same`, () => {
      const share = shareOf(cliReport, path.join(root, slugOf(hardCase)));
      assertExpected(hardCase, share);
      const inProcessShare = shareOf(inProcess, path.join(root, slugOf(hardCase)));
      // Where the time budget cut a file short, the two runs may have stopped at different
      // rules: those rules' findings in that file are left out of the comparison, no others.
      const skipped = new Set(
        [...share.problems, ...inProcessShare.problems].filter((p) => p.kind === 'skipped').flatMap((p) => (p.rules ?? []).map((rule) => `${p.file} ${rule}`)),
      );
      const comparable = (finding: Finding): boolean => !skipped.has(`${finding.file} ${finding.ruleId}`);
      assert.deepEqual(share.findings.filter(comparable).map(summary).sort(), inProcessShare.findings.filter(comparable).map(summary).sort());
    });
  }
});
