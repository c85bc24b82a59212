// --fix: rewrites files to the exact expected text, keeps their newline style and byte
// order mark, type-checks afterwards, and reports what it did and what remains.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import type { Finding } from '../../src/core';
import { freshWorkspaces, runCli } from './cliHarness';
import { DIRECTIVES_TS, PROFILE_FIXED_TS, PROFILE_TS, SAMPLE_FILES } from './sampleWorkspace';

const DIRECTIVES_FIXED_TS = DIRECTIVES_TS.replace('  // kitchen-sync-disable-next-line invalid-suppression -- nothing to hide here\n', '');

describe('kitchen-sync --fix', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  const fresh = freshWorkspaces();

  it('applies every preferred fix, reports the count and what remains', () => {
    const root = fresh(SAMPLE_FILES);
    const run = runCli(['--fix'], root);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        "src/directives.ts:10:35  warning  Unknown rule 'no-such-rule' in a kitchen-sync-disable directive.  invalid-suppression",
        '',
        'Applied 2 fixes in 2 files.',
        '1 finding (1 warning) in 2 files.',
        '',
      ].join('\n'),
    );
    assert.equal(run.status, 1, 'a finding that --fix cannot fix still fails the run');
    assert.equal(fs.readFileSync(path.join(root, 'src/profile.ts'), 'utf8'), PROFILE_FIXED_TS);
    assert.equal(fs.readFileSync(path.join(root, 'src/directives.ts'), 'utf8'), DIRECTIVES_FIXED_TS);
  });

  it('leaves a file that parses and type-checks', () => {
    const root = fresh(SAMPLE_FILES);
    runCli(['--fix'], root);
    const project = new Project({ tsConfigFilePath: path.join(root, 'tsconfig.json') });
    const diagnostics = project.getPreEmitDiagnostics().map((d) => project.formatDiagnosticsWithColorAndContext([d]));
    assert.deepEqual(diagnostics, []);
  });

  it('exits 0 once everything left is fixed, and a second run finds nothing to do', () => {
    const root = fresh({ 'tsconfig.json': SAMPLE_FILES['tsconfig.json'], 'src/profile.ts': PROFILE_TS });
    const first = runCli(['--fix'], root);
    assert.equal(first.status, 0);
    assert.equal(first.stdout, 'Applied 1 fix in 1 file.\nNo findings in 1 file.\n');
    const before = fs.statSync(path.join(root, 'src/profile.ts')).mtimeMs;
    const second = runCli(['--fix'], root);
    assert.deepEqual(second, { status: 0, stdout: 'No findings in 1 file.\n', stderr: '' });
    assert.equal(fs.statSync(path.join(root, 'src/profile.ts')).mtimeMs, before, 'an unchanged file is not rewritten');
  });

  it('keeps CRLF line endings and a byte order mark', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const root = fresh({ 'src/profile.ts': Buffer.concat([bom, Buffer.from(crlf(PROFILE_TS))]) });
    const run = runCli(['--fix', '--format', 'json'], root);
    assert.equal(run.status, 0);
    const bytes = fs.readFileSync(path.join(root, 'src/profile.ts'));
    assert.deepEqual(bytes.subarray(0, 3), bom);
    assert.equal(bytes.subarray(3).toString('utf8'), crlf(PROFILE_FIXED_TS));
    const output = JSON.parse(run.stdout) as { findings: Finding[]; summary: { fixesApplied: number; filesFixed: number } };
    assert.deepEqual(output.findings, []);
    assert.equal(output.summary.fixesApplied, 1);
    assert.equal(output.summary.filesFixed, 1);
  });

  it('does not rewrite a file that is not valid UTF-8, and says why', () => {
    const latin1 = Buffer.concat([Buffer.from(PROFILE_TS), Buffer.from('// caf\xe9\n', 'latin1')]);
    const root = fresh({ 'src/profile.ts': latin1 });
    const run = runCli(['--fix'], root);
    assert.deepEqual(fs.readFileSync(path.join(root, 'src/profile.ts')), latin1);
    assert.equal(run.stderr, `kitchen-sync: src/profile.ts: Did not fix ${path.join(root, 'src/profile.ts')}: it is not valid UTF-8.\n`);
    assert.match(run.stdout, /^src\/profile\.ts:9:18 {2}warning {2}.* {2}sequential-await\n/);
    assert.equal(run.status, 1);
  });
});
