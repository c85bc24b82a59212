import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as asyncMutex from 'async-mutex';
import { ts } from 'ts-morph';
import { analyzeFile, applyFixes, withDefaults } from '../../src/core';
import { renderCardText } from '../../src/explain';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT, newTypeErrors } from '../support/fixtures';

describeRuleFixtures('race-lost-update');

function updateIn(relative: string) {
  const file = path.join(FIXTURES_ROOT, 'race-lost-update', relative);
  const result = analyzeFixture(file);
  const [finding] = result.findings.filter((f) => f.ruleId === 'race-lost-update');
  return { ...result, file, finding };
}

describe('race-lost-update messages, related locations and facts', () => {
  it('says which state is read before which await, in the default tier', () => {
    const { finding } = updateIn('positive/compoundField.ts');
    assert.equal(finding.messageId, 'compound');
    assert.equal(
      finding.message,
      '`this.spent` is read before `await priceOf(sku)` and written after it: an update another call makes while this one waits is lost.',
    );
    assert.equal(finding.experimental, false);
    assert.deepEqual(finding.related, []);
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Await priceOf(sku) before reading this.spent', true]],
    );
  });

  it('points at the read and the await of a value kept in a variable', () => {
    const { finding } = updateIn('experimental/readThenWrite.ts');
    assert.equal(finding.experimental, true, 'a value kept in a variable and written back is a judgement call');
    assert.equal(
      finding.message,
      '`this.balance` is written from a value read before `await audit(amount)`: an update another call makes while this one waits is lost.',
    );
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.range.start.character, r.range.end.character, r.message]),
      [
        [7, 20, 32, 'this.balance is read here, before the await.'],
        [8, 4, 23, 'While audit(amount) is awaited here, another call can change this.balance.'],
      ],
    );
    assert.deepEqual(
      finding.fixes.map((fix) => fix.title),
      ['Read this.balance after the await'],
    );
  });

  it('reports a React handler that clears a ref another call may have set, with the guard as its fix and card', () => {
    const { finding, sourceFile } = updateIn('experimental/abortControllerClearedInFinally.tsx');
    assert.deepEqual([finding.messageId, finding.experimental], ['staleReset', true]);
    assert.equal(
      finding.message,
      '`abortRef.current` is cleared after `await streamAnswer(prompt, controller.signal)` without checking that it still holds the value this call set: if another call set its own while this one waited, this clears that one.',
    );
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.message]),
      [
        [14, 'This call sets abortRef.current here, before the await.'],
        [16, 'While streamAnswer(prompt, controller.signal) is awaited here, another call can change abortRef.current.'],
      ],
    );
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [["Clear abortRef.current only if it still holds this call's value", true]],
    );
    const card = renderCardText(finding, 'en');
    assert.ok(card.includes('This call can clear a value another call set'), card);
    assert.ok(card.includes('if (abortRef.current === controller) abortRef.current = null;'), card);
    assert.ok(renderCardText(finding, 'ja').includes('この呼び出しは別の呼び出しが入れた値を消すことがあります'));
    const stable = analyzeFile(sourceFile, withDefaults({ experimental: false })).findings.filter((f) => f.ruleId === 'race-lost-update');
    assert.deepEqual(stable, [], 'only the experimental tier reports it');
  });

  it('tells the card the names, the await and how the value changes', () => {
    assert.deepEqual(updateIn('experimental/readThenWrite.ts').finding.explanation, {
      card: 'race-lost-update',
      state: 'this.balance',
      read: 'const current = this.balance',
      awaited: 'audit(amount)',
      write: 'this.balance = current - amount',
      function: 'Account.withdraw',
      change: 'subtract',
    });
    const moduleLet = updateIn('positive/moduleLet.ts').finding.explanation;
    assert.ok(moduleLet.card === 'race-lost-update' && moduleLet.change === 'add' && moduleLet.read === 'count', JSON.stringify(moduleLet));
  });

  it('offers no fix where the awaited call can see the state', () => {
    assert.deepEqual(updateIn('positive/methodOfSameObject.ts').finding.fixes, []);
    assert.deepEqual(updateIn('positive/awaitedReadsState.ts').finding.fixes, []);
    assert.deepEqual(updateIn('positive/exportedVariable/sales.ts').finding.fixes, []);
  });

  it('plays the two tasks step by step in the card, in English and Japanese', () => {
    const { finding } = updateIn('experimental/readThenWrite.ts');
    const english = renderCardText(finding, 'en');
    const schedule = english.split('\n').filter((line) => /^\s*\d\s/.test(line) || line.includes('Task 1:'));
    assert.deepEqual(
      schedule.map((line) => line.trim().replace(/\s{2,}/g, ' | ')),
      [
        'Task 1: Account.withdraw() | Task 2: Account.withdraw()',
        '1 | reads this.balance: 100',
        '2 | waits for audit(amount)',
        '3 | reads this.balance: 100',
        '4 | waits for audit(amount)',
        '5 | writes this.balance: 90',
        '6 | writes this.balance: 90',
      ],
    );
    assert.ok(english.includes('Both read 100 and both write 90: one of the two updates is lost. Run one after the other, they would leave 80.'), english);
    const japanese = renderCardText(finding, 'ja');
    assert.ok(japanese.includes('タスク1') && japanese.includes('this.balance を読む: 100'), japanese);
  });
});

/**
 * The fixture's code before and after the fix, compiled and run with two calls at once:
 * before, one of the two prices is lost; after, both count.
 */
describe('race-lost-update, run', () => {
  const prices: Record<string, number> = { soup: 10, bread: 20 };

  async function spentAfterTwoConcurrentAdds(source: string): Promise<number> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    const priceOf = (sku: string): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(prices[sku]), sku === 'soup' ? 5 : 1));
    vm.runInNewContext(js, { exports, priceOf, setTimeout });
    const Cart = exports.Cart as new () => { spent: number; add(sku: string): Promise<void> };
    const cart = new Cart();
    await Promise.all([cart.add('soup'), cart.add('bread')]);
    return cart.spent;
  }

  it('loses an update before the fix and keeps both after it', async () => {
    const file = path.join(FIXTURES_ROOT, 'race-lost-update', 'positive', 'compoundField');
    const before = await spentAfterTwoConcurrentAdds(fs.readFileSync(`${file}.ts`, 'utf8'));
    const after = await spentAfterTwoConcurrentAdds(fs.readFileSync(`${file}.fixed.ts`, 'utf8'));
    assert.equal(before, 10, 'both calls read 0; the soup (10) lands last and overwrites the bread (20)');
    assert.equal(after, 30);
  });
});

describe('race-lost-update, a cleared ref, run', () => {
  /**
   * Two clicks: the first stream is slow to settle after its abort, the second still runs when
   * the first one's `finally` clears the ref. What does Abort reach then?
   */
  async function abortTargetWhileSecondRuns(source: string): Promise<'second' | 'nothing'> {
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React },
    }).outputText;
    const exports: Record<string, unknown> = {};
    const ref: { current: AbortController | null } = { current: null };
    const settle: Array<() => void> = [];
    const streamAnswer = (): Promise<string> => new Promise((resolve) => settle.push(() => resolve('answer')));
    vm.runInNewContext(js, { exports, streamAnswer, AbortController, require: (module: string) => (module === 'react' ? { useRef: () => ref } : undefined) });
    const { onGenerate } = (exports.useTextGeneration as (show: (text: string) => void) => { onGenerate: (prompt: string) => Promise<void> })(() => {});
    const first = onGenerate('first');
    const second = onGenerate('second');
    const secondController = ref.current;
    settle[0]();
    await first;
    const target = ref.current !== null && ref.current === secondController ? 'second' : 'nothing';
    settle[1]();
    await second;
    return target;
  }

  it('leaves Abort with nothing to stop before the fix, and with the running stream after it', async () => {
    const file = path.join(FIXTURES_ROOT, 'race-lost-update', 'experimental', 'abortControllerClearedInFinally');
    assert.equal(await abortTargetWhileSecondRuns(fs.readFileSync(`${file}.tsx`, 'utf8')), 'nothing');
    assert.equal(await abortTargetWhileSecondRuns(fs.readFileSync(`${file}.fixed.tsx`, 'utf8')), 'second');
  });
});

/** The class's own lock held from the read to the write: two withdrawals of 30 from 100 leave 40, not 70. */
describe('race-lost-update, the lock fix, run', () => {
  async function balanceAfterTwoWithdrawals(source: string): Promise<number> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    const audit = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));
    vm.runInNewContext(js, { exports, audit, setTimeout, require: (module: string) => (module === 'async-mutex' ? asyncMutex : undefined) });
    const Account = exports.Account as new () => { withdraw(amount: number): Promise<void> };
    const account = new Account();
    await Promise.all([account.withdraw(30), account.withdraw(30)]);
    return (account as unknown as { balance: number }).balance;
  }

  it('offers to hold the lock from the read to the write, not preferred; it type-checks and keeps both withdrawals', async () => {
    const { finding, file, sourceFile } = updateIn('experimental/checkedReadBesideOwnLock.ts');
    const text = sourceFile.getFullText();
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Hold this.lock from the read of this.balance to the write (calls then run one at a time)', false]],
    );
    const fixed = applyFixes(text, file, finding.fixes).text;
    assert.ok(
      fixed.includes(
        [
          '  async withdraw(amount: number): Promise<void> {',
          '    await this.lock.runExclusive(async () => {',
          '      const current = this.balance;',
          "      if (current < amount) throw new Error('insufficient funds');",
          '      await audit(amount);',
          '      this.balance = current - amount;',
          '    });',
        ].join('\n'),
      ),
      fixed,
    );
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
    assert.ok(renderCardText(finding, 'en').includes('A quick fix holds this.lock, a lock this code already takes, from the read to the write'));
    assert.equal(await balanceAfterTwoWithdrawals(text), 70, 'both read 100 before either writes: one withdrawal is lost');
    assert.equal(await balanceAfterTwoWithdrawals(fixed), 40);
  });
});
