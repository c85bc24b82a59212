import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT } from '../support/fixtures';

describeRuleFixtures('lock-order');

function lockOrderFindings(relative: string) {
  const file = path.join(FIXTURES_ROOT, 'lock-order', relative);
  return analyzeFixture(file).findings.filter((f) => f.ruleId === 'lock-order');
}

describe('lock-order findings', () => {
  it('give both sides of the deadlock as related locations, with messages, across files', () => {
    const [finding] = lockOrderFindings('positive/crossFileCycle/audit.ts');
    const related = finding.related.map((r) => `${path.basename(r.file)}:${r.range.start.line + 1} ${r.message}`);
    assert.deepEqual(related, [
      'audit.ts:5 Task 1: writeAudit() takes auditLock here.',
      'ledger.ts:13 Task 1: postToLedger() waits here for ledgerLock, still holding auditLock.',
      'ledger.ts:7 Task 2: transfer() takes ledgerLock here.',
      'ledger.ts:8 Task 2: transfer() calls appendAudit() here, still holding ledgerLock.',
      'audit.ts:12 Task 2: appendAudit() waits here for auditLock, still holding ledgerLock.',
    ]);
    assert.equal(
      finding.message,
      'ledgerLock is taken here while auditLock is held, but transfer() takes auditLock while holding ledgerLock. If both run at once, each waits for the other forever.',
    );
  });

  it('report a cycle once, at one of its sites, whichever file is checked', () => {
    assert.deepEqual(lockOrderFindings('positive/crossFileCycle/ledger.ts'), []);
    assert.equal(lockOrderFindings('positive/twoLockCycle.ts').length, 1);
  });

  it('describe every task of a longer cycle for the card', () => {
    const [finding] = lockOrderFindings('positive/threeLockCycle.ts');
    assert.deepEqual(finding.explanation, {
      card: 'lock-order',
      kind: 'cycle',
      locks: ['boardLock', 'sinkLock', 'stoveLock'],
      tasks: [
        { function: 'prepare', holds: 'boardLock', waitsFor: 'sinkLock', through: [] },
        { function: 'rinse', holds: 'sinkLock', waitsFor: 'stoveLock', through: [] },
        { function: 'serve', holds: 'stoveLock', waitsFor: 'boardLock', through: [] },
      ],
      fixedOrder: undefined,
    });
    assert.equal(finding.data.cycle, 'boardLock → sinkLock → stoveLock → boardLock');
  });

  it('name the calls between a function and the lock it waits for', () => {
    const [finding] = lockOrderFindings('positive/callChainCycle.ts');
    assert.deepEqual(finding.explanation.card === 'lock-order' && finding.explanation.tasks.map((t) => t.through), [
      ['placeOrder', 'reserveStock'],
      ['recordOrder'],
    ]);
  });

  it('offer the reorder where the rest of the workspace uses the other order, and report the cycle there', () => {
    const findings = lockOrderFindings('positive/acquireOrderFix.ts');
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.fixes.map((fix) => fix.title)]),
      [[32, ['Take ledgerLock before auditLock, as the rest of the workspace does']]],
    );
    assert.deepEqual(findings[0].explanation.card === 'lock-order' && findings[0].explanation.fixedOrder, ['ledgerLock', 'auditLock']);
  });

  it('offer no reorder when the workspace is split evenly', () => {
    assert.deepEqual(
      lockOrderFindings('positive/twoLockCycle.ts').flatMap((f) => f.fixes),
      [],
    );
  });

  it('offer a snippet for the stable order when the objects have no key to sort by', () => {
    const [finding] = lockOrderFindings('positive/sameClassWithoutKey.ts');
    assert.equal(finding.fixes.length, 1);
    const [fix] = finding.fixes;
    assert.equal(fix.snippet, true);
    assert.equal(fix.isPreferred, false);
    assert.equal(fix.title, 'Take source.lock and target.lock in a stable order (pick the key)');
    assert.deepEqual(
      fix.edits.map((e) => e.newText),
      ['const [first, second] = source.${1:id} <= target.${1:id} ? [source, target] as const : [target, source] as const;\n  ', 'first', 'second'],
    );
  });

  it('name both locks as the code writes them when they are one class', () => {
    const [finding] = lockOrderFindings('positive/sameClassTransfer.ts');
    assert.equal(
      finding.message,
      'to.lock is taken here while from.lock is held, and both are Account.lock locks. Two calls with the objects swapped wait for each other forever; take the two in a stable order.',
    );
    assert.deepEqual(
      finding.fixes.map((f) => [f.title, f.isPreferred, f.snippet]),
      [['Take from.lock and to.lock in a stable order, by id', true, undefined]],
    );
  });

  it('report a cycle of semaphores with several permits only in the experimental tier', () => {
    assert.equal(lockOrderFindings('experimental/semaphoreCycle.ts').length, 1);
  });
});
