import * as assert from 'node:assert/strict';
import { docsUrl } from '../../src/core';
import { renderCard } from '../../src/explain';
import { fetchEveryUser, findingWith, pictureLines, PREFERRED_FIX } from './findings';

const unboundedRows = findingWith(
  'await-in-loop',
  { card: 'await-in-loop', call: 'db.save(row)', iterable: 'req.body.rows', count: 'req.body.rows.length', unbounded: true },
  { fixes: [PREFERRED_FIX] },
);

describe('await-in-loop card', () => {
  describe('in English', () => {
    const card = renderCard(fetchEveryUser, 'en');

    it('tells the potato salad one potato at a time', () => {
      assert.ok(
        card.startsWith(
          '### Each pass of this loop waits for the one before\n\n> A cook heats the potatoes one at a time: one potato in the microwave, stare at it until it beeps, then the next one.',
        ),
        card,
      );
    });

    it("estimates the gain in the user's names", () => {
      assert.ok(card.includes('Each pass of the loop over `ids` waits for `fetchUser(id)` before the next pass starts'), card);
      assert.ok(
        card.includes('With n = `ids.length`, that is about n × t one after another, and about t together, where t is how long one `fetchUser(id)` takes.'),
        card,
      );
    });

    it('draws the staircase of passes against the passes started together', () => {
      assert.deepEqual(pictureLines(fetchEveryUser, 'en'), [
        'One after another, as now: about n × t',
        '  fetchUser(id)  ██████',
        '  fetchUser(id)  ░░░░░░██████',
        '  fetchUser(id)  ░░░░░░░░░░░░██████',
        '  ...            ░░░░░░░░░░░░░░░░░░██████',
        'Together: about t',
        '  fetchUser(id)  ██████',
        '  fetchUser(id)  ██████',
        '  fetchUser(id)  ██████',
        '  ...            ██████',
        '',
        '█ running   ░ not started yet',
      ]);
    });

    it('gives the caveats, a fix that starts every pass at once, and the docs link', () => {
      assert.ok(card.includes('- `Promise.all` starts every call at once'), card);
      assert.ok(card.includes('(a page cursor, a running total, a retry): you cannot mash potatoes that are not cooked yet.'), card);
      assert.ok(card.includes('The results of `Promise.all` still come back in the original order.'), card);
      assert.ok(card.includes('**The fix**\n\nStart every pass at once and wait for them together'), card);
      assert.ok(!card.includes('chunks'), 'a bounded loop needs no advice on chunks');
      assert.ok(!card.includes('quick fix'), 'this finding has no quick fix');
      assert.ok(card.endsWith(`Rule documentation: [await-in-loop](${docsUrl('await-in-loop')})\n`), card);
    });
  });

  describe('in Japanese', () => {
    const card = renderCard(fetchEveryUser, 'ja');

    it('estimates the gain and draws the timeline in Japanese', () => {
      assert.ok(card.startsWith('### このループは、1周ごとに前の周を待っています\n\n> コックさんがジャガイモを1個ずつ温めています。'), card);
      assert.ok(card.includes('`ids` を順に処理するこのループは、1周ごとに `fetchUser(id)` を待ってから次の周に進みます。'), card);
      assert.ok(card.includes('n = `ids.length`、`fetchUser(id)` 1回にかかる時間を t とすると、順番に待てばおよそ n × t、並行に待てばおよそ t です。'), card);
      const picture = pictureLines(fetchEveryUser, 'ja');
      assert.equal(picture[0], '今のまま順番に：およそ n × t');
      assert.equal(picture[5], '並行に：およそ t');
    });

    it('gives the caveats, the fix and the docs link in Japanese', () => {
      assert.ok(card.includes('火の通っていないジャガイモは潰せません。'), card);
      assert.ok(card.includes('`Promise.all` の結果は、元の順番のまま返ってきます。'), card);
      assert.ok(card.includes('**直し方**\n\nすべての周を一度に始めて、まとめて待ちましょう。'), card);
      assert.ok(card.endsWith(`ルールのドキュメント：[await-in-loop](${docsUrl('await-in-loop')})\n`), card);
    });
  });

  it('speaks of n passes when there is no count to name', () => {
    const finding = findingWith('await-in-loop', { card: 'await-in-loop', call: 'fetchUser(id)', iterable: 'team.members', unbounded: false });
    assert.ok(
      renderCard(finding, 'en').includes(
        'With n passes, that is about n × t one after another, and about t together, where t is how long one `fetchUser(id)` takes.',
      ),
    );
    assert.ok(renderCard(finding, 'ja').includes('ループが n 周、`fetchUser(id)` 1回にかかる時間を t とすると'));
  });

  describe('when the request sets the number of items', () => {
    const fromRequest = findingWith('await-in-loop', {
      card: 'await-in-loop',
      call: 'fetchUser(id)',
      iterable: 'req.body.ids',
      unbounded: true,
      fromRequest: true,
    });

    it('says the sender decides how many calls start, and advises chunks', () => {
      const card = renderCard(fromRequest, 'en');
      assert.ok(card.includes('`req.body.ids` comes from the request, so whoever sends it sets how many times `fetchUser(id)` runs.'), card);
      assert.ok(card.includes('take the items in chunks of, say, 10 with one `Promise.all` per chunk'), card);
      assert.ok(!card.includes('has no clear upper bound'), card);
    });

    it('says so in Japanese', () => {
      const card = renderCard(fromRequest, 'ja');
      assert.ok(card.includes('`req.body.ids` はリクエストから来るので、`fetchUser(id)` を何回実行するかは送ってきた側が決められます。'), card);
    });
  });

  describe('when the count has no upper bound', () => {
    it('advises a few at a time instead of firing everything at once', () => {
      const card = renderCard(unboundedRows, 'en');
      assert.ok(card.includes('The microwave only holds so many potatoes. `req.body.rows.length` has no clear upper bound'), card);
      assert.ok(
        card.includes('take the items in chunks of, say, 10 with one `Promise.all` per chunk, or put the calls behind a small concurrency limiter.'),
        card,
      );
      assert.ok(card.includes('The quick fix starts every call at once: fine for a short list, but for this one prefer chunks or a limiter.'), card);
      assert.ok(!card.includes('Start every pass at once'), card);
    });

    it('gives the same advice in Japanese', () => {
      const card = renderCard(unboundedRows, 'ja');
      assert.ok(card.includes('レンジに入るジャガイモの数には限りがあります。`req.body.rows.length` には上限がはっきりしない'), card);
      assert.ok(card.includes('10件ずつのチャンクに分けてチャンクごとに `Promise.all` で待つか、同時実行数を絞る小さなリミッター'), card);
    });
  });
});
