// `--explain` on a terminal: the cards' prose wraps to the terminal's width, in English and
// Japanese; pictures and code keep their lines; piped output and --output files are not wrapped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/runCli';
import { displayWidth } from '../../src/explain';
import { removeWorkspace, workspace } from './cliHarness';
import { SAMPLE_FILES } from './sampleWorkspace';

const ANALOGY_START = 'A cook puts the potatoes in the microwave';

describe('kitchen-sync --explain, card width', function () {
  // The analysis loads the TypeScript compiler in this process: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  before(() => (root = workspace(SAMPLE_FILES)));
  after(() => removeWorkspace(root));

  function explain(stdout: { isTTY?: boolean; columns?: number }, locale = 'en', extra: string[] = []): string {
    let out = '';
    runCli(['--explain', '--locale', locale, ...extra, 'src/profile.ts'], {
      cwd: root,
      env: { NO_COLOR: '1' },
      stdout: { ...stdout, write: (text: string) => (out += text) },
      stderr: { write: () => true },
    });
    return out;
  }

  /** The lines of the card, from its title to its documentation link, without the finding's own line. */
  function cardLines(out: string): string[] {
    const lines = out.split('\n');
    return lines.slice(
      lines.findIndex((line) => line.startsWith('    These awaits') || line.startsWith('    この await')),
      lines.findIndex((line) => line.includes('Rule documentation') || line.includes('ルールのドキュメント')),
    );
  }

  it('wraps the prose to a 72-column terminal, keeping the indent, and leaves the timeline whole', () => {
    const lines = cardLines(explain({ isTTY: true, columns: 72 }));
    assert.ok(lines.length > 10, lines.join('\n'));
    for (const line of lines) {
      assert.ok(displayWidth(line) <= 72, `${displayWidth(line)} columns: ${line}`);
      assert.ok(line === '' || line.startsWith('    '), `indented: ${line}`);
    }
    const analogy = lines.findIndex((line) => line.startsWith(`    ${ANALOGY_START}`));
    assert.ok(analogy > 0 && lines[analogy + 1].startsWith('    ') && lines[analogy + 1].trim() !== '', 'the analogy runs onto a second line');
    assert.ok(
      lines.some((line) => /^ {10}fetchUser\(id\) +█+$/.test(line)),
      'the timeline keeps its lanes',
    );
  });

  it('wraps Japanese by display width', () => {
    const lines = cardLines(explain({ isTTY: true, columns: 60 }, 'ja'));
    assert.ok(lines.length > 10);
    for (const line of lines) assert.ok(displayWidth(line) <= 62, `${displayWidth(line)} columns: ${line}`);
  });

  it('does not wrap when the output is piped, nor into an --output file', () => {
    const piped = cardLines(explain({ isTTY: false, columns: 72 }));
    assert.ok(
      piped.some((line) => line.startsWith(`    ${ANALOGY_START}`) && displayWidth(line) > 72),
      'the analogy is one line',
    );
    const file = path.join(root, 'report.txt');
    explain({ isTTY: true, columns: 72 }, 'en', ['--output', 'report.txt']);
    assert.ok(cardLines(fs.readFileSync(file, 'utf8')).some((line) => line.startsWith(`    ${ANALOGY_START}`) && displayWidth(line) > 72));
  });
});
