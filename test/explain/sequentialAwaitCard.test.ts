import * as assert from 'node:assert/strict';
import { docsUrl } from '../../src/core';
import { renderCard } from '../../src/explain';
import { barColumns, fencedBlock, findingWith, loadDashboard, pictureLines } from './findings';

describe('sequential-await card', () => {
  describe('in English', () => {
    const card = renderCard(loadDashboard, 'en');

    it('opens with the title and the potato salad', () => {
      assert.ok(
        card.startsWith(
          '### These awaits could run together\n\n> A cook puts the potatoes in the microwave and stands staring at it until it beeps, and only then measures the mayonnaise.',
        ),
        card,
      );
    });

    it("says what this code does in the user's own names", () => {
      assert.ok(
        card.includes(
          'In `loadDashboard`, `loadOrders(id)` does not start until `loadUser(id)` has finished, yet it uses nothing that `loadUser(id)` produces.',
        ),
        card,
      );
      assert.ok(card.includes('So the code waits twice where once would do'), card);
    });

    it('draws waiting twice against waiting once with the two calls', () => {
      assert.deepEqual(pictureLines(loadDashboard, 'en'), [
        'One after another, as now: waits twice',
        '  loadUser(id)    ████████',
        '  loadOrders(id)  ░░░░░░░░█████',
        'Together: waits once, as long as the slowest',
        '  loadUser(id)    ████████',
        '  loadOrders(id)  █████',
        '',
        '█ running   ░ not started yet',
      ]);
    });

    it('gives both caveats before the fix', () => {
      const caveats = card.indexOf('**Before you change it**');
      const fix = card.indexOf('**The fix**');
      assert.ok(caveats > 0 && fix > caveats, card);
      assert.ok(
        card.includes('- `Promise.all` starts every call at once, so a later call runs even when an earlier one fails. It rejects with the first failure'),
        card,
      );
      assert.ok(card.includes('you cannot mash potatoes that are not cooked yet'), card);
      assert.ok(card.includes('if `loadOrders(id)` relies on something `loadUser(id)` does on the side'), card);
    });

    it('shows the fix with the names and the calls, as the quick fix writes it, and mentions the quick fix', () => {
      assert.deepEqual(fencedBlock(card, 'ts'), ['const [user, orders] = await Promise.all([', '  loadUser(id),', '  loadOrders(id),', ']);']);
      assert.ok(card.includes('The quick fix makes this change for you and keeps your variable names.'), card);
    });

    it('draws the first calls of a large group and counts the rest', () => {
      const group = Array.from({ length: 50 }, (_, i) => `fetchPart(${i})`);
      const assigns = `const [${group.map((_, i) => `part${i}`).join(', ')}] = `;
      const largeGroup = findingWith('sequential-await', { card: 'sequential-await', earlier: group[0], later: group[1], group, assigns });
      const large = renderCard(largeGroup, 'en');
      // Fifty names do not fit a line: the sample leaves them out rather than cut them mid-pattern.
      assert.deepEqual(fencedBlock(large, 'ts'), [
        'await Promise.all([',
        '  fetchPart(0),',
        '  fetchPart(1),',
        '  fetchPart(2),',
        '  fetchPart(3),',
        '  fetchPart(4),',
        '  // … and 45 more',
        ']);',
      ]);
      const picture = pictureLines(largeGroup, 'en');
      assert.equal(picture[0], 'One after another, as now: waits 50 times');
      assert.equal(picture.filter((line) => line.startsWith('  fetchPart(')).length, 10, 'five lanes, drawn twice');
      assert.equal(picture.at(-1), 'The first 5 of the 50 calls are drawn.');
    });

    it('ends with the link to the rule doc', () => {
      assert.ok(card.endsWith(`Rule documentation: [sequential-await](${docsUrl('sequential-await')})\n`), card);
    });
  });

  describe('in Japanese', () => {
    const card = renderCard(loadDashboard, 'ja');

    it('tells the same story in Japanese with the same names', () => {
      assert.ok(
        card.startsWith(
          '### この await は、並行に待てます\n\n> ジャガイモを電子レンジに入れて、チンと鳴るまで前でじっと見つめて、それからやっとマヨネーズを量るコックさん。',
        ),
        card,
      );
      assert.ok(card.includes('`loadDashboard` の中で、`loadOrders(id)` は `loadUser(id)` が終わるまで始まりません。'), card);
      assert.ok(card.includes('つまり、1回で済む待ちを2回しています。'), card);
    });

    it('labels the timeline in Japanese and keeps the lanes', () => {
      assert.deepEqual(pictureLines(loadDashboard, 'ja'), [
        '今のまま順番に：2回待つ',
        '  loadUser(id)    ████████',
        '  loadOrders(id)  ░░░░░░░░█████',
        '並行に：待つのは1回、いちばん遅いものの分だけ',
        '  loadUser(id)    ████████',
        '  loadOrders(id)  █████',
        '',
        '█ 実行中   ░ まだ始まっていない',
      ]);
    });

    it('gives the caveats, the fix and the docs link in Japanese', () => {
      assert.ok(card.includes('**書き換える前に**'), card);
      assert.ok(card.includes('`Promise.all` はすべての呼び出しを一度に始めるので'), card);
      assert.ok(card.includes('火の通っていないジャガイモは潰せません。'), card);
      assert.ok(card.includes('**直し方**\n\n並行に始めて、1回だけ待ちましょう：'), card);
      assert.ok(card.endsWith(`ルールのドキュメント：[sequential-await](${docsUrl('sequential-await')})\n`), card);
    });
  });

  it('counts the waits of a larger group and draws a lane for each call', () => {
    const finding = findingWith('sequential-await', {
      card: 'sequential-await',
      earlier: 'fetchPrices()',
      later: 'fetchStock()',
      group: ['fetchProducts()', 'fetchPrices()', 'fetchStock()'],
    });
    const card = renderCard(finding, 'en');
    assert.ok(card.includes('`fetchStock()` does not start until `fetchPrices()` has finished'), card);
    assert.ok(card.includes('The 3 calls of this group all wait in line like this'), card);
    const picture = pictureLines(finding, 'en');
    assert.equal(picture[0], 'One after another, as now: waits 3 times');
    assert.deepEqual(picture.slice(1, 4), ['  fetchProducts()  ████████', '  fetchPrices()    ░░░░░░░░█████', '  fetchStock()     ░░░░░░░░░░░░░███████']);
    assert.ok(renderCard(finding, 'ja').includes('今のまま順番に：3回待つ'));
  });

  it('leaves out the quick fix sentence when the finding has no fix', () => {
    const card = renderCard({ ...loadDashboard, fixes: [] }, 'en');
    assert.ok(!card.includes('quick fix'), card);
  });

  it('keeps the timeline aligned and short when calls are long or span lines', () => {
    const longCall = 'this.customerRepository.findAllWithOrdersAndInvoices(customerId, {\n  includeArchived: true,\n})';
    const finding = findingWith('sequential-await', {
      card: 'sequential-await',
      earlier: 'db.users.get(id)',
      later: longCall,
      group: ['db.users.get(id)', longCall],
    });
    const card = renderCard(finding, 'en');
    const picture = pictureLines(finding, 'en').join('\n');
    assert.ok(picture.includes('  this.customerRepository.fin...  ░░░░░░░░█████'), picture);
    assert.deepEqual(new Set(barColumns(picture)).size, 1, picture);
    assert.ok(card.includes('`this.customerRepository.findAllWithOrdersAndInvoices(customerId, {includeArch...` does not start'), card);
  });

  it('tells two calls of one function apart by their arguments', () => {
    const [app, features] = ["readFile('config/app.json', 'utf8')", "readFile('config/features.json', 'utf8')"];
    const finding = findingWith('sequential-await', { card: 'sequential-await', earlier: app, later: features, group: [app, features] });
    const picture = pictureLines(finding, 'en');
    assert.deepEqual(picture.slice(1, 3), ["  readFile('config/app.json',...  ████████", "  readFile('config/features.j...  ░░░░░░░░█████"]);
  });
});
