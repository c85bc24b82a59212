// The races in the real editor. A lost update (`+=` across an await) is in the default tier:
// its squiggle, its card and its fix. A lazily fetched value of plain data is a check-then-act
// only the experimental tier reports: silent until kitchenSync.experimental is on.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { applyCodeAction, codeActions, hoverText, openAndAnalyse, revert, setSetting, settledDiagnostics, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'server/src/sales.ts';
const RACE: DiagnosticSummary = { code: 'race-lost-update', range: [7, 2, 7, 45], severity: 'warning' };
const CHECK_THEN_ACT: DiagnosticSummary = { code: 'race-check-then-act', range: [22, 17, 22, 49], severity: 'warning' };

function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return codeActions(uri, range).then((actions) => actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind)));
}

describe('races', () => {
  after(async () => {
    await setSetting('experimental', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a lost update across an await with its card and its fix', async () => {
    const editor = await openAndAnalyse(FILE);
    const { document } = editor;
    try {
      assert.deepEqual(await settledDiagnostics(document.uri, [RACE]), [RACE]);

      const card = await hoverText(document.uri, new vscode.Position(7, 6));
      for (const text of [
        'An update to this value can be lost',
        'Two dishes in one frying pan',
        '**The fix:** Read and write `takings.revenue` with no await in between',
      ]) {
        assert.ok(card.includes(text), `the card says "${text}":\n${card}`);
      }

      const quickFixes = await quickFixesAt(document.uri, new vscode.Range(7, 2, 7, 45));
      assert.deepEqual(
        quickFixes.map((action) => action.title),
        [
          'Await priceOf(productId) before reading takings.revenue',
          'Disable race-lost-update for this line',
          'Disable race-lost-update for the entire file',
          'Show documentation for race-lost-update',
        ],
      );
      assert.equal(quickFixes[0].isPreferred, true);
      const expected = document
        .getText()
        .replace('  takings.revenue += await priceOf(productId);\n', '  const priceValue = await priceOf(productId);\n  takings.revenue += priceValue;\n');
      await applyCodeAction(quickFixes[0]);
      assert.equal(document.getText(), expected);
      assert.deepEqual(await settledDiagnostics(document.uri, []), [], 'the fixed code reads and writes with no await between');
    } finally {
      await revert(editor);
    }
  });

  it('adds the check-then-act on plain data, with its card and its fix, only once kitchenSync.experimental is on', async () => {
    const editor = await openAndAnalyse(FILE);
    const { document } = editor;
    try {
      assert.deepEqual(await settledDiagnostics(document.uri, [RACE]), [RACE], 'the default tier reports only the lost update');
      await setSetting('experimental', true);
      assert.deepEqual(await settledDiagnostics(document.uri, [RACE, CHECK_THEN_ACT]), [RACE, CHECK_THEN_ACT]);

      const card = await hoverText(document.uri, new vscode.Position(22, 20));
      for (const text of ['Two calls can both pass this test', '**The fix:** Store the promise before anything waits']) {
        assert.ok(card.includes(text), `the card says "${text}":\n${card}`);
      }

      const quickFixes = await quickFixesAt(document.uri, new vscode.Range(22, 17, 22, 49));
      assert.deepEqual(
        quickFixes.map((action) => action.title),
        [
          'Store the promise of fetchTaxRates() in taxRates, so concurrent calls share it',
          'Disable race-check-then-act for this line',
          'Disable race-check-then-act for the entire file',
          'Show documentation for race-check-then-act',
        ],
      );
      const expected = document
        .getText()
        .replace('let taxRates: TaxRates | undefined;', 'let taxRates: Promise<TaxRates> | undefined;')
        .replace(
          '  if (!taxRates) taxRates = await fetchTaxRates();',
          '  if (!taxRates) taxRates = fetchTaxRates().catch((error: unknown) => { taxRates = undefined; throw error; });',
        );
      await applyCodeAction(quickFixes[0]);
      assert.equal(document.getText(), expected);
      assert.deepEqual(await settledDiagnostics(document.uri, [RACE]), [RACE], 'the fetch is shared: only the lost update is left');
    } finally {
      await revert(editor);
      await setSetting('experimental', undefined);
    }
  });
});
