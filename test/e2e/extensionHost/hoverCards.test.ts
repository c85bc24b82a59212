// Hovering a finding shows the first layer of its card below the diagnostic's message: the
// analogy in a sentence, the fix in a sentence, and links to the whole card (the Kitchen
// view) and to the rule's documentation.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { hoverText, kitchenSyncDiagnostics, openAndAnalyse, openCardLink, ruleIdOf, waitFor, webviewTabLabels } from './workspaceHelpers';

interface CardCase {
  file: string;
  code: string;
  /** 0-based line of the finding. */
  line: number;
  /** Pieces the hover must contain. */
  says: string[];
}

const DOCS = 'https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/';

const cards: CardCase[] = [
  {
    file: 'orders/src/checkout.ts',
    code: 'sequential-await',
    line: 13,
    says: [
      '### These awaits could run together',
      '> A good cook measures the mayonnaise while the microwave runs, not after it beeps.',
      '**The fix:** Start them together and wait once, with `Promise.all`.',
    ],
  },
  {
    file: 'orders/src/reports.ts',
    code: 'await-in-loop',
    line: 36,
    says: [
      '### Each pass of this loop waits for the one before',
      '**The fix:** Start a few passes at a time: chunks with one `Promise.all` each, or a concurrency limiter.',
    ],
  },
  {
    file: 'server/src/pages.ts',
    code: 'blocking-call',
    line: 7,
    says: [
      '> The one cook stares at the oven door until the bread is done, and every other guest waits.',
      '**The fix:** Use `fs.promises.readFile` with `await`.',
    ],
  },
  {
    file: 'locks/src/accounts.ts',
    code: 'lock-order',
    line: 26,
    says: [
      '> Two cooks grab the same two cutting boards in opposite orders, and each holds what the other needs.',
      '**The fix:** Take the two locks in an order that does not depend on the arguments, such as by id.',
    ],
  },
];

describe('hover cards', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const card of cards) {
    it(`${card.file}: the ${card.code} card on line ${card.line + 1}`, async () => {
      const { document } = await openAndAnalyse(card.file);
      const diagnostic = await waitFor(`the ${card.code} finding on line ${card.line + 1}`, () =>
        kitchenSyncDiagnostics(document.uri).find((candidate) => ruleIdOf(candidate) === card.code && candidate.range.start.line === card.line),
      );
      const text = await hoverText(document.uri, diagnostic.range.start.translate(0, 1));
      for (const piece of card.says) assert.ok(text.includes(piece), `the card says "${piece}":\n${text}`);
      assert.ok(text.includes(`](${DOCS}${card.code}.md)`), `the card links ${DOCS}${card.code}.md:\n${text}`);
    });
  }

  it('opens the whole card in the Kitchen view from the hover, and from the command palette at the cursor', async () => {
    const editor = await openAndAnalyse('orders/src/checkout.ts');
    const diagnostic = await waitFor('the sequential-await finding on line 14', () =>
      kitchenSyncDiagnostics(editor.document.uri).find((candidate) => ruleIdOf(candidate) === 'sequential-await' && candidate.range.start.line === 13),
    );
    const hover = await hoverText(editor.document.uri, diagnostic.range.start.translate(0, 1));
    assert.ok(!hover.includes('Before you change it'), `the caveats wait in the whole card:\n${hover}`);
    const link = openCardLink(hover);
    assert.equal(link.command, 'kitchenSync.openCard');
    assert.deepEqual(link.args, [{ uri: editor.document.uri.toString(), ruleId: 'sequential-await', line: 13, character: diagnostic.range.start.character }]);

    await vscode.commands.executeCommand(link.command, ...link.args);
    await waitFor('the Kitchen view titled by the card', () => (webviewTabLabels().includes('These awaits could run together') ? true : undefined));

    // The palette has no link to follow: the command takes the finding under the cursor, and the one view shows it.
    const loop = await openAndAnalyse('orders/src/reports.ts');
    const inLoop = await waitFor('the await-in-loop finding on line 37', () =>
      kitchenSyncDiagnostics(loop.document.uri).find((candidate) => ruleIdOf(candidate) === 'await-in-loop' && candidate.range.start.line === 36),
    );
    loop.selection = new vscode.Selection(inLoop.range.start, inLoop.range.start);
    await vscode.commands.executeCommand('kitchenSync.openCard');
    await waitFor('the Kitchen view showing the loop card', () =>
      webviewTabLabels().includes('Each pass of this loop waits for the one before') ? true : undefined,
    );
    assert.deepEqual(webviewTabLabels(), ['Each pass of this loop waits for the one before'], 'one Kitchen view, reused');
  });

  it('shows no card away from any finding', async () => {
    const { document } = await openAndAnalyse('orders/src/checkout.ts');
    const text = await hoverText(document.uri, new vscode.Position(0, 2));
    assert.ok(!text.includes(DOCS), `no Kitchen Sync card on the import line:\n${text}`);
  });
});
