// Problems in the user's files or configuration: each is reported on stderr with the file
// and the reason, and everything else is still analysed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findTsconfig } from '../../src/core';
import { freshWorkspaces, runCli } from './cliHarness';
import { PROFILE_TS } from './sampleWorkspace';

const FINDING_LINE = /^profile\.ts:9:18 {2}warning {2}.* {2}sequential-await$/m;

describe('kitchen-sync problems', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  const fresh = freshWorkspaces();

  it('reports a file with a syntax error and analyses the others; the run is incomplete', () => {
    const root = fresh({ 'broken.ts': 'export const = ;\n', 'profile.ts': PROFILE_TS });
    const run = runCli([], root);
    assert.equal(run.stderr, 'kitchen-sync: broken.ts:1:14: Syntax error, file not analysed: Variable declaration expected.\n');
    assert.match(run.stdout, FINDING_LINE);
    assert.ok(
      run.stdout.endsWith('1 finding (1 warning) in 2 files.\n1 of them can be fixed with --fix.\n1 file could not be analysed; see the messages above.\n'),
      run.stdout,
    );
    assert.equal(run.status, 3, 'incomplete outranks findings');
  });

  it('fails the run on a syntax error alone: CI must not pass code it did not look at', () => {
    const root = fresh({ 'broken.ts': 'export const = ;\n', 'clean.ts': 'export const one = 1;\n' });
    const run = runCli([], root);
    assert.equal(run.stdout, 'No findings in 2 files.\n1 file could not be analysed; see the messages above.\n');
    assert.equal(run.status, 3);
  });

  it('refuses a binary file without crashing', () => {
    const root = fresh({ 'blob.ts': Buffer.from([0x65, 0x78, 0x00, 0xff, 0x00, 0x0a]), 'profile.ts': PROFILE_TS });
    const run = runCli([], root);
    assert.equal(run.stderr, `kitchen-sync: blob.ts: Could not read ${path.join(root, 'blob.ts')}: it looks like a binary file (it contains NUL bytes)\n`);
    assert.match(run.stdout, FINDING_LINE);
    assert.equal(run.status, 3);
  });

  it('has no time budget unless asked for; a file cut short by --max-file-time makes the run incomplete', () => {
    const root = fresh({ 'profile.ts': PROFILE_TS });
    const unlimited = runCli([], root);
    assert.equal(unlimited.stderr, '');
    assert.equal(unlimited.status, 1);
    // A budget of 0 ms is spent by the first rule, which always runs: the others are left out.
    const cut = runCli(['--max-file-time', '0'], root);
    assert.match(
      cut.stderr,
      /^kitchen-sync: profile\.ts:1:1: Analysis of this file stopped after \d+ ms, over its time budget of 0 ms \(fileTimeBudgetMs\); these rules did not run on it: [a-z-]+(, [a-z-]+)*\.\n$/,
    );
    assert.ok(cut.stdout.endsWith('1 file could not be analysed; see the messages above.\n'), cut.stdout);
    assert.equal(cut.status, 3);
  });

  it('analyses a file that is not valid UTF-8, as an editor would show it', () => {
    const root = fresh({ 'profile.ts': Buffer.concat([Buffer.from('// caf\xe9\n', 'latin1'), Buffer.from(PROFILE_TS)]) });
    const run = runCli([], root);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^profile\.ts:10:18 {2}warning {2}.* {2}sequential-await$/m);
  });

  it('analyses loose files with default options when no tsconfig.json is found', () => {
    const root = fresh({ 'profile.ts': PROFILE_TS, 'legacy.js': 'exports.add = (a, b) => a + b;\n' });
    assert.equal(findTsconfig(root), undefined, 'no tsconfig.json above the temp folder');
    const run = runCli([], root);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, FINDING_LINE);
    assert.ok(run.stdout.endsWith('1 finding (1 warning) in 2 files.\n1 of them can be fixed with --fix.\n'), run.stdout);
  });

  it('reports a broken tsconfig.json clearly and still analyses its files', () => {
    const root = fresh({ 'tsconfig.json': '{ "compilerOptions": { "frobnicate": true }, "extends": "./missing.json" }', 'profile.ts': PROFILE_TS });
    const run = runCli([], root);
    assert.equal(
      run.stderr,
      [
        "kitchen-sync: tsconfig.json: Unknown compiler option 'frobnicate'.",
        `kitchen-sync: tsconfig.json: Cannot read file '${path.join(root, 'missing.json')}'.`,
        '',
      ].join('\n'),
    );
    assert.match(run.stdout, FINDING_LINE);
    assert.equal(run.status, 1, 'exit code from the finding; a broken tsconfig.json alone does not fail the run');
  });

  it('does not fail the run on a broken tsconfig.json alone', () => {
    const root = fresh({ 'tsconfig.json': '{ "compilerOptions": { "strict": tru', 'clean.ts': 'export const one = 1;\n' });
    const run = runCli([], root);
    assert.match(run.stderr, /^kitchen-sync: tsconfig\.json: .+\n$/);
    assert.equal(run.stdout, 'No findings in 1 file.\n');
    assert.equal(run.status, 0);
  });
});
