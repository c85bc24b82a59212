import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { ts } from 'ts-morph';
import { applyFixes } from '../../src/core';
import { renderCardText } from '../../src/explain';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT, newTypeErrors } from '../support/fixtures';

describeRuleFixtures('race-check-then-act');

function findingIn(relative: string) {
  const file = path.join(FIXTURES_ROOT, 'race-check-then-act', relative);
  const result = analyzeFixture(file);
  const [finding] = result.findings.filter((f) => f.ruleId === 'race-check-then-act');
  return { ...result, file, finding };
}

describe('race-check-then-act messages, related locations and facts', () => {
  it('says what is checked before which await, points at the test and the await, and is experimental', () => {
    const { finding } = findingIn('experimental/cacheHasThenSet.ts');
    assert.equal(finding.messageId, 'cache');
    assert.equal(
      finding.message,
      '`cache` is checked for `key` before `await load(key)` and filled after it: two calls at once can both miss, both wait and both store.',
    );
    assert.equal(finding.experimental, true);
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.range.start.character, r.range.end.character, r.message]),
      [
        [7, 7, 21, 'cache is tested here, before the await.'],
        [8, 18, 33, 'While load(key) is awaited here, another call can pass the same test.'],
      ],
    );
    assert.deepEqual(finding.fixes, []);
  });

  it('tells the card the kind, the names, the test, the await and the act', () => {
    assert.deepEqual(findingIn('experimental/registryHit.ts').finding.explanation, {
      card: 'race-check-then-act',
      kind: 'cache',
      state: 'this.users',
      key: 'id',
      check: 'this.users.get(id)',
      awaited: 'fetchUser(id)',
      act: 'this.users.set(id, user)',
      function: 'UserRegistry.get',
    });
    assert.deepEqual(findingIn('positive/lazyClientField.ts').finding.explanation, {
      card: 'race-check-then-act',
      kind: 'lazy-init',
      resource: true,
      state: 'this.client',
      check: 'this.client',
      awaited: 'createClient()',
      act: 'this.client = await createClient()',
      function: 'Notifier.notify',
    });
  });

  it('reports a resource opened twice in the default tier, plain data and the file system in the experimental one', () => {
    const resource = findingIn('positive/lazyConnection.ts').finding;
    assert.deepEqual([resource.messageId, resource.experimental], ['lazyResource', false]);
    assert.equal(
      resource.message,
      '`conn` is checked before `await connect()` and set after it: two calls at once can both find it empty and both open one; the second replaces the first, which stays open with nothing left to close it.',
    );
    assert.equal(findingIn('positive/untypedClient.ts').finding.messageId, 'lazyResource');
    const plain = findingIn('experimental/lazyPlainData.ts').finding;
    assert.deepEqual([plain.messageId, plain.experimental], ['lazyInit', true]);
    assert.equal(
      plain.message,
      '`this.settings` is checked before `await readSettings()` and set after it: two calls at once can both find it empty and both create one, and one of the two is lost.',
    );
    assert.equal(findingIn('experimental/builtFromAnswer.ts').finding.messageId, 'lazyInit');
    assert.equal(
      findingIn('experimental/statThenUnlink.ts').finding.message,
      '`stat(path)` tests `path` before `await stat(path)`, and `unlink(path)` relies on that answer after it: another call can create or remove `path` in between.',
    );
    assert.equal(findingIn('experimental/existsSyncThenAwait.ts').finding.explanation.card, 'race-check-then-act');
  });

  it('offers the memo fix only for a module variable nothing else reads', () => {
    assert.deepEqual(
      findingIn('positive/lazyConnection.ts').finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Store the promise of connect() in conn, so concurrent calls share it', true]],
    );
    assert.deepEqual(findingIn('positive/lazyClientField.ts').finding.fixes, []);
    assert.deepEqual(findingIn('positive/fillOperatorAwaits.ts').finding.fixes, []);
  });

  it("offers the 'wx' flag for a write after an existence test, not preferred, and it type-checks", () => {
    const { finding, file, sourceFile, text } = findingIn('experimental/existsThenWrite.ts');
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [["Write path with flag 'wx' (the write fails with EEXIST instead of overwriting a file created meanwhile)", false]],
    );
    const fixed = applyFixes(text, file, finding.fixes).text;
    assert.ok(fixed.includes("await writeFile(path, text, { flag: 'wx' });"), fixed);
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
    assert.deepEqual(findingIn('experimental/statThenUnlink.ts').finding.fixes, []);
  });

  it('plays the two tasks step by step in the card, in English and Japanese', () => {
    const { finding } = findingIn('positive/lazyConnection.ts');
    const english = renderCardText(finding, 'en');
    const schedule = english.split('\n').filter((line) => /^\s*\d\s/.test(line) || line.includes('Task 1:'));
    assert.deepEqual(
      schedule.map((line) => line.trim().replace(/\s{2,}/g, ' | ')),
      [
        'Task 1: connection() | Task 2: connection()',
        '1 | checks conn: empty',
        '2 | waits for connect()',
        '3 | checks conn: empty',
        '4 | waits for connect()',
        '5 | sets conn',
        '6 | sets conn',
      ],
    );
    assert.ok(
      english.includes('Both tasks find conn empty and both wait for connect(): two are opened, and the second replaces the first, which stays open'),
      english,
    );
    assert.ok(english.includes('The quick fix stores the promise for you'), english);
    const japanese = renderCardText(finding, 'ja');
    assert.ok(japanese.includes('タスク1'), japanese);
    assert.ok(!japanese.includes('Both tasks'), japanese);
  });
});

/**
 * The fixture's code before and after the fix, compiled and run with two calls at once:
 * before, both calls connect; after, the second waits for the first one's connection.
 */
describe('race-check-then-act, run', () => {
  async function twoConcurrentCalls(source: string): Promise<{ made: number; shared: boolean }> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    let made = 0;
    const connect = (): Promise<{ id: number }> => new Promise((resolve) => setTimeout(() => resolve({ id: ++made }), 2));
    vm.runInNewContext(js, { exports, connect, setTimeout });
    const connection = exports.connection as () => Promise<{ id: number }>;
    const [first, second] = await Promise.all([connection(), connection()]);
    return { made, shared: first === second };
  }

  it('connects twice before the fix and once after it', async () => {
    const file = path.join(FIXTURES_ROOT, 'race-check-then-act', 'positive', 'lazyConnection');
    const before = await twoConcurrentCalls(fs.readFileSync(`${file}.ts`, 'utf8'));
    const after = await twoConcurrentCalls(fs.readFileSync(`${file}.fixed.ts`, 'utf8'));
    assert.deepEqual(before, { made: 2, shared: false }, 'both calls find conn empty and both connect: one connection leaks');
    assert.deepEqual(after, { made: 1, shared: true });
  });
});
