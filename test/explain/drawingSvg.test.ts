// The Kitchen view's drawings: the await waterfall as SVG, the same facts as the text picture.
import * as assert from 'node:assert/strict';
import { renderCard } from '../../src/explain';
import { drawingSvg } from '../../src/explain/drawingSvg';
import { fetchEveryUser, findingWith, loadDashboard } from './findings';

/** The bars of a drawing's SVG, in document order: [class, x, width]. */
function bars(svg: string): Array<[string, number, number]> {
  return [...svg.matchAll(/<rect class="([\w-]+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
}

describe('Kitchen view drawings', () => {
  it('draws the calls one after another, each starting where the one before ends, then all starting together', () => {
    const svg = drawingSvg(
      {
        kind: 'waits',
        lanes: [
          { label: 'loadUser(id)', length: 8 },
          { label: 'loadOrders(id)', length: 5 },
        ],
        oneAfterAnother: 'One after another, as now: waits twice',
        together: 'Together: waits once, as long as the slowest',
        legend: { running: 'running', notStarted: 'not started yet' },
      },
      'd1',
    );
    const [user, waiting, orders, userTogether, ordersTogether, keyRunning, keyWaiting] = bars(svg);
    assert.deepEqual([keyRunning[0], keyWaiting[0]], ['ks-running', 'ks-waiting'], 'the key shows both kinds of bar');
    assert.ok(svg.includes('>running</text>') && svg.includes('>not started yet</text>'), svg);
    assert.deepEqual(
      [user[0], waiting[0], orders[0], userTogether[0], ordersTogether[0]],
      ['ks-running', 'ks-waiting', 'ks-running', 'ks-running', 'ks-running'],
    );
    assert.equal(orders[1], round(user[1] + user[2]), 'the second call starts where the first ends');
    assert.equal(waiting[2], user[2], 'and waits that long, not started');
    assert.equal(ordersTogether[1], userTogether[1], 'together, both start at once');
    assert.ok(Math.abs(user[2] / orders[2] - 8 / 5) < 0.01, 'lengths keep their proportions');
    assert.match(svg, /^<figure class="ks-drawing">\n<svg role="img" aria-labelledby="d1-title d1-desc"/);
    assert.ok(svg.includes('<title id="d1-title">One after another, as now: waits twice / Together: waits once, as long as the slowest</title>'));
    assert.ok(!svg.includes('\n\n'), 'no blank line: Markdown would end the HTML block there');
    assert.ok(!/style=/.test(svg), 'no style attribute: the view allows only its own style sheet');
  });

  it("escapes the user's code and adds the caption", () => {
    const svg = drawingSvg(
      {
        kind: 'waits',
        lanes: [
          { label: 'get<"a">(x && y)', length: 3 },
          { label: "load('</svg>')", length: 3 },
        ],
        oneAfterAnother: 'a',
        together: 'b',
        caption: 'The first 2 of the 9 calls are drawn.',
        legend: { running: 'running', notStarted: 'not started yet' },
      },
      'd2',
    );
    assert.ok(svg.includes('get&#60;&#34;a&#34;&#62;(x &#38;&#38; y)'), svg);
    assert.equal(svg.match(/<\/svg>/g)?.length, 1, svg);
    assert.ok(svg.endsWith('<figcaption>The first 2 of the 9 calls are drawn.</figcaption>\n</figure>'), svg);
  });

  it('replaces the text picture in the whole card of both await rules, one drawing id per picture', () => {
    for (const finding of [loadDashboard, fetchEveryUser]) {
      const card = renderCard(finding, 'en');
      assert.equal(card.match(/<svg /g)?.length, 1, card);
      assert.ok(!card.includes('```text'), card);
      assert.ok(!card.includes('█'), card);
    }
    const japanese = renderCard(findingWith('sequential-await', { card: 'sequential-await', earlier: 'a()', later: 'b()', group: ['a()', 'b()'] }), 'ja');
    assert.ok(japanese.includes('今のまま順番に：2回待つ</text>'), japanese);
    assert.ok(japanese.includes('>まだ始まっていない</text>'), japanese);
  });
});

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
