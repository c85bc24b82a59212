// Choosing a finding's quick fix changes the document exactly as the fix promises, the
// preferred fix is offered first, and the finding goes away.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { fixCases } from './examples';
import { applyCodeAction, codeActions, kitchenSyncDiagnostics, openAndAnalyse, revert, ruleIdOf, waitFor } from './workspaceHelpers';

describe('quick fixes', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const fix of fixCases) {
    it(`${fix.file}: "${fix.actions[0]}" for ${fix.code} on line ${fix.line + 1}`, async () => {
      const editor = await openAndAnalyse(fix.file);
      const { document } = editor;
      try {
        const original = document.getText();
        let expected = original;
        for (const { before, after } of fix.replacements) {
          assert.equal(expected.split(before).length, 2, `the fix's target occurs once in the file: ${before}`);
          expected = expected.replace(before, after);
        }
        const diagnostic = await waitFor(`the ${fix.code} finding on line ${fix.line + 1}`, () =>
          kitchenSyncDiagnostics(document.uri).find((candidate) => ruleIdOf(candidate) === fix.code && candidate.range.start.line === fix.line),
        );

        const actions = await codeActions(document.uri, diagnostic.range);
        // TypeScript's own refactorings are offered here too; the quick fixes are Kitchen Sync's.
        const quickFixes = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
        assert.deepEqual(
          quickFixes.map((action) => action.title),
          fix.actions,
        );
        assert.equal(quickFixes[0].isPreferred, true, 'the fix is the preferred action');

        await applyCodeAction(quickFixes[0]);
        assert.equal(document.getText(), expected);

        // The server re-analyses the fixed text: the finding is gone, the others moved with the text.
        const findingsNow = () => kitchenSyncDiagnostics(document.uri).map((d) => `${ruleIdOf(d)}@${d.range.start.line + 1}`);
        const wanted = JSON.stringify(fix.findingsAfter);
        await waitFor(`the findings ${wanted} after the fix`, () => (JSON.stringify(findingsNow()) === wanted ? true : undefined)).catch(() => undefined);
        assert.deepEqual(findingsNow(), fix.findingsAfter);
      } finally {
        await revert(editor);
      }
    });
  }
});
