// Opening each file of the examples shows exactly the findings a user should see: rule
// ids, ranges, severities, the text they underline, the "waits behind" locations, and a
// link from each rule id to its documentation.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { expectedFindings } from './examples';
import { kitchenSyncDiagnostics, openAndAnalyse, settledDiagnostics, workspaceUri, type DiagnosticSummary } from './workspaceHelpers';

const DOCS = 'https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/';

describe('diagnostics of the examples', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const [file, expected] of Object.entries(expectedFindings)) {
    it(`${file}: ${expected.length === 0 ? 'nothing' : expected.map((finding) => `${finding.code}@${finding.range[0] + 1}`).join(', ')}`, async () => {
      const { document } = await openAndAnalyse(file);
      const summaries = expected.map(({ code, range, severity }): DiagnosticSummary => ({ code, range, severity }));
      assert.deepEqual(await settledDiagnostics(workspaceUri(file), summaries), summaries);

      const diagnostics = kitchenSyncDiagnostics(document.uri);
      assert.deepEqual(
        diagnostics.map((diagnostic) => document.getText(diagnostic.range)),
        expected.map((finding) => finding.text),
      );
      assert.deepEqual(
        diagnostics.map((diagnostic) =>
          (diagnostic.relatedInformation ?? []).map((related) => `${related.location.uri.path.split('/').pop()}:${related.location.range.start.line + 1}`),
        ),
        expected.map((finding) => finding.related),
      );
      for (const diagnostic of diagnostics) {
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.toString(true), `${DOCS}${code.value}.md`);
      }
    });
  }
});
