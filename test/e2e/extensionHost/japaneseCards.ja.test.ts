// With VS Code's display language set to Japanese, the same finding speaks Japanese: the
// diagnostic message, the hover (analogy, the user's names untranslated, the links), the
// whole card's title and the quick fix's title. The runner starts this file only in a Japanese window.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { codeActions, hoverText, kitchenSyncDiagnostics, openAndAnalyse, openCardLink, ruleIdOf, waitFor, webviewTabLabels } from './workspaceHelpers';

describe('Japanese display language', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('runs in a Japanese window', () => {
    assert.equal(vscode.env.language, 'ja');
  });

  it('shows the sequential-await finding, its related location, card and fix in Japanese', async () => {
    const { document } = await openAndAnalyse('orders/src/checkout.ts');
    const diagnostic = await waitFor('the sequential-await finding on line 14', () =>
      kitchenSyncDiagnostics(document.uri).find((candidate) => ruleIdOf(candidate) === 'sequential-await' && candidate.range.start.line === 13),
    );
    assert.equal(
      diagnostic.message,
      '`carts.findById(cartId)` は `customers.findById(customerId)` の結果を使っていないのに、その完了を待っています。Promise.all で並行に始めましょう。',
    );
    assert.deepEqual(
      diagnostic.relatedInformation?.map((related) => related.message),
      ['この await の後ろで待っています'],
    );

    const card = await hoverText(document.uri, diagnostic.range.start.translate(0, 1));
    for (const piece of [
      '> できるコックさんは、レンジが鳴ってからではなく、回っている間にマヨネーズを量ります。',
      '**直し方：** `Promise.all` で同時に始めて、待つのは一度だけにしましょう。',
      '[カード全体を開く](command:kitchenSync.openCard?',
      '[ルールのドキュメント](https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/sequential-await.md)',
    ]) {
      assert.ok(card.includes(piece), `the card says "${piece}":\n${card}`);
    }
    assert.doesNotMatch(card, /A good cook|Open the whole card/, 'no English is left in the card');

    const link = openCardLink(card);
    await vscode.commands.executeCommand(link.command, ...link.args);
    await waitFor('the Kitchen view titled in Japanese', () => (webviewTabLabels().includes('この await は、並行に待てます') ? true : undefined));

    const actions = await codeActions(document.uri, diagnostic.range);
    const titles = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind)).map((action) => action.title);
    assert.equal(titles[0], 'Promise.all で並行に実行する', `the rule's own fix first, in Japanese, among ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('この行の sequential-await を無効にする'), `a Japanese "disable for this line" among ${JSON.stringify(titles)}`);
  });
});
