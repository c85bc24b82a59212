// Brings each corpus onto this machine at its pinned commit, outside the repository: the
// sources are never committed here. A corpus is read from a local git repository (a bare
// clone, a checkout, or a folder holding either as `repo`) found under `--repos`, or cloned
// from its public repository when none is there.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Corpus } from './corpus';

export interface Materialized {
  /** The folder holding the corpus's files at its commit. */
  root: string;
  /** Files that the git repository lacks (large binaries in a shallow or partial copy). */
  missing: string[];
}

const DONE_MARKER = '.lintcheck-materialized.json';

export function materialize(corpus: Corpus, reposDir: string | undefined, cacheDir: string): Materialized {
  const root = path.join(cacheDir, 'sources', `${corpus.name}@${corpus.commit.slice(0, 12)}`);
  const marker = path.join(root, DONE_MARKER);
  if (fs.existsSync(marker)) return { root, missing: (JSON.parse(fs.readFileSync(marker, 'utf8')) as { missing: string[] }).missing };

  const gitDir = findGitDir(corpus, reposDir) ?? cloneInto(corpus, path.join(cacheDir, 'git'));
  const missing = missingBlobs(gitDir, corpus.commit);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  // `git archive` stops at the first missing blob, so those are excluded by name.
  const excludes = missing.map((file) => `:(exclude,literal)${file}`);
  const archive = spawnSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', corpus.commit, '--', '.', ...excludes], {
    maxBuffer: 4 * 1024 ** 3,
  });
  if (archive.status !== 0) throw new Error(`${corpus.name}: git archive failed: ${archive.stderr.toString().trim()}`);
  execFileSync('tar', ['-x', '-C', root], { input: archive.stdout, maxBuffer: 1024 ** 2 });
  fs.writeFileSync(marker, JSON.stringify({ repo: corpus.repo, commit: corpus.commit, missing }, null, 2));
  return { root, missing };
}

function findGitDir(corpus: Corpus, reposDir: string | undefined): string | undefined {
  if (reposDir === undefined) return undefined;
  const [owner, name] = corpus.repo.split('/');
  for (const folder of [`${owner}+${name}`, path.join(owner, name), name]) {
    for (const candidate of [path.join(reposDir, folder), path.join(reposDir, folder, 'repo'), path.join(reposDir, folder, '.git')]) {
      if (isGitDir(candidate) && hasCommit(candidate, corpus.commit)) return candidate;
    }
  }
  return undefined;
}

function isGitDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
}

function hasCommit(gitDir: string, commit: string): boolean {
  return spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`]).status === 0;
}

function cloneInto(corpus: Corpus, gitRoot: string): string {
  const gitDir = path.join(gitRoot, corpus.repo.replace('/', '+'));
  if (!isGitDir(gitDir)) {
    fs.mkdirSync(gitRoot, { recursive: true });
    // Blobs come on demand: a corpus analyses a few folders of a large repository.
    const clone = spawnSync('git', ['clone', '--bare', '--filter=blob:none', `https://github.com/${corpus.repo}.git`, gitDir], { stdio: 'inherit' });
    if (clone.status !== 0) {
      throw new Error(
        `${corpus.name}: no local copy of ${corpus.repo} under --repos, and cloning it failed. Clone it (any form) into the --repos folder as ${corpus.repo.replace('/', '+')}.`,
      );
    }
  }
  if (!hasCommit(gitDir, corpus.commit)) spawnSync('git', ['--git-dir', gitDir, 'fetch', 'origin', corpus.commit], { stdio: 'inherit' });
  if (!hasCommit(gitDir, corpus.commit)) throw new Error(`${corpus.name}: commit ${corpus.commit} is not in ${corpus.repo}`);
  return gitDir;
}

/** Paths of the commit's files whose content the repository does not hold. */
function missingBlobs(gitDir: string, commit: string): string[] {
  const tree = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--full-tree', commit], { maxBuffer: 1024 ** 3 }).toString();
  const entries = tree
    .split('\0')
    .filter((line) => line.includes(' blob '))
    .map((line) => {
      const [meta, file] = line.split('\t');
      return { id: meta.split(' ')[2], file };
    });
  const check = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], {
    input: entries.map((e) => e.id).join('\n') + '\n',
    maxBuffer: 1024 ** 3,
  })
    .toString()
    .split('\n');
  return entries.filter((_, i) => check[i]?.endsWith(' missing')).map((e) => e.file);
}

export interface InstallOutcome {
  /** The package manager the lock file calls for, or `none`. */
  manager: string;
  installed: boolean;
  /** Why it failed: the installer's last words. */
  detail: string;
}

const INSTALLED_MARKER = '.lintcheck-installed.json';

/**
 * Installs the corpus's dependencies from its lock file with the package manager it names,
 * lifecycle scripts off (they may download binaries), so types resolve as on a user's
 * machine. A failure is recorded and reported, not fatal: the corpus is then analysed as a
 * half-installed workspace, which users have too.
 */
export function installDependencies(root: string): InstallOutcome {
  const marker = path.join(root, INSTALLED_MARKER);
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as InstallOutcome;
  const commands = installCommands(root);
  let outcome: InstallOutcome = { manager: 'none', installed: false, detail: 'no lock file' };
  for (const command of commands) {
    const run = spawnSync(command.argv[0], command.argv.slice(1), {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...command.env },
      timeout: 30 * 60 * 1000,
      maxBuffer: 256 * 1024 ** 2,
    });
    const lastWords = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.trim().split('\n').slice(-3).join(' / ');
    outcome = {
      manager: command.manager,
      installed: run.status === 0,
      detail: run.status === 0 ? '' : lastWords.slice(0, 400) || String(run.error ?? run.signal),
    };
    if (outcome.installed) break;
  }
  fs.writeFileSync(marker, JSON.stringify(outcome, null, 2));
  return outcome;
}

export interface InstallCommand {
  manager: string;
  argv: string[];
  env?: Record<string, string>;
}

/**
 * The install the lock file calls for; where the declared package manager may not run on
 * this Node.js (pnpm 11 needs Node 22), the newest one that reads the same lock file follows.
 */
export function installCommands(root: string): InstallCommand[] {
  const has = (file: string): boolean => fs.existsSync(path.join(root, file));
  const declared = packageManagerOf(root);
  if (has('package-lock.json') || has('npm-shrinkwrap.json')) {
    return [{ manager: 'npm', argv: ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps'] }];
  }
  if (has('pnpm-lock.yaml')) {
    const versions = [...new Set([declared?.name === 'pnpm' ? declared.version : '10', '10'])];
    // Without this, pnpm 10 hands the install back to the version `packageManager` names.
    const env = { npm_config_manage_package_manager_versions: 'false' };
    return versions.map((version) => ({
      manager: `pnpm@${version}`,
      argv: ['npx', '--yes', `pnpm@${version}`, 'install', '--frozen-lockfile', '--ignore-scripts'],
      env,
    }));
  }
  if (has('yarn.lock') && has('.yarnrc.yml')) {
    // Yarn 2+ is published to the npm registry as @yarnpkg/cli-dist.
    const version = declared?.name === 'yarn' ? declared.version : '4';
    return [
      {
        manager: `yarn@${version}`,
        argv: ['npx', '--yes', `@yarnpkg/cli-dist@${version}`, 'install', '--immutable', '--mode=skip-build'],
        // Yarn 2+ fetches from its own registry host by default; the packages are the npm registry's.
        env: { YARN_IGNORE_PATH: '1', YARN_ENABLE_GLOBAL_CACHE: '1', YARN_ENABLE_TELEMETRY: '0', YARN_NPM_REGISTRY_SERVER: 'https://registry.npmjs.org' },
      },
    ];
  }
  if (has('yarn.lock'))
    return [{ manager: 'yarn@1', argv: ['npx', '--yes', 'yarn@1', 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive'] }];
  return [];
}

function packageManagerOf(root: string): { name: string; version: string } | undefined {
  try {
    const declared = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { packageManager?: string }).packageManager;
    const match = /^(\w+)@(\d[\w.-]*)/.exec(declared ?? '');
    return match ? { name: match[1], version: match[2] } : undefined;
  } catch {
    return undefined;
  }
}
