// With VS Code's display language set to Japanese, the same finding speaks Japanese: the
// diagnostic message, the card (analogy, the user's names untranslated, the docs link)
// and the quick fix's title. The runner starts this file only in a Japanese window.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { codeActions, hoverText, kitchenSyncDiagnostics, openAndAnalyse, ruleIdOf, waitFor } from './workspaceHelpers';

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
    assert.deepEqual(diagnostic.relatedInformation?.map((related) => related.message), ['この await の後ろで待っています']);

    const card = await hoverText(document.uri, diagnostic.range.start.translate(0, 1));
    for (const piece of [
      'ジャガイモを電子レンジに入れて、チンと鳴るまで前でじっと見つめて、それからやっとマヨネーズを量るコックさん。',
      '`loadCheckoutPage` の中で、`carts.findById(cartId)` は `customers.findById(customerId)` が終わるまで始まりません。',
      'https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/sequential-await.md',
    ]) {
      assert.ok(card.includes(piece), `the card says "${piece}":\n${card}`);
    }
    assert.doesNotMatch(card, /A cook puts the potatoes/, 'no English analogy is left in the card');

    const actions = await codeActions(document.uri, diagnostic.range);
    const titles = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind)).map((action) => action.title);
    assert.equal(titles[0], 'Promise.all で並行に実行する', `the rule's own fix first, in Japanese, among ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('この行の sequential-await を無効にする'), `a Japanese "disable for this line" among ${JSON.stringify(titles)}`);
  });
});
