import * as assert from 'node:assert/strict';
import { docsUrl } from '../../src/core';
import { inLocale, renderCard, renderCardText } from '../../src/explain';
import { cyclePicture, schedule } from '../../src/explain/cards/lockOrder';
import { findingWith, indentedBlocks, PREFERRED_FIX } from '../explain/findings';

const transferAndAudit = findingWith(
  'lock-order',
  {
    card: 'lock-order',
    kind: 'cycle',
    locks: ['ledgerLock', 'auditLock'],
    tasks: [
      { function: 'transfer', holds: 'ledgerLock', waitsFor: 'auditLock', through: ['writeAudit'] },
      { function: 'audit', holds: 'auditLock', waitsFor: 'ledgerLock', through: [] },
    ],
    fixedOrder: ['auditLock', 'ledgerLock'],
  },
  { fixes: [PREFERRED_FIX] },
);

describe('lock cards', () => {
  describe('lock-order, a cycle', () => {
    const card = renderCard(transferAndAudit, 'en');

    it('tells the carrot cutter and the dishwasher, then each task in the user’s names', () => {
      assert.ok(card.startsWith('### These locks can deadlock\n\n> Cook A holds the cutting board and waits for the sink'), card);
      assert.ok(
        card.includes(
          '- `transfer()` takes `ledgerLock`, then calls `writeAudit()`, which waits for `auditLock`.\n- `audit()` takes `auditLock`, then waits for `ledgerLock`.',
        ),
        card,
      );
    });

    it('shows the interleaving that hangs, one column per task, and the cycle', () => {
      // As the terminal shows them; the Kitchen view draws the schedule as two lanes.
      assert.equal(card.match(/<figure class="ks-drawing">/g)?.length, 1, card);
      assert.ok(card.includes('<title id="ks-drawing-4-title">Task 1: transfer() / Task 2: audit()</title>'), card);
      assert.deepEqual(indentedBlocks(transferAndAudit, 'en').slice(0, 2), [
        [
          '   Task 1: transfer()     Task 2: audit()',
          '1  takes ledgerLock',
          '2                         takes auditLock',
          '3  waits for auditLock',
          '4                         waits for ledgerLock',
          '   (stuck)                (stuck)',
        ],
        ['ledgerLock --> auditLock', '     ^             |', '     +-------------+'],
      ]);
    });

    it('gives the fix and says what the quick fix does', () => {
      assert.ok(card.includes('for example always `ledgerLock` before `auditLock`.'), card);
      assert.ok(card.includes('The quick fix takes `auditLock` before `ledgerLock` here, the order the rest of the workspace already uses.'), card);
      assert.ok(card.endsWith(`Rule documentation: [lock-order](${docsUrl('lock-order')})\n`), card);
    });

    it('in Japanese, with the schedule still aligned', () => {
      const ja = renderCard(transferAndAudit, 'ja');
      assert.ok(ja.startsWith('### これらのロックはデッドロックする可能性があります\n\n> 人参を切っているコックさんAはまな板を押さえたまま'), ja);
      assert.deepEqual(indentedBlocks(transferAndAudit, 'ja')[0], [
        '   タスク1: transfer()   タスク2: audit()',
        '1  ledgerLock を取る',
        '2                        auditLock を取る',
        '3  auditLock を待つ',
        '4                        ledgerLock を待つ',
        '   （停止）              （停止）',
      ]);
    });
  });

  describe('the pictures', () => {
    it('list more than three tasks one under another instead of side by side', () => {
      const tasks = ['a', 'b', 'c', 'd'].map((name, i, all) => ({ title: `${name}()`, holds: `${name}Lock`, waitsFor: `${all[(i + 1) % all.length]}Lock` }));
      const lines = inLocale('en', () => schedule(tasks));
      assert.equal(lines.length, 8);
      assert.equal(lines[0], '1. Task 1: a(): takes aLock');
      assert.equal(lines[7], '8. Task 4: d(): waits for aLock (stuck)');
    });

    it('close a cycle of any length back onto its first lock', () => {
      assert.deepEqual(
        inLocale('en', () => cyclePicture(['a', 'bb', 'ccc'])),
        ['a --> bb --> ccc', '^             |', '+-------------+'],
      );
    });
  });

  it('lock-order, two locks of one class: the same function called with the objects swapped', () => {
    const card = renderCardText(
      findingWith('lock-order', {
        card: 'lock-order',
        kind: 'same-class',
        locks: ['from.lock', 'to.lock'],
        tasks: [
          { function: 'transfer', holds: 'from.lock', waitsFor: 'to.lock', through: [] },
          { function: 'transfer', holds: 'to.lock', waitsFor: 'from.lock', through: [] },
        ],
        lockClass: 'Account.lock',
      }),
      'en',
    );
    assert.ok(card.includes('transfer() takes from.lock and then to.lock, two locks of the class Account.lock.'), card);
    assert.ok(card.includes('    Task 1: transfer(A, B)   Task 2: transfer(B, A)\n    1  takes from.lock (A)\n'), card);
    assert.ok(card.includes('    const [first, second] = from.id <= to.id ? [from, to] : [to, from];\n    // take first.lock, then second.lock'), card);
    assert.ok(card.includes('the quick fix inserts this with the key left for you to pick.'), card);
  });

  it('lock-reentry: a Web Lock requested again from inside its own callback', () => {
    const card = renderCard(
      findingWith('lock-reentry', { card: 'lock-reentry', lock: "'cart'", function: 'addToCart', through: [], lockKind: 'web-lock', timeout: false }),
      'en',
    );
    assert.ok(card.startsWith('### This lock is taken again while it is held\n\n> A cook holding the cutting board asks for the cutting board'), card);
    assert.ok(card.includes("`addToCart()` takes `'cart'` while it already holds it."), card);
    assert.ok(card.includes('A Web Lock is not reentrant'), card);
    assert.ok(card.includes("So the task hangs forever, and so does everything else that needs `'cart'`."), card);
  });

  it('lock-leak: a configured lock keeps its own release in the example', () => {
    const card = renderCardText(
      findingWith('lock-leak', {
        card: 'lock-leak',
        lock: "'menu'",
        reason: 'exception',
        culprit: 'publish()',
        release: 'await lease.unlease()',
        function: 'publishMenu',
        runExclusive: false,
      }),
      'ja',
    );
    assert.ok(card.includes("publishMenu() は 'menu' を取りますが、publish() が例外を投げると解放を飛び越えてしまい"), card);
    assert.ok(card.includes("    // 'menu' を取る\n    try {\n      // ロックが必要な処理\n    } finally {\n      await lease.unlease();\n    }"), card);
    assert.ok(!card.includes('runExclusive'), card);
  });
});
