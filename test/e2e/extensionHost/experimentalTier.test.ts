// The experimental tier in the real editor: race-lost-update is silent until
// kitchenSync.experimental is on, then gives its squiggle, its card and its fix.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { applyCodeAction, codeActions, hoverText, openAndAnalyse, revert, setSetting, settledDiagnostics, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'server/src/sales.ts';
const RACE: DiagnosticSummary = { code: 'race-lost-update', range: [7, 2, 7, 45], severity: 'warning' };

describe('kitchenSync.experimental', () => {
  after(async () => {
    await setSetting('experimental', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a lost update across an await with its card and its fix only once the tier is on', async () => {
    const editor = await openAndAnalyse(FILE);
    const { document } = editor;
    try {
      assert.deepEqual(await settledDiagnostics(document.uri, []), [], 'the default tier has nothing to say here');
      await setSetting('experimental', true);
      assert.deepEqual(await settledDiagnostics(document.uri, [RACE]), [RACE]);

      const card = await hoverText(document.uri, new vscode.Position(7, 6));
      for (const text of ['An update to this value can be lost', 'Two dishes in one frying pan', 'Task 1: recordSale()', 'Task 2: recordSale()', 'one of the two updates is lost']) {
        assert.ok(card.includes(text), `the card says "${text}":\n${card}`);
      }

      const range = new vscode.Range(7, 2, 7, 45);
      const quickFixes = (await codeActions(document.uri, range)).filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
      assert.deepEqual(quickFixes.map((action) => action.title), [
        'Await priceOf(productId) before reading takings.revenue',
        'Disable race-lost-update for this line',
        'Disable race-lost-update for the entire file',
        'Show documentation for race-lost-update',
      ]);
      assert.equal(quickFixes[0].isPreferred, true);
      const expected = document
        .getText()
        .replace('  takings.revenue += await priceOf(productId);\n', '  const priceValue = await priceOf(productId);\n  takings.revenue += priceValue;\n');
      await applyCodeAction(quickFixes[0]);
      assert.equal(document.getText(), expected);
      assert.deepEqual(await settledDiagnostics(document.uri, []), [], 'the fixed code reads and writes with no await between');
    } finally {
      await revert(editor);
      await setSetting('experimental', undefined);
    }
  });
});
