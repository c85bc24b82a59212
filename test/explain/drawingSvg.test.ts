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

describe('Kitchen view drawings: schedules', () => {
  /** The boxes of a schedule's SVG: [class, x, y, height]. */
  function boxes(svg: string): Array<[string, number, number, number]> {
    return [...svg.matchAll(/<rect class="([\w-]+)" x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
    ]);
  }

  it("puts each step in its task's lane, a row at a time, and stretches a wait to the task's next step", () => {
    const svg = drawingSvg(
      {
        kind: 'schedule',
        lanes: ['Task 1: withdraw()', 'Task 2: withdraw()'],
        steps: [
          { lane: 0, text: 'reads this.balance: 100' },
          { lane: 0, text: 'waits for audit(amount)', wait: true },
          { lane: 1, text: 'reads this.balance: 100' },
          { lane: 1, text: 'waits for audit(amount)', wait: true },
          { lane: 0, text: 'writes this.balance: 90' },
          { lane: 1, text: 'writes this.balance: 90' },
        ],
      },
      's1',
    );
    const [read1, wait1, read2, wait2, write1, write2] = boxes(svg);
    assert.deepEqual(
      [read1, wait1, read2, wait2, write1, write2].map((box) => box[0]),
      ['ks-step', 'ks-waiting', 'ks-step', 'ks-waiting', 'ks-step', 'ks-step'],
    );
    assert.equal(read1[1], wait1[1], 'task 1 stays in its lane');
    assert.ok(read2[1] > read1[1], 'task 2 has the lane beside it');
    assert.ok(wait1[2] + wait1[3] <= write1[2] && write1[2] - (wait1[2] + wait1[3]) < 10, 'task 1 waits until it writes');
    assert.equal(wait1[3], 3 * read1[3] + 2 * 6, 'three rows: while task 2 reads and starts to wait');
    assert.ok(svg.includes('<title id="s1-title">Task 1: withdraw() / Task 2: withdraw()</title>'), svg);
    assert.ok(svg.includes('1. Task 1: withdraw(): reads this.balance: 100; 2.'), 'the description tells the steps in order');
  });

  it('runs a wait that never ends to the bottom, marked stuck, and cuts a step too long for its lane', () => {
    const svg = drawingSvg(
      {
        kind: 'schedule',
        lanes: ['Task 1: transfer()', 'Task 2: audit()'],
        steps: [
          { lane: 0, text: 'takes ledgerLock' },
          { lane: 1, text: 'takes auditLock' },
          { lane: 0, text: 'waits for auditLock', wait: true },
          { lane: 1, text: 'waits for ledgerLock and a name far too long for one lane of the drawing', wait: true },
        ],
        stuck: '(stuck)',
      },
      's2',
    );
    const waits = boxes(svg).filter((box) => box[0] === 'ks-waiting');
    const height = Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)?.[1]);
    assert.deepEqual(
      waits.map((box) => box[2] + box[3] + 3),
      [height, height],
      'both waits reach the bottom',
    );
    assert.equal(svg.match(/>\(stuck\)<\/text>/g)?.length, 2, svg);
    assert.ok(/>waits for ledgerLock[^<]*…<\/text>/.test(svg), svg);
  });

  it('draws both race cards and the lock-order card as schedules', () => {
    const lost = renderCard(
      findingWith('race-lost-update', {
        card: 'race-lost-update',
        state: 'this.balance',
        read: 'const current = this.balance',
        awaited: 'audit(amount)',
        write: 'this.balance = current - amount',
        function: 'Account.withdraw',
        change: 'subtract',
      }),
      'en',
    );
    assert.ok(lost.includes('<title id="ks-drawing-3-title">Task 1: Account.withdraw() / Task 2: Account.withdraw()</title>'), lost);
  });
});

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
