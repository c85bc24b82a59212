// Hovering a finding shows its card: the kitchen analogy, what this code does in the
// user's own names, and the link to the rule's documentation.
import * as vscode from 'vscode';
import * as assert from '../support/countedAssert';
import { hoverText, kitchenSyncDiagnostics, openAndAnalyse, ruleIdOf, waitFor } from './workspaceHelpers';

interface CardCase {
  file: string;
  code: string;
  /** 0-based line of the finding. */
  line: number;
  /** Pieces the card must contain, analogy and names first. */
  says: string[];
}

const DOCS = 'https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/';

const cards: CardCase[] = [
  {
    file: 'orders/src/checkout.ts',
    code: 'sequential-await',
    line: 13,
    says: [
      'A cook puts the potatoes in the microwave and stands staring at it until it beeps, and only then measures the mayonnaise.',
      'In `loadCheckoutPage`, `carts.findById(cartId)` does not start until `customers.findById(customerId)` has finished, yet it uses nothing that `customers.findById(customerId)` produces.',
      '`Promise.all` starts every call at once, so a later call runs even when an earlier one fails.',
    ],
  },
  {
    file: 'orders/src/reports.ts',
    code: 'await-in-loop',
    line: 36,
    says: ['`orders.findById(id)`', '`orderIds`'],
  },
  {
    file: 'server/src/pages.ts',
    code: 'blocking-call',
    line: 7,
    says: [
      'JavaScript runs on one cook. This cook stands staring at the oven door until the bread is done, instead of taking the next order.',
      // Code that contains a backtick is fenced with two.
      "In `renderHelpPage()`, ``readFileSync(`views/help/${topic}.html`, 'utf8')`` runs on the event loop.",
    ],
  },
  {
    file: 'locks/src/accounts.ts',
    code: 'lock-order',
    line: 26,
    says: [
      'Two cooks each need the same two cutting boards. One grabs board A and reaches for board B; the other grabs board B and reaches for board A.',
      'Task 1: transfer(A, B)',
      'const [first, second] = from.id <= to.id ? [from, to] : [to, from];',
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

  it('shows no card away from any finding', async () => {
    const { document } = await openAndAnalyse('orders/src/checkout.ts');
    const text = await hoverText(document.uri, new vscode.Position(0, 2));
    assert.ok(!text.includes(DOCS), `no Kitchen Sync card on the import line:\n${text}`);
  });
});
