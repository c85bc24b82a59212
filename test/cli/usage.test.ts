// Exit code 2 and its messages, --help and --version: everything decided before analysis.
import * as assert from 'node:assert/strict';
import { allRuleInfos } from '../../src/core';
import { version } from '../../package.json';
import { removeWorkspace, runCli, workspace } from './cliHarness';

describe('kitchen-sync usage', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  before(function () {
    this.timeout(300_000);
    root = workspace({ 'a.ts': 'export const a = 1;\n' });
  });
  after(() => removeWorkspace(root));

  it('--help lists every option and every registered rule, and exits 0', () => {
    const run = runCli(['--help'], root);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: kitchen-sync \[options\] \[paths\.\.\.\]\n/);
    for (const option of ['--format', '--fix', '--rule', '--experimental', '--locale', '--explain', '--output', '--help', '--version']) {
      assert.ok(run.stdout.includes(option), `--help mentions ${option}`);
    }
    for (const rule of allRuleInfos) {
      assert.match(run.stdout, new RegExp(`^  ${rule.meta.id} +${rule.meta.defaultSeverity} +${escape(rule.meta.description)}`, 'm'));
    }
  });

  it('--version prints the package version', () => {
    assert.deepEqual(runCli(['--version'], root), { status: 0, stdout: `${version}\n`, stderr: '' });
    assert.equal(runCli(['-v'], root).stdout, `${version}\n`);
  });

  const badUsage: Array<[string, string[], string]> = [
    ['an unknown option', ['--frobnicate'], "Unknown option '--frobnicate'."],
    ['an unknown short option', ['-x'], "Unknown option '-x'."],
    ['a missing option value', ['--format'], "Option '-f, --format' needs a value."],
    ['a value given to a flag', ['--fix=yes'], "Option '--fix' does not take an argument."],
    ['an unknown format', ['--format', 'xml'], "Unknown format 'xml'; use one of text, json, sarif."],
    ['an unknown locale', ['--locale', 'fr'], "Unknown locale 'fr'; use one of en, ja."],
    ['an unknown rule', ['--rule', 'no-such-rule=off'], "Unknown rule 'no-such-rule' in --rule no-such-rule=off."],
    [
      'an unknown severity',
      ['--rule', 'unused-suppression=loud'],
      "Unknown severity 'loud' in --rule unused-suppression=loud; use one of off, hint, info, warning, error.",
    ],
    ['a --rule without a severity', ['--rule', 'unused-suppression'], "Expected --rule <id>=<severity>, got 'unused-suppression'."],
    ['a time budget that is not a number', ['--max-file-time', 'soon'], "Expected --max-file-time <milliseconds>, a whole number, got 'soon'."],
    ['a path that does not exist', ['missing-folder'], 'No such file or folder: missing-folder'],
    [
      '--explain with a machine format',
      ['--explain', '--format', 'json'],
      "--explain prints cards in the text format; json output already carries each finding's explanation facts.",
    ],
  ];
  for (const [what, args, message] of badUsage) {
    it(`exits 2 on ${what}, with one line and a hint`, () => {
      const run = runCli(args, root);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `kitchen-sync: ${message}\nRun kitchen-sync --help for usage.\n`);
    });
  }

  it('exits 2 when the paths hold no TypeScript or JavaScript file', () => {
    const empty = workspace({ 'README.md': '# nothing to lint\n' });
    try {
      const run = runCli(['.'], empty);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, "kitchen-sync: No TypeScript or JavaScript files to analyse in '.'\nRun kitchen-sync --help for usage.\n");
    } finally {
      removeWorkspace(empty);
    }
  });

  it('exits 2 before analysing when the --output folder does not exist', () => {
    const run = runCli(['--output', 'no-such-folder/report.sarif', '--format', 'sarif', '.'], root);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      'kitchen-sync: Cannot write --output no-such-folder/report.sarif: its folder does not exist.\nRun kitchen-sync --help for usage.\n',
    );
  });

  it('exits 2 when --output cannot be written, after saying why', () => {
    const run = runCli(['--output', '.', '.'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^kitchen-sync: Could not write \.: EISDIR/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
