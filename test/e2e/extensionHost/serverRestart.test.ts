// After the language server dies, the extension starts a new one and the user loses
// nothing: the edit made while no server ran, still unsaved, is what the new server
// analyses. Only a server that received the unsaved text can publish these diagnostics.
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { openAndAnalyse, revert, settledDiagnostics, waitFor, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'orders/src/reports.ts';

/** The language server: the extension host's child process running the bundled server. */
function serverProcess(): number | undefined {
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  const line = children.split('\n').find((entry) => /[\\/]dist[\\/]server\.js\b/.test(entry));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

/** Blocks the extension host's event loop, so that what happens meanwhile is handled in one go afterwards. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

/**
 * Waits for the server that replaces `crashed`. Without one, the test fails, and the
 * server is started by hand so that the rest of the suite does not fail with it.
 */
async function restartedServer(crashed: number): Promise<number> {
  try {
    return await waitFor(
      'a new language server',
      () => {
        const pid = serverProcess();
        return pid !== undefined && pid !== crashed ? pid : undefined;
      },
      60_000,
    );
  } catch (error) {
    await vscode.commands.executeCommand('kitchenSync.restartServer');
    throw error;
  }
}

describe('language server crash', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('restarts the server, which analyses the unsaved text', async () => {
    const editor = await openAndAnalyse(FILE);
    try {
      const crashed = serverProcess();
      assert.ok(crashed !== undefined, 'the language server runs as a child of the extension host');
      process.kill(crashed, 'SIGKILL');
      // Above `const revenue = await payments.totalCapturedOn(day);`: unsaved, and typed while no server runs.
      const inserted = await editor.edit((edit) =>
        edit.insert(new vscode.Position(13, 0), '  // kitchen-sync-disable-next-line sequential-await -- one request per client\n'),
      );
      assert.ok(inserted, 'the editor took the edit');
      const restarted = await restartedServer(crashed);
      assert.notEqual(restarted, crashed);
      assert.equal(editor.document.isDirty, true);
      // The directive silences the group's one finding.
      const expected: DiagnosticSummary[] = [{ code: 'await-in-loop', range: [37, 18, 37, 43], severity: 'warning' }];
      assert.deepEqual(await settledDiagnostics(editor.document.uri, expected, 90_000), expected);
    } finally {
      await revert(editor);
    }
  });

  // The editor does not stop sending when the server dies: requests that reach the client
  // around that moment fail, and the close event must still bring a new server. With the
  // event loop held, the hover requests and the death are handled in the same turns.
  it('restarts the server that died while the editor was sending it requests', async () => {
    const editor = await openAndAnalyse(FILE);
    const crashed = serverProcess();
    assert.ok(crashed !== undefined, 'the language server runs as a child of the extension host');
    const hovers = Array.from({ length: 20 }, (_, line) =>
      vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 2)),
    );
    process.kill(crashed, 'SIGKILL');
    blockEventLoop(500);
    await Promise.allSettled(hovers);
    const restarted = await restartedServer(crashed);
    assert.notEqual(restarted, crashed);
    // The client clears the old server's diagnostics before it starts the new one, so these come from the new one.
    const expected: DiagnosticSummary[] = [
      { code: 'sequential-await', range: [13, 18, 13, 53], severity: 'warning' },
      { code: 'await-in-loop', range: [36, 18, 36, 43], severity: 'warning' },
    ];
    assert.deepEqual(await settledDiagnostics(editor.document.uri, expected, 90_000), expected);
  });
});
