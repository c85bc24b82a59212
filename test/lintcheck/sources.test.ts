import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCorpora } from '../../lintcheck/corpus';
import { installCommands } from '../../lintcheck/sources';

function folderWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  return root;
}

describe('lintcheck corpus sources', () => {
  it('installs with the package manager the lock file calls for, scripts off', () => {
    const npm = installCommands(folderWith({ 'package.json': '{}', 'package-lock.json': '{}' }));
    assert.deepEqual(
      npm.map((c) => [c.manager, c.argv.join(' ')]),
      [['npm', 'npm ci --ignore-scripts --no-audit --no-fund --legacy-peer-deps']],
    );

    const pnpm = installCommands(folderWith({ 'package.json': '{"packageManager":"pnpm@11.2.0"}', 'pnpm-lock.yaml': '' }));
    assert.deepEqual(
      pnpm.map((c) => c.manager),
      ['pnpm@11.2.0', 'pnpm@10'],
    );
    assert.ok(pnpm.every((c) => c.argv.includes('--frozen-lockfile') && c.argv.includes('--ignore-scripts')));

    const berry = installCommands(folderWith({ 'package.json': '{"packageManager":"yarn@3.8.3"}', 'yarn.lock': '', '.yarnrc.yml': '' }));
    assert.deepEqual(
      berry.map((c) => [c.manager, c.argv.slice(2).join(' '), c.env?.YARN_NPM_REGISTRY_SERVER]),
      [['yarn@3.8.3', '@yarnpkg/cli-dist@3.8.3 install --immutable --mode=skip-build', 'https://registry.npmjs.org']],
    );

    const classic = installCommands(folderWith({ 'package.json': '{}', 'yarn.lock': '' }));
    assert.deepEqual(
      classic.map((c) => c.manager),
      ['yarn@1'],
    );

    assert.deepEqual(installCommands(folderWith({ 'package.json': '{ broken' })), []);
  });

  it('reads the pinned corpus: full commit ids and folders for every entry', () => {
    const corpora = readCorpora();
    assert.ok(corpora.length >= 10);
    assert.ok(corpora.every((c) => /^[0-9a-f]{40}$/.test(c.commit) && c.analyse.length > 0));
    const file = path.join(folderWith({}), 'corpus.json');
    fs.writeFileSync(file, JSON.stringify({ corpora: [{ name: 'app', repo: 'o/app', commit: 'main', kind: 'server', analyse: ['src'] }] }));
    assert.throws(() => readCorpora(file), /app: commit must be a full 40-hex commit id, not 'main'/);
  });
});
