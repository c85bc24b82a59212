import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyFixes } from '../../src/core';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT, newTypeErrors } from '../support/fixtures';

describeRuleFixtures('lock-leak');

function leakIn(relative: string) {
  const file = path.join(FIXTURES_ROOT, 'lock-leak', relative);
  const result = analyzeFixture(file);
  const [finding] = result.findings.filter((f) => f.ruleId === 'lock-leak');
  return { ...result, file, finding };
}

describe('lock-leak fixes and facts', () => {
  it('offers runExclusive as the second fix; its output is exact and type-checks', () => {
    const { file, finding, sourceFile, text } = leakIn('positive/methodOnThis.ts');
    const runExclusive = finding.fixes.find((fix) => !fix.isPreferred);
    assert.ok(runExclusive);
    assert.equal(runExclusive.title, 'Run it inside this.lock.runExclusive()');
    const fixed = applyFixes(text, file, [runExclusive]).text;
    assert.ok(
      fixed.includes(
        [
          '  async add(amount: number): Promise<void> {',
          '    await this.lock.runExclusive(async () => {',
          '  //                        ^^^^^^^^^^^^^^^^^^^ lock-leak exception',
          '      this.total += amount;',
          '      await persist(this.total);',
          '    });',
          '  }',
        ].join('\n'),
      ),
      fixed,
    );
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
  });

  it('passes acquire() arguments on to runExclusive()', () => {
    const { file, finding, sourceFile, text } = leakIn('positive/semaphoreTuple.ts');
    const runExclusive = finding.fixes.find((fix) => !fix.isPreferred);
    const fixed = applyFixes(text, file, [runExclusive!]).text;
    assert.ok(fixed.includes('  await burners.runExclusive(async () => {\n'), fixed);
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
  });

  it('offers no runExclusive where the code returns from inside the region', () => {
    const { finding } = leakIn('positive/earlyReturn.ts');
    assert.deepEqual(
      finding.fixes.map((fix) => fix.title),
      ['Release ovenLock in a finally block'],
    );
  });

  it('offers no fix when a variable declared in the region is used after the release', () => {
    const { finding } = leakIn('positive/throwBeforeRelease.ts');
    assert.equal(finding.messageId, 'throw');
    assert.deepEqual(finding.fixes, []);
  });

  it('tells the card what skips the release', () => {
    assert.deepEqual(leakIn('positive/awaitBeforeRelease.ts').finding.explanation, {
      card: 'lock-leak',
      lock: 'registerLock',
      reason: 'exception',
      culprit: 'chargeCard(amount)',
      release: 'release()',
      function: 'checkout',
      runExclusive: true,
    });
    const someBranches = leakIn('positive/someBranches.ts').finding;
    assert.equal(someBranches.explanation.card === 'lock-leak' && someBranches.explanation.reason, 'some-paths');
    assert.deepEqual(someBranches.fixes, []);
  });
});
