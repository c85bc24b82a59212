// The text format: exact lines, grouping, the summary, colours, and --explain.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeWorkspace, runCli, workspace } from './cliHarness';
import { SAMPLE_FILES } from './sampleWorkspace';

const UNUSED_LINE =
  "src/directives.ts:2:37   warning  This directive disables 'invalid-suppression', but there is no 'invalid-suppression' finding here to suppress.  unused-suppression";
const INVALID_LINE = "src/directives.ts:11:35  warning  Unknown rule 'no-such-rule' in a kitchen-sync-disable directive.  invalid-suppression";
const SEQUENTIAL_LINE = /^src\/profile\.ts:9:18 {2}warning {2}.*fetchOrders\(id\).* {2}sequential-await$/;

describe('kitchen-sync --format text', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  before(function () {
    this.timeout(300_000);
    root = workspace(SAMPLE_FILES);
  });
  after(() => removeWorkspace(root));

  it('prints one aligned line per finding, grouped by file, then a summary', () => {
    const run = runCli([], root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), [UNUSED_LINE, INVALID_LINE, '']);
    assert.match(lines[3], SEQUENTIAL_LINE);
    assert.deepEqual(lines.slice(4), ['', '3 findings (3 warnings) in 2 files.', '2 of them can be fixed with --fix.', '']);
  });

  it('names files relative to the working folder', () => {
    assert.ok(runCli(['src/directives.ts'], root).stdout.startsWith('src/directives.ts:2:37 '));
    assert.ok(runCli(['.'], path.join(root, 'src')).stdout.startsWith('directives.ts:2:37 '));
    const fromParent = runCli([path.join(path.basename(root), 'src', 'directives.ts')], path.dirname(root));
    assert.ok(fromParent.stdout.startsWith(`${path.basename(root)}/src/directives.ts:2:37 `), fromParent.stdout);
  });

  it('says so when there is nothing to report, and exits 0', () => {
    const clean = workspace({ 'index.ts': 'export const ready = Promise.resolve(1);\n' });
    try {
      assert.deepEqual(runCli([], clean), { status: 0, stdout: 'No findings in 1 file.\n', stderr: '' });
    } finally {
      removeWorkspace(clean);
    }
  });

  it('colours only when asked: FORCE_COLOR beats NO_COLOR, and a pipe gets none by default', () => {
    const forced = runCli(['src/directives.ts'], root, { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.ok(forced.stdout.includes('\x1b[33mwarning\x1b[39m'), forced.stdout);
    assert.ok(forced.stdout.includes('\x1b[2munused-suppression\x1b[22m'));
    const piped = runCli(['src/directives.ts'], root, { NO_COLOR: undefined });
    assert.ok(!piped.stdout.includes('\x1b['), 'no escape codes on a pipe');
    const disabled = runCli(['src/directives.ts'], root, { FORCE_COLOR: '0' });
    assert.ok(!disabled.stdout.includes('\x1b['));
  });

  it('--explain prints the related locations and the card under each finding', () => {
    const run = runCli(['--explain', 'src/profile.ts'], root);
    assert.equal(run.status, 1);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], SEQUENTIAL_LINE);
    assert.match(lines[1], /^ {4}--> src\/profile\.ts:8:16 {2}\S/);
    assert.equal(lines[2], '');
    // The card: a title underlined for the terminal, indented under the finding, no Markdown.
    assert.ok(lines[3].startsWith('    ') && lines[3].trim().length > 0, lines[3]);
    assert.equal(lines[4].trim(), '='.repeat(lines[3].trim().length));
    const card = lines.slice(3, lines.indexOf('1 finding (1 warning) in 1 file.')).join('\n');
    assert.ok(card.includes('fetchUser(id)') && card.includes('fetchOrders(id)'), "the card uses the code's own names");
    assert.ok(card.includes('Promise.all'));
    assert.ok(card.includes('Rule documentation: https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/sequential-await.md'));
    assert.ok(!/\*\*|`/.test(card), 'no Markdown marks in a terminal card');
    assert.ok(
      card.split('\n').every((line) => line === '' || line.startsWith('    ')),
      'every card line is indented',
    );
  });

  it('--output writes the report to a file, without colours, and prints nothing', () => {
    const run = runCli(['--output', 'report.txt', 'src/directives.ts'], root, { FORCE_COLOR: '1' });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const written = fs.readFileSync(path.join(root, 'report.txt'), 'utf8');
    assert.ok(written.startsWith(`${UNUSED_LINE}\n${INVALID_LINE}\n`), written);
  });
});
