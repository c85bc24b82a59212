import * as assert from 'node:assert/strict';
import { docsUrl } from '../../src/core';
import { renderCardText } from '../../src/explain';
import { barColumns, fetchEveryUser, findingWith, loadDashboard } from './findings';

describe('plain-text cards (kitchen-sync --explain)', () => {
  for (const locale of ['en', 'ja'] as const) {
    for (const finding of [loadDashboard, fetchEveryUser]) {
      it(`carry no Markdown syntax: ${finding.ruleId} in ${locale}`, () => {
        const text = renderCardText(finding, locale);
        assert.deepEqual(text.match(/`|\*\*|^#|^>|\]\(/gm), null, text);
      });
    }
  }

  it('underlines the title, puts headings on what they introduce and ends with the doc address', () => {
    const text = renderCardText(loadDashboard, 'en');
    assert.ok(text.startsWith('These awaits could run together\n===============================\n\nA cook puts the potatoes'), text);
    assert.ok(text.includes('\nThe fix\nStart them together and wait once:\n\n    const [user, orders] = await Promise.all([\n      loadUser(id),\n'), text);
    assert.ok(text.endsWith(`\nRule documentation: ${docsUrl('sequential-await')}\n`), text);
  });

  it("names the user's code without quoting marks", () => {
    const text = renderCardText(loadDashboard, 'ja');
    assert.ok(text.includes('loadDashboard の中で、loadOrders(id) は loadUser(id) が終わるまで始まりません。'), text);
  });

  it('underlines a Japanese title by its width in terminal columns', () => {
    const [title, underline] = renderCardText(loadDashboard, 'ja').split('\n');
    assert.equal(title, 'この await は、並行に待てます');
    // Two columns for each of the 11 Japanese characters, one for each of the 7 in ' await '.
    assert.equal(underline, '='.repeat(29));
  });

  it('indents the timeline as a whole, so its lanes stay aligned', () => {
    const text = renderCardText(loadDashboard, 'en');
    assert.ok(text.includes('\n    One after another, as now: waits twice\n      loadUser(id)    ████████\n      loadOrders(id)  ░░░░░░░░█████\n'), text);
    const long = findingWith('sequential-await', {
      card: 'sequential-await',
      earlier: 'a()',
      later: 'inventoryService.reserveItemsForCheckout(cart.items)',
      group: ['a()', 'inventoryService.reserveItemsForCheckout(cart.items)'],
    });
    const columns = barColumns(renderCardText(long, 'ja'));
    assert.equal(columns.length, 4);
    assert.equal(new Set(columns).size, 1, String(columns));
  });
});
