// The extension-host suite's entry point: VS Code (or code-server, through
// scripts/e2e/launch-code-server.mjs) loads this file with `--extensionTestsPath` and
// awaits `run()`; a rejection is a failed run.
//
// With the display language Japanese it runs only the `*.ja.test.js` files (the
// Japanese cards); in a folder opened in Restricted Mode (KITCHEN_SYNC_E2E_RESTRICTED=1)
// only the `*.restricted.test.js` files; otherwise everything else. The same files run
// unchanged on a desktop VS Code started by @vscode/test-electron.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { assertionCount } from '../support/countedAssert';
import { summaryLine, writeSuiteResults } from '../support/suiteResults';
import { warmUp } from './workspaceHelpers';

/** Starting the server and loading the examples' project, on a busy two-core machine. */
const WARM_UP_TIMEOUT_MS = 300_000;

export async function run(): Promise<void> {
  const japanese = vscode.env.language === 'ja';
  const restricted = process.env.KITCHEN_SYNC_E2E_RESTRICTED === '1';
  // KITCHEN_SYNC_E2E_GREP runs only the tests whose titles match, while working on one.
  const grep = process.env.KITCHEN_SYNC_E2E_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 90_000, slow: 5_000, ...(grep ? { grep } : {}) });
  const testFiles = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js') && file.endsWith('.ja.test.js') === japanese && file.endsWith('.restricted.test.js') === restricted)
    .sort();
  for (const file of testFiles) mocha.addFile(path.join(__dirname, file));
  mocha.suite.beforeAll('the server has loaded every project of the workspace', async function () {
    this.timeout(WARM_UP_TIMEOUT_MS);
    await warmUp(WARM_UP_TIMEOUT_MS);
  });

  const started = performance.now();
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
    // The spec reporter lists failures only at the end; a run that then hangs and is killed
    // would never show them, so each failure's message is also printed as it happens.
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (_test, error: Error) => {
      console.error(`      ${(error.message ?? String(error)).split('\n').slice(0, 12).join('\n      ')}`);
    });
  });
  const results = {
    passed: stats.passes,
    failed: stats.failures,
    pending: stats.pending,
    assertions: assertionCount(),
    durationMs: Math.round(performance.now() - started),
  };
  writeSuiteResults(results);
  console.log(summaryLine(`extension host (${vscode.env.language})`, results));
  if (results.failed > 0 || testFiles.length === 0)
    throw new Error(`${results.failed} of ${testFiles.length === 0 ? 0 : results.passed + results.failed} tests failed`);
}
