import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT } from '../support/fixtures';

describeRuleFixtures('lock-reentry');

function reentryFindings(relative: string) {
  return analyzeFixture(path.join(FIXTURES_ROOT, 'lock-reentry', relative)).findings.filter((f) => f.ruleId === 'lock-reentry');
}

describe('lock-reentry findings', () => {
  it('name the callee, the lock as the caller writes it, and where it was first taken', () => {
    const [finding] = reentryFindings('positive/methodOnThis.ts');
    assert.equal(
      finding.message,
      'Counter.save() takes this.lock, which is already held here (since line 10). It is not reentrant, so the call waits for itself forever.',
    );
    assert.deepEqual(
      finding.related.map((r) => `${r.range.start.line + 1}: ${r.message}`),
      ['10: Counter.increment() takes this.lock here.', '18: Counter.save() takes this.lock again here and waits for itself.'],
    );
    assert.deepEqual(finding.explanation, {
      card: 'lock-reentry',
      lock: 'this.lock',
      function: 'Counter.increment',
      through: ['Counter.save'],
      lockKind: 'mutex',
      timeout: false,
    });
  });

  it('say that a lock with a timeout fails instead of hanging', () => {
    const [finding] = reentryFindings('positive/timeoutReentry.ts');
    assert.equal(finding.messageId, 'reentryTimeout');
    assert.ok(finding.explanation.card === 'lock-reentry' && finding.explanation.timeout);
  });

  it('see a Web Lock requested again by name from inside its own callback', () => {
    const [finding] = reentryFindings('positive/webLockReentry.ts');
    assert.deepEqual(finding.explanation.card === 'lock-reentry' && [finding.explanation.lock, finding.explanation.lockKind], [
      "'lock-reentry-cart'",
      'web-lock',
    ]);
  });

  it('mark a re-entry that hangs on a flag the caller only passes on, or on one object written twice, as experimental', () => {
    for (const relative of ['experimental/flagPassedOn.ts', 'experimental/sameLockWrittenTwice.ts']) {
      assert.deepEqual(
        reentryFindings(relative).map((f) => f.experimental),
        [true],
        relative,
      );
    }
  });

  it('name a Web Lock a wrapper takes by the name its caller passes', () => {
    const [finding] = reentryFindings('positive/webLockWrapperName.ts');
    assert.deepEqual(finding.explanation.card === 'lock-reentry' && [finding.explanation.lock, finding.explanation.lockKind], [
      "'lock-reentry-wrapper-cart'",
      'web-lock',
    ]);
  });
});
