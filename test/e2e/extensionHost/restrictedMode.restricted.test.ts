// Restricted Mode: a folder the user has not trusted. The manifest declares untrusted
// workspaces supported (the analysis reads code and never runs it), so the extension
// activates there and reports what it reports in a trusted folder.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { openAndAnalyse, settledDiagnostics, type DiagnosticSummary } from './workspaceHelpers';

const FILE = 'orders/src/reports.ts';
const EXPECTED: DiagnosticSummary[] = [
  { code: 'sequential-await', range: [13, 18, 13, 53], severity: 'warning' },
  { code: 'await-in-loop', range: [36, 18, 36, 43], severity: 'warning' },
];

describe('Restricted Mode', () => {
  it('analyses a folder the user has not trusted, as it does a trusted one', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder is open in Restricted Mode');
    const { document } = await openAndAnalyse(FILE);
    assert.deepEqual(await settledDiagnostics(document.uri, EXPECTED), EXPECTED);
  });
});
