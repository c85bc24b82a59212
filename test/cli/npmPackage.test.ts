// The command-line tool as npm users get it: the package packed, installed from the
// tarball into a project of its own, and run with `npx kitchen-sync`, far from this
// repository and its node_modules.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildCliOnce, pinnedEnv, REPO_ROOT, removeWorkspace, workspace } from './cliHarness';
import { PROFILE_TS } from './sampleWorkspace';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

describe('the npm package', function () {
  // Packing a 15 MB bundle and installing it: seconds on a busy machine.
  this.timeout(300_000);
  let project: string;
  let files: string[];
  before(function () {
    this.timeout(300_000);
    buildCliOnce();
    project = workspace({ 'package.json': JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }), 'src/profile.ts': PROFILE_TS });
    // The bundle was just built; --ignore-scripts skips the `prepack` build.
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', REPO_ROOT, '--ignore-scripts', '--json', '--pack-destination', project], { cwd: project, encoding: 'utf8' }),
    ) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = packed[0].files.map((f) => f.path).sort();
    // Nothing to fetch: the bundle carries the analyzer and the compiler, so the install works offline.
    execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', path.join(project, packed[0].filename)], { cwd: project, stdio: 'pipe' });
  });
  after(() => removeWorkspace(project));

  it('holds only the self-contained command-line bundle', () => {
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'package.json']);
  });

  it('runs as `npx kitchen-sync` and reports as the repository build does', () => {
    const run = spawnSync(NPX, ['--no-install', 'kitchen-sync', 'src'], { cwd: project, env: pinnedEnv(), encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^src\/profile\.ts:9:18 {2}warning {2}.* {2}sequential-await$/m);
    assert.equal(run.status, 1);
  });
});
