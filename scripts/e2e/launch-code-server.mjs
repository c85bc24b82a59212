#!/usr/bin/env node
// Speaks the command line that `@vscode/test-electron`'s `runTests` gives a desktop
// VS Code, and runs the tests in code-server's real (Node) extension host instead:
//
//   launch-code-server.mjs [folder] --extensionDevelopmentPath=<dir>... --extensionTestsPath=<file>
//                          [--user-data-dir=<dir>] [--extensions-dir=<dir>] [--locale=<id>]
//
// It starts an isolated code-server with the smoke-test driver enabled (a built
// workbench ignores the test payload without it), opens the workbench in headless
// Chromium with the payload, relays the test run's log and exits with its exit code.
// Any other flag (--no-sandbox, --disable-updates, ...) is accepted and ignored.
// KITCHEN_SYNC_E2E_TIMEOUT_MS bounds the whole run; a hung run prints the server log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeBrowser, launchChromium } from './browser.mjs';
import { createProfile, remoteUri, startCodeServer, workbenchUrl } from './codeServer.mjs';

const valueOptions = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale']);

/** Electron-style arguments: `--name=value`, `--name value` for the options above, bare flags, positional folders. */
export function parseArguments(argv) {
  const parsed = { extensionDevelopmentPath: [], folders: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      parsed.folders.push(path.resolve(arg));
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (!valueOptions.has(name)) continue;
    const value = inlineValue ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === 'extensionDevelopmentPath') parsed.extensionDevelopmentPath.push(path.resolve(value));
    else parsed[name] = name === 'locale' ? value : path.resolve(value);
  }
  return parsed;
}

function log(message) {
  console.log(`[code-server launcher] ${message}`);
}

/**
 * The workbench's own start-up chatter and the harmless failures of an offline
 * machine (no extension gallery, no GitHub sign-in). Everything else, above all the
 * test run's output, is relayed. KITCHEN_SYNC_E2E_VERBOSE=1 relays everything.
 */
const workbenchChatter = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /^Creation of workbench contribution/,
  /ENOTFOUND open-vsx\.org/,
  /authentication provider 'github'/,
];
const verbose = process.env.KITCHEN_SYNC_E2E_VERBOSE === '1';

function relay(type, args) {
  const parts = Array.isArray(args) ? args : [args];
  if (!verbose && workbenchChatter.some((pattern) => pattern.test(String(parts[0])))) return;
  const write = type === 'error' || type === 'warn' ? console.error : console.log;
  write(...parts);
}

function tail(text, lines) {
  const all = text.split('\n');
  return all.length > lines ? `... (${all.length - lines} earlier lines)\n${all.slice(-lines).join('\n')}` : text;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!options.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  const timeoutMs = Number(process.env.KITCHEN_SYNC_E2E_TIMEOUT_MS ?? 360_000);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-code-server-'));
  const profile = createProfile(root, { userDataDir: options['user-data-dir'], extensionsDir: options['extensions-dir'] });
  let server;
  let browser;
  let exitCode = 1;
  const teardown = async () => {
    if (browser) await closeBrowser(browser);
    if (server) await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void teardown().finally(() => process.exit(130));
    });
  }

  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the test run did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  const started = performance.now();
  const runTests = async () => {
    server = await startCodeServer(profile, {
      locale: options.locale,
      vscodeOptions: ['enable-smoke-test-driver'],
      // The Restricted Mode suite opens its folder untrusted.
      workspaceTrust: process.env.KITCHEN_SYNC_E2E_RESTRICTED === '1',
    });
    log(`code-server ${server.origin} ready after ${Math.round(performance.now() - started)} ms`);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    let reportExit;
    let reportCrash;
    const testsExited = new Promise((resolve, reject) => {
      reportExit = resolve;
      reportCrash = reject;
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', relay);
    page.on('crash', () => reportCrash(new Error('the workbench page crashed')));

    const payload = [
      ...options.extensionDevelopmentPath.map((dir) => ['extensionDevelopmentPath', remoteUri(server, dir)]),
      ['extensionTestsPath', remoteUri(server, options.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    // The page keeps loading long after the workbench runs; the tests report through the functions above.
    await page.goto(workbenchUrl(server, { folder: options.folders[0], payload }), { waitUntil: 'domcontentloaded', timeout: 120_000 });
    return testsExited;
  };

  const running = runTests();
  // Whichever loses the race below may still fail later, while the teardown ends it.
  running.catch(() => undefined);
  try {
    exitCode = await Promise.race([running, timedOut]);
    log(`tests exited with code ${exitCode} after ${Math.round(performance.now() - started)} ms`);
    if (exitCode !== 0) console.error(`--- code-server log (tail) ---\n${tail(server.log(), 60)}`);
  } catch (error) {
    console.error(`[code-server launcher] ${error instanceof Error ? error.message : error}`);
    if (server) console.error(`--- code-server log ---\n${tail(server.log(), 400)}`);
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await teardown();
  }
  return exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Exit explicitly: the browser connection may keep handles open after teardown.
  process.exit(await main());
}
