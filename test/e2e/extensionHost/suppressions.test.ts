// A `kitchen-sync-disable-next-line` comment silences exactly the finding on the next
// line, and one that silences nothing is reported in its place.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { openAndAnalyse, revert, settledDiagnostics, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'orders/src/reports.ts';

async function insertLine(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const inserted = await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), `${text}\n`));
  assert.ok(inserted, 'the editor took the edit');
}

describe('suppression comments', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('silences exactly the finding on the next line', async () => {
    const editor = await openAndAnalyse(FILE);
    try {
      const before: DiagnosticSummary[] = [
        { code: 'sequential-await', range: [13, 18, 13, 53], severity: 'warning' },
        { code: 'await-in-loop', range: [36, 18, 36, 43], severity: 'warning' },
      ];
      assert.deepEqual(await settledDiagnostics(editor.document.uri, before), before);
      // Above `const order = await orders.findById(id);`, in the loop: the sequential-await above stays.
      await insertLine(editor, 36, '    // kitchen-sync-disable-next-line await-in-loop -- the orders API allows one request per client');
      const expected: DiagnosticSummary[] = [{ code: 'sequential-await', range: [13, 18, 13, 53], severity: 'warning' }];
      assert.deepEqual(await settledDiagnostics(editor.document.uri, expected), expected);
    } finally {
      await revert(editor);
    }
  });

  it('reports a directive that silences nothing', async () => {
    const editor = await openAndAnalyse(FILE);
    try {
      // Above `return { day, orderCount, revenue, lowStock };`, where nothing is found.
      await insertLine(editor, 15, '  // kitchen-sync-disable-next-line sequential-await -- nothing to see here');
      const expected: DiagnosticSummary[] = [
        { code: 'sequential-await', range: [13, 18, 13, 53], severity: 'warning' },
        { code: 'unused-suppression', range: [15, 36, 15, 52], severity: 'warning' },
        { code: 'await-in-loop', range: [37, 18, 37, 43], severity: 'warning' },
      ];
      assert.deepEqual(await settledDiagnostics(editor.document.uri, expected), expected);
    } finally {
      await revert(editor);
    }
  });
});
