import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, applyFixes, withDefaults, type Finding } from '../../src/core';
import type { SequentialAwaitFacts } from '../../src/core/explanationFacts';
import { isTestFile } from '../../src/core/testFiles';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT } from '../support/fixtures';

describeRuleFixtures('sequential-await');

const ruleDir = path.join(FIXTURES_ROOT, 'sequential-await');

function findingsIn(tier: string, name: string): Finding[] {
  return analyzeFixture(path.join(ruleDir, tier, name)).findings.filter((f) => f.ruleId === 'sequential-await');
}

function factsIn(tier: string, name: string): SequentialAwaitFacts[] {
  return findingsIn(tier, name).map((f) => f.explanation as SequentialAwaitFacts);
}

describe('sequential-await messages, related locations and card facts', () => {
  it('names the later call and the call it waits behind', () => {
    assert.deepEqual(
      findingsIn('positive', 'maximal-group.ts').map((f) => f.message),
      ['`fetchFeatureFlags()` does not use the result of `fetchAccount(accountId)`, yet waits for it to finish. Start both together with Promise.all.'],
    );
  });

  it('reports a group of three once, naming its size', () => {
    assert.deepEqual(
      findingsIn('positive', 'three-calls.ts').map((f) => [f.messageId, f.message]),
      [
        [
          'sequentialGroup',
          "`getRecentOrders(userId, 10)` does not use the result of `getUser(userId)`, yet waits for it to finish, and so on through a group of 3 awaits that use none of each other's results. Start them together with Promise.all.",
        ],
      ],
    );
  });

  it('points the finding at the await it waits behind and at the rest of the group', () => {
    const [finding] = findingsIn('positive', 'three-calls.ts');
    const file = path.join(ruleDir, 'positive', 'three-calls.ts');
    const related = (template: string) => ({ message: template, messageTemplate: { template, data: {} } });
    assert.deepEqual(finding.range, { start: { line: 18, character: 17 }, end: { line: 18, character: 50 } });
    assert.deepEqual(finding.related, [
      { file, range: { start: { line: 17, character: 15 }, end: { line: 17, character: 36 } }, ...related('waits behind this await') },
      {
        file,
        range: { start: { line: 20, character: 24 }, end: { line: 20, character: 60 } },
        ...related('also waits in line, using none of the results before it'),
      },
    ]);
  });

  it('gives the card the whole group, in order, and the function it sits in', () => {
    assert.deepEqual(factsIn('positive', 'three-calls.ts'), [
      {
        card: 'sequential-await',
        later: 'getRecentOrders(userId, 10)',
        earlier: 'getUser(userId)',
        group: ['getUser(userId)', 'getRecentOrders(userId, 10)', 'getUnreadNotifications(userId)'],
        functionName: 'dashboard',
        assigns: 'const [user, orders, notifications] = ',
      },
    ]);
  });

  const functionNames: Array<[string, string | undefined]> = [
    ['class-method.ts', 'monthly'],
    ['arrow-function.ts', 'repoCard'],
    ['component.tsx', 'load'],
    ['top-level-await.mts', undefined],
  ];
  for (const [name, functionName] of functionNames) {
    it(`names the enclosing function of ${name}`, () => {
      assert.deepEqual(
        factsIn('positive', name).map((f) => f.functionName),
        [functionName],
      );
    });
  }

  it('shortens long calls but keeps what tells them apart', () => {
    assert.deepEqual(
      factsIn('positive', 'sql-selects.ts').map((f) => [f.earlier, f.later]),
      [["pool.query('SELECT name FROM customers WHERE id = $1', …)", 'pool.query(`SELECT total FROM orders WHERE customer_id = $1`, …)']],
    );
    assert.deepEqual(
      factsIn('positive', 'fetch-json.ts').map((f) => f.later),
      ['fetch(`https://rates.example.com/history?base=${base}&days=30`).then(…)'],
    );
    assert.deepEqual(
      factsIn('positive', 'multiline-calls.ts').map((f) => [f.earlier, f.later]),
      [["searchProducts({ text, limit: 20, filters: ['in-stock'] })", 'searchArticles({ text, limit: 5 })']],
    );
  });
});

describe('sequential-await quick fix', () => {
  it('gives the group one preferred fix for the whole group', () => {
    const file = path.join(ruleDir, 'positive', 'three-calls.ts');
    const findings = findingsIn('positive', 'three-calls.ts');
    assert.equal(findings.length, 1);
    assert.deepEqual(
      findings[0].fixes.map((f) => [f.title, f.isPreferred]),
      [['Run together with Promise.all', true]],
    );
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(applyFixes(text, file, findings[0].fixes).text, fs.readFileSync(path.join(ruleDir, 'positive', 'three-calls.fixed.ts'), 'utf8'));
  });

  it('reports without a fix when no single declaration can hold the group', () => {
    const findings = findingsIn('positive', 'var-and-const.ts');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].fixes, []);
  });
});

describe('sequential-await tiers', () => {
  function messagesIn(name: string, experimental: boolean): string[] {
    const { sourceFile } = analyzeFixture(path.join(ruleDir, 'experimental', name));
    return analyzeFile(sourceFile, withDefaults({ experimental }))
      .findings.filter((f) => f.ruleId === 'sequential-await')
      .map((f) => f.message);
  }

  it('lets a write end the group in the stable tier, and join it in the experimental one', () => {
    assert.deepEqual(messagesIn('writes.ts', false), [
      '`loadBadges(id)` does not use the result of `loadUser(id)`, yet waits for it to finish. Start both together with Promise.all.',
    ]);
    assert.deepEqual(messagesIn('writes.ts', true), [
      "`loadUser(id)` does not use the result of `recordVisit('profile')`, yet waits for it to finish, and so on through a group of 3 awaits that use none of each other's results. Start them together with Promise.all.",
    ]);
  });

  // A transaction, an author's word, the editor's tabs: silent in both tiers, not only the default one.
  const silentInBothTiers = [
    'transaction-option.ts',
    'comment-says-sequential.ts',
    'editor-tabs.ts',
    'transaction-decorator.ts',
    'transactional-decorator.ts',
    'transaction-callbacks.ts',
    'publish-events.ts',
  ];
  for (const name of silentInBothTiers) {
    it(`stays silent on ${name} in the experimental tier too`, () => {
      const { sourceFile } = analyzeFixture(path.join(ruleDir, 'negative', name));
      const findings = analyzeFile(sourceFile, withDefaults({ experimental: true })).findings.filter((f) => f.ruleId === 'sequential-await');
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
    });
  }

  const experimentalOnly = [
    'unresolved-import.ts',
    'logger-between.ts',
    'bare-effects.ts',
    'same-resource.ts',
    'same-key.ts',
    'stateful-receiver.ts',
    'batches-handed-a-writing-callback.ts',
  ];
  for (const name of experimentalOnly) {
    it(`reports ${name} only in the experimental tier`, () => {
      assert.deepEqual(messagesIn(name, false), []);
      assert.ok(messagesIn(name, true).length > 0);
    });
  }
});

describe('the await rules in test files', () => {
  const awaitRules = new Set(['sequential-await', 'await-in-loop']);
  function ruleIdsIn(tier: string, name: string, awaitRulesInTests: boolean): string[] {
    const { sourceFile } = analyzeFixture(path.join(ruleDir, tier, name));
    return analyzeFile(sourceFile, withDefaults({ awaitRulesInTests, fileTimeBudgetMs: Number.POSITIVE_INFINITY }))
      .findings.filter((f) => awaitRules.has(f.ruleId))
      .map((f) => f.ruleId)
      .sort();
  }

  it('stay silent in a test file by default, sequential-await and await-in-loop alike', () => {
    assert.deepEqual(ruleIdsIn('negative', 'repeated-calls.test.ts', false), []);
  });

  it('report in a test file with awaitRulesInTests on', () => {
    assert.deepEqual(ruleIdsIn('negative', 'repeated-calls.test.ts', true), ['await-in-loop', 'sequential-await']);
  });

  it('reads directories from the project down, so fixtures under test/ are not tests', () => {
    const { sourceFile } = analyzeFixture(path.join(ruleDir, 'positive', 'three-calls.ts'));
    assert.equal(isTestFile(sourceFile), false);
  });
});
