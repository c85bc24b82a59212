// `kitchenSync.rules.<id>` changes what the editor shows without a restart: a stricter
// severity raises the findings, `off` removes them, and removing the setting brings back
// the default. Other rules are not touched.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { openAndAnalyse, setSetting, settledDiagnostics, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'orders/src/reports.ts';

function reportsFindings(sequentialAwait: DiagnosticSummary['severity'] | 'off'): DiagnosticSummary[] {
  const awaitInLoop: DiagnosticSummary = { code: 'await-in-loop', range: [36, 18, 36, 43], severity: 'warning' };
  if (sequentialAwait === 'off') return [awaitInLoop];
  return [{ code: 'sequential-await', range: [13, 18, 13, 53], severity: sequentialAwait }, awaitInLoop];
}

describe('kitchenSync.rules settings', () => {
  after(async () => {
    await setSetting('rules.sequential-await', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const severity of ['error', 'info', 'hint', 'off'] as const) {
    it(`"kitchenSync.rules.sequential-await": "${severity}"`, async () => {
      const { document } = await openAndAnalyse(FILE);
      await setSetting('rules.sequential-await', severity);
      assert.deepEqual(await settledDiagnostics(document.uri, reportsFindings(severity)), reportsFindings(severity));
    });
  }

  it('removing the setting brings back the default severity', async () => {
    const { document } = await openAndAnalyse(FILE);
    await setSetting('rules.sequential-await', undefined);
    assert.deepEqual(await settledDiagnostics(document.uri, reportsFindings('warning')), reportsFindings('warning'));
  });
});
