// The editor and the CLI give the same findings for the same code: the CLI's JSON report
// for the examples workspace matches what the editor shows, file by file, message by message.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { expectedFindings } from './examples';
import { kitchenSyncDiagnostics, openAndAnalyse, ruleIdOf, settledDiagnostics, workspaceRoot, workspaceUri } from './workspaceHelpers';

interface CliFinding {
  ruleId: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  message: string;
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

describe('the editor and the CLI agree', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('on every finding of the examples', async function () {
    this.timeout(300_000);
    const cli = process.env.KITCHEN_SYNC_CLI;
    if (!cli) this.skip();
    // The extension host's own runtime runs the CLI: Node under code-server, Electron as Node on the desktop.
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--format', 'json', workspaceRoot().fsPath], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' })); // exit code 1 means "findings", not failure
    const report = JSON.parse(stdout) as { findings: CliFinding[] };
    const line = (file: string, ruleId: string, range: CliFinding['range'], severity: string, message: string) =>
      `${file}:${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${ruleId} ${message}`;

    const fromCli = report.findings
      .map((finding) =>
        line(path.relative(workspaceRoot().fsPath, finding.file).split(path.sep).join('/'), finding.ruleId, finding.range, finding.severity, finding.message),
      )
      .sort();
    const fromEditor: string[] = [];
    for (const [file, expected] of Object.entries(expectedFindings)) {
      await openAndAnalyse(file);
      await settledDiagnostics(
        workspaceUri(file),
        expected.map(({ code, range, severity }) => ({ code, range, severity })),
      );
      for (const diagnostic of kitchenSyncDiagnostics(workspaceUri(file))) {
        const { start, end } = diagnostic.range;
        fromEditor.push(line(file, ruleIdOf(diagnostic), { start, end }, SEVERITIES[diagnostic.severity], diagnostic.message));
      }
    }
    assert.ok(fromCli.length > 0, 'the CLI found something in the examples');
    assert.deepEqual(fromEditor.sort(), fromCli);
  });
});
