// The configuration file through the real CLI: found above each file, its ignore globs and
// overrides applied, flags on top, --config and --print-config, and a broken file refused
// with exit code 2 before anything is analysed.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../src/core';
import { removeWorkspace, runCli, STRICT_TSCONFIG, workspace } from './cliHarness';
import { PROFILE_TS } from './sampleWorkspace';

const CONFIG = {
  rules: { 'sequential-await': 'error' },
  ignore: ['generated/**'],
  overrides: [{ files: 'scripts/**', rules: { 'sequential-await': 'off' } }],
};

const findingsOf = (stdout: string): Array<[string, string, string]> =>
  (JSON.parse(stdout) as { findings: Finding[] }).findings.map((f) => [path.basename(path.dirname(f.file)), f.ruleId, f.severity]);

describe('kitchen-sync configuration file', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  before(function () {
    this.timeout(300_000);
    root = workspace({
      'tsconfig.json': STRICT_TSCONFIG,
      'kitchen-sync.config.json': JSON.stringify(CONFIG),
      'ci.json': JSON.stringify({ rules: { 'sequential-await': 'info' } }),
      'src/profile.ts': PROFILE_TS,
      'scripts/profile.ts': PROFILE_TS,
      'generated/profile.ts': PROFILE_TS,
    });
  });
  after(() => removeWorkspace(root));

  it('applies the nearest configuration file: its severities, overrides and ignore globs', () => {
    const run = runCli(['-f', 'json'], root);
    assert.equal(run.stderr, '');
    assert.deepEqual(findingsOf(run.stdout), [['src', 'sequential-await', 'error']]);
    assert.equal((JSON.parse(run.stdout) as { summary: { filesAnalysed: number } }).summary.filesAnalysed, 2, 'generated/ is not analysed');
    assert.equal(run.status, 1);
  });

  it('puts the flags over the configuration file', () => {
    const run = runCli(['-f', 'json', '--rule', 'sequential-await=warning'], root);
    assert.deepEqual(findingsOf(run.stdout), [
      ['scripts', 'sequential-await', 'warning'],
      ['src', 'sequential-await', 'warning'],
    ]);
  });

  it('--config uses one file for every file instead of the nearest', () => {
    const run = runCli(['-f', 'json', '--config', 'ci.json'], root);
    assert.deepEqual(findingsOf(run.stdout), [
      ['generated', 'sequential-await', 'info'],
      ['scripts', 'sequential-await', 'info'],
      ['src', 'sequential-await', 'info'],
    ]);
    assert.equal(run.status, 0, 'info findings never fail the run');
  });

  it('--print-config says what applies to a file and where each setting comes from', () => {
    const run = runCli(['--print-config', 'scripts/profile.ts', '--experimental'], root);
    assert.equal(run.status, 0);
    const printed = JSON.parse(run.stdout) as {
      file: string;
      configFile: string;
      ignored: boolean;
      settings: { rules: Record<string, string>; experimental: boolean };
      sources: Record<string, string>;
    };
    const config = path.join(root, 'kitchen-sync.config.json');
    assert.equal(printed.file, path.join(root, 'scripts/profile.ts'));
    assert.equal(printed.configFile, config);
    assert.equal(printed.ignored, false);
    assert.equal(printed.settings.rules['sequential-await'], 'off');
    assert.equal(printed.settings.rules['lock-order'], 'warning', 'every rule, at the severity it runs at');
    assert.equal(printed.settings.experimental, true);
    assert.deepEqual(printed.sources, { 'rules.sequential-await': `${config} overrides[0]`, experimental: 'command line' });
    assert.equal((JSON.parse(runCli(['--print-config', 'generated/profile.ts'], root).stdout) as { ignored: boolean }).ignored, true);
  });

  it('reads a "kitchenSync" key in package.json', () => {
    const project = workspace({
      'package.json': JSON.stringify({ name: 'app', private: true, kitchenSync: { rules: { 'sequential-await': 'hint' } } }),
      'src/profile.ts': PROFILE_TS,
    });
    try {
      assert.deepEqual(findingsOf(runCli(['-f', 'json'], project).stdout), [['src', 'sequential-await', 'hint']]);
    } finally {
      removeWorkspace(project);
    }
  });

  it('exits 2 on a configuration file that cannot be used as written, naming the file and the key', () => {
    const project = workspace({ 'kitchen-sync.config.json': JSON.stringify({ rules: { 'sequential-awaits': 'off' } }), 'src/profile.ts': PROFILE_TS });
    try {
      const run = runCli([], project);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `kitchen-sync: ${path.join(project, 'kitchen-sync.config.json')}: unknown rule "sequential-awaits" in rules.\n`);
      assert.equal(run.status, 2);
    } finally {
      removeWorkspace(project);
    }
  });

  it('exits 2 when --config names a file that does not exist', () => {
    const run = runCli(['--config', 'missing.json'], root);
    assert.equal(run.stderr, 'kitchen-sync: No such file: missing.json\nRun kitchen-sync --help for usage.\n');
    assert.equal(run.status, 2);
  });
});
