#!/usr/bin/env node
// `npm run test:e2e`: the extension tested where users meet it.
//   1. installs what is missing (setup.mjs: Chromium, Node 24, code-server), cached in .e2e-cache/;
//   2. packages kitchen-sync.vsix and installs it into a fresh, isolated profile;
//   3. runs the extension-host suite through @vscode/test-electron's runTests, pointed at
//      launch-code-server.mjs, once in English, once with the display language Japanese, and
//      once in a folder opened in Restricted Mode (workspace trust on, the folder not trusted);
//   4. runs the UI suite (playwright-core, headless Chromium) against the installed extension,
//      saving its screenshots under out/e2e/run/screenshots (or --screenshots <folder>).
// Prints the time of each step and closes with one "N passed, N failed" line.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { createProfile, installExtension, killProcessGroup } from './codeServer.mjs';
import { addLanguagePack } from './languagePack.mjs';
import { outDir, projectRoot, vsixPath } from './paths.mjs';

const launcher = path.join(path.dirname(fileURLToPath(import.meta.url)), 'launch-code-server.mjs');
const runDir = path.join(outDir, 'run');
const resultsDir = path.join(runDir, 'results');
const extensionHostOut = path.join(outDir, 'extensionHost');
/**
 * Where the UI suite saves its screenshots: beside the run's other output, so a test run
 * never rewrites tracked files; `npm run screenshots` (`--screenshots media`) refreshes
 * the README's pictures.
 */
const screenshotsDir = screenshotsArgument() ?? path.join(runDir, 'screenshots');

function screenshotsArgument() {
  const index = process.argv.indexOf('--screenshots');
  if (index < 0) return undefined;
  const dir = process.argv[index + 1];
  if (!dir) throw new Error('--screenshots needs a folder');
  return path.resolve(projectRoot, dir);
}
/**
 * Bounds for a hung run, generous for a busy two-core machine. A healthy run takes a
 * fraction of them (see the summary's times).
 */
const extensionHostTimeoutMs = { en: 480_000, ja: 240_000, restricted: 240_000 };
const uiTimeoutMs = 420_000;

const steps = [];

async function step(name, action) {
  console.log(`\n[e2e] ── ${name}`);
  const started = performance.now();
  try {
    return await action();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    steps.push({ name, seconds });
    console.log(`[e2e] ${name}: ${seconds.toFixed(1)} s`);
  }
}

/** Process groups of running commands: Ctrl+C reaches only this process's group, so it passes the signal on. */
const runningGroups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`[e2e] ${signal}: stopping`);
    void Promise.all([...runningGroups].map((pid) => killProcessGroup(pid))).finally(() => {
      fs.rmSync(workspacesDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

/** Runs a command in its own process group; the whole group ends when it does, or when `timeoutMs` passes. */
function runCommand(command, args, { env = process.env, timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit', detached: true });
    runningGroups.add(child.pid);
    let timedOut = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          console.error(`[e2e] ${command} ${args.join(' ')} did not finish within ${timeoutMs} ms`);
          void killProcessGroup(child.pid);
        }, timeoutMs)
      : undefined;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Whatever the command left behind in its group goes with it.
      void killProcessGroup(child.pid, 0).then(() => {
        runningGroups.delete(child.pid);
        resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
      });
    });
  });
}

/**
 * The suites' copies of examples/, outside this repository: for a file that no example
 * project claims, the server looks for a tsconfig.json in the parent folders, and the
 * outcome must not depend on where the repository was cloned.
 */
const workspacesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-e2e-'));

function copyWorkspace(name) {
  const workspace = path.join(workspacesDir, name);
  fs.cpSync(path.join(projectRoot, 'examples'), workspace, { recursive: true });
  return workspace;
}

/** The extension's output channel, as VS Code logged it: what the client and server said about their lives. */
function printExtensionLog(userDataDir) {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return;
  for (const file of fs.readdirSync(logsDir, { recursive: true })) {
    if (path.basename(file) !== 'Kitchen Sync.log') continue;
    const lines = fs.readFileSync(path.join(logsDir, file), 'utf8').trimEnd().split('\n');
    console.error(`--- ${file} (last ${Math.min(lines.length, 80)} of ${lines.length} lines) ---\n${lines.slice(-80).join('\n')}`);
  }
}

/** Compiles the extension-host suite file by file (no bundle), as tsc would, so mocha can load each test file. */
async function compileExtensionHostSuite() {
  for (const folder of ['extensionHost', 'support']) fs.rmSync(path.join(outDir, folder), { recursive: true, force: true });
  const sourceRoot = path.join(projectRoot, 'test', 'e2e');
  const entryPoints = fs
    .readdirSync(sourceRoot, { recursive: true })
    .filter((file) => file.endsWith('.ts') && (file.startsWith(`extensionHost${path.sep}`) || file.startsWith(`support${path.sep}`)))
    .map((file) => path.join(sourceRoot, file));
  await esbuild.build({
    entryPoints,
    outbase: sourceRoot,
    outdir: outDir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/**
 * Workspace trust on, and no prompt at startup: the folder opens in Restricted Mode, as one
 * the user has not trusted does. (The profile's own settings win over the quiet defaults.)
 */
function restrictMode(userDataDir) {
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }, null, 2));
}

async function runExtensionHostSuite({ name, extensionDir, locale, restricted = false }) {
  const profileRoot = path.join(runDir, name);
  const userDataDir = path.join(profileRoot, 'user-data');
  fs.mkdirSync(userDataDir, { recursive: true });
  if (locale === 'ja') addLanguagePack(userDataDir, { languageId: 'ja', languageName: 'Japanese', localizedLanguageName: '日本語' });
  if (restricted) restrictMode(userDataDir);
  const workspace = copyWorkspace(name);
  try {
    await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: path.join(extensionHostOut, 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(profileRoot, 'extensions')}`, `--locale=${locale}`],
      extensionTestsEnv: {
        KITCHEN_SYNC_E2E_RESULTS: path.join(resultsDir, `${name}.json`),
        KITCHEN_SYNC_E2E_TIMEOUT_MS: String(extensionHostTimeoutMs[restricted ? 'restricted' : locale]),
        ...(restricted ? { KITCHEN_SYNC_E2E_RESTRICTED: '1' } : {}),
        // The CLI is not in the .vsix; the suite compares the editor with the one just built.
        KITCHEN_SYNC_CLI: path.join(projectRoot, 'dist', 'cli.js'),
      },
    });
  } catch (error) {
    console.error(`[e2e] ${name}: ${error instanceof Error ? error.message : error}`);
  }
  const results = readResults(name);
  if (results.missing || results.failed > 0) printExtensionLog(userDataDir);
}

async function runUiSuite({ extensionsDir }) {
  const workspace = copyWorkspace('ui');
  return runCommand(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', path.join(projectRoot, 'test', 'e2e', 'ui', '.mocharc.json')],
    {
      env: {
        ...process.env,
        KITCHEN_SYNC_E2E_EXTENSIONS_DIR: extensionsDir,
        KITCHEN_SYNC_E2E_WORKSPACE: workspace,
        KITCHEN_SYNC_E2E_PROFILE: path.join(runDir, 'ui'),
        KITCHEN_SYNC_E2E_RESULTS: path.join(resultsDir, 'ui.json'),
        KITCHEN_SYNC_E2E_SCREENSHOTS: screenshotsDir,
      },
      timeoutMs: uiTimeoutMs,
    },
  );
}

function readResults(name) {
  const file = path.join(resultsDir, `${name}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { passed: 0, failed: 1, pending: 0, assertions: 0, missing: true };
}

async function main() {
  const started = performance.now();
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });

  const setupCode = await step('setup', () => runCommand(process.execPath, [path.join(projectRoot, 'scripts', 'e2e', 'setup.mjs')]));
  if (setupCode !== 0) throw new Error(`setup failed with exit code ${setupCode}`);
  const packageCode = await step('package', () => runCommand('npm', ['run', 'package', '--silent']));
  if (packageCode !== 0) throw new Error(`npm run package failed with exit code ${packageCode}`);

  const extensionsDir = path.join(runDir, 'installed', 'extensions');
  const extensionDir = await step('install vsix', () => installExtension(createProfile(path.join(runDir, 'installed'), { extensionsDir }), vsixPath));
  await step('compile extension-host suite', compileExtensionHostSuite);

  await step('extension-host suite (en)', () => runExtensionHostSuite({ name: 'extension-host-en', extensionDir, locale: 'en' }));
  await step('extension-host suite (ja)', () => runExtensionHostSuite({ name: 'extension-host-ja', extensionDir, locale: 'ja' }));
  await step('extension-host suite (Restricted Mode)', () =>
    runExtensionHostSuite({ name: 'extension-host-restricted', extensionDir, locale: 'en', restricted: true }),
  );
  await step('UI suite', () => runUiSuite({ extensionsDir }));

  const suites = ['extension-host-en', 'extension-host-ja', 'extension-host-restricted', 'ui'].map((name) => ({ name, ...readResults(name) }));
  console.log('\n[e2e] summary');
  for (const { name, seconds } of steps) console.log(`  ${name.padEnd(32)} ${seconds.toFixed(1).padStart(7)} s`);
  for (const suite of suites) {
    const note = suite.missing ? ' (no results: the suite did not finish)' : '';
    console.log(`  ${suite.name.padEnd(32)} ${suite.passed} passed, ${suite.failed} failed, ${suite.pending} skipped, ${suite.assertions} assertions${note}`);
  }
  console.log(`  ${'total'.padEnd(32)} ${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s`);
  const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
  const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
} finally {
  fs.rmSync(workspacesDir, { recursive: true, force: true });
}
