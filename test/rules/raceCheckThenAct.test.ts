import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as asyncMutex from 'async-mutex';
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
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Store the promise of load(key) in cache, so concurrent calls share it', true]],
    );
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

  it("offers to hold the class's own lock from the test to the return, not preferred, and it type-checks", () => {
    const { finding, file, sourceFile, text } = findingIn('positive/lazyClientBesideOwnLock.ts');
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Hold this.lock from the test of this.client to the act (calls then run one at a time)', false]],
    );
    const fixed = applyFixes(text, file, finding.fixes).text;
    assert.ok(
      fixed.includes(
        [
          '  async connection(): Promise<Client> {',
          '    return this.lock.runExclusive(async () => {',
          '      if (!this.client) {',
          '        this.client = await createClient();',
          '  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ race-check-then-act lazyResource',
          '      }',
          '      return this.client;',
          '    });',
          '  }',
        ].join('\n'),
      ),
      fixed,
    );
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
    const card = renderCardText(finding, 'en');
    assert.ok(card.includes('A quick fix holds this.lock, a lock this code already takes, from the test to the act'), card);
    assert.ok(!card.includes('adds the flag'), card);
    assert.ok(renderCardText(finding, 'ja').includes('クイックフィックスが、このコードがすでに使っているロック'));
  });

  it("offers to hold the module's own lock from the test to the fill, and leaves the return outside", () => {
    const { finding, file, sourceFile, text } = findingIn('experimental/cacheBesideModuleLock.ts');
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Hold mutex from the test of cache to the act (calls then run one at a time)', false]],
    );
    const fixed = applyFixes(text, file, finding.fixes).text;
    assert.ok(
      fixed.includes(
        [
          '  await mutex.runExclusive(async () => {',
          '    if (!cache.has(key)) {',
          '      const value = await load(key);',
          '      cache.set(key, value);',
          '  //  ^^^^^^^^^^^^^^^^^^^^^ race-check-then-act cache',
          '    }',
          '  });',
          '  return cache.get(key);',
        ].join('\n'),
      ),
      fixed,
    );
    assert.deepEqual(newTypeErrors(sourceFile, fixed), []);
  });

  it('stores the promise in a map cache whose values are only returned, and in no other map cache', () => {
    assert.deepEqual(
      findingIn('experimental/registryHit.ts').finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Store the promise of fetchUser(id) in this.users, so concurrent calls share it', true]],
    );
    const file = path.join(FIXTURES_ROOT, 'race-check-then-act', 'experimental', 'cacheTheMemoCannotChange.ts');
    const findings = analyzeFixture(file).findings.filter((f) => f.ruleId === 'race-check-then-act');
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.fixes.length]),
      [
        [11, 0],
        [19, 0],
        [34, 0],
        [45, 0],
        [54, 0],
      ],
    );
  });

  it('offers no lock that other modules take, that a caller holds or the section takes again, that counts, one of two, or over a narrowing', () => {
    const file = path.join(FIXTURES_ROOT, 'race-check-then-act', 'experimental', 'lockTheFixCannotTake.ts');
    const findings = analyzeFixture(file).findings.filter((f) => f.ruleId === 'race-check-then-act');
    assert.deepEqual(
      findings.map((f) => [f.range.start.line + 1, f.fixes.length]),
      [
        [15, 0],
        [30, 0],
        [51, 0],
        [72, 0],
        [88, 0],
        [113, 0],
      ],
    );
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

/** The class's own lock held over the test and the fill: the second call waits, and finds the client the first made. */
describe('race-check-then-act, the lock fix, run', () => {
  async function clientsMadeByTwoCalls(source: string): Promise<number> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    let made = 0;
    const createClient = (): Promise<object> => new Promise((resolve) => setTimeout(() => resolve({ id: ++made }), 2));
    vm.runInNewContext(js, { exports, createClient, setTimeout, require: (module: string) => (module === 'async-mutex' ? asyncMutex : undefined) });
    const Notifier = exports.Notifier as new () => { connection(): Promise<object> };
    const notifier = new Notifier();
    await Promise.all([notifier.connection(), notifier.connection()]);
    return made;
  }

  it('makes two clients before the fix and one after it', async () => {
    const { finding, file, text } = findingIn('positive/lazyClientBesideOwnLock.ts');
    assert.equal(await clientsMadeByTwoCalls(text), 2);
    assert.equal(await clientsMadeByTwoCalls(applyFixes(text, file, finding.fixes).text), 1);
  });
});

/** A map cache that stores the promise of the load: the second of two calls at once waits for the first one's load. */
describe('race-check-then-act, the map memo fix, run', () => {
  async function loadsByTwoCalls(source: string): Promise<{ loads: number; values: string[] }> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    let loads = 0;
    const load = (key: string): Promise<string> => new Promise((resolve) => setTimeout(() => resolve(`${key}#${++loads}`), 2));
    vm.runInNewContext(js, { exports, load, setTimeout });
    const lookup = exports.lookup as (key: string) => Promise<string>;
    const values = await Promise.all([lookup('menu'), lookup('menu')]);
    return { loads, values };
  }

  it('loads twice before the fix and once after it, and both calls get the same value', async () => {
    const file = path.join(FIXTURES_ROOT, 'race-check-then-act', 'experimental', 'cacheHasThenSet');
    assert.deepEqual(await loadsByTwoCalls(fs.readFileSync(`${file}.ts`, 'utf8')), { loads: 2, values: ['menu#1', 'menu#2'] });
    assert.deepEqual(await loadsByTwoCalls(fs.readFileSync(`${file}.fixed.ts`, 'utf8')), { loads: 1, values: ['menu#1', 'menu#1'] });
  });
});
