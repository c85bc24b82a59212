import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Node, SyntaxKind, ts } from 'ts-morph';
import { analyzeFile, withDefaults, type AnalyzerSettings, type Finding } from '../../src/core';
import type { AwaitInLoopFacts } from '../../src/core/explanationFacts';
import { loopVerdict } from '../../src/core/awaits/loopIndependence';
import { calleeSummary } from '../../src/core/awaits/calleeSummary';
import { callSharesState } from '../../src/core/awaits/loopCalleeState';
import { enclosingLoop, isLoopStatement, loopShape } from '../../src/core/awaits/loopShape';
import { awaitability } from '../../src/core/awaits/promiseLike';
import { renderCardText } from '../../src/explain';
import { analyzeFixture, describeRuleFixtures, FIXTURES_ROOT } from '../support/fixtures';

describeRuleFixtures('await-in-loop');

const ruleDir = path.join(FIXTURES_ROOT, 'await-in-loop');

function findingsIn(tier: string, name: string): Finding[] {
  return analyzeFixture(path.join(ruleDir, tier, name)).findings.filter((f) => f.ruleId === 'await-in-loop');
}

function factsIn(tier: string, name: string): AwaitInLoopFacts[] {
  return findingsIn(tier, name).map((f) => f.explanation as AwaitInLoopFacts);
}

describe('await-in-loop messages and card facts', () => {
  it('names the call and the collection in the message', () => {
    assert.deepEqual(
      findingsIn('positive', 'push-into-fresh-array.ts').map((f) => f.message),
      ['`fetchUser(id)` is awaited once per item of `memberIds`, one after another; the iterations do not depend on each other.'],
    );
  });

  it('counts a counted loop by its bound and a for-in loop by its keys', () => {
    assert.deepEqual(
      findingsIn('positive', 'counted-loop.ts').map((f) => f.message),
      ['`createTestAccount(i)` is awaited `count` times, one after another; the iterations do not depend on each other.'],
    );
    assert.deepEqual(
      findingsIn('positive', 'for-in-over-regions.ts').map((f) => f.message),
      ['`pingRegion(region, endpoints[region])` is awaited once per key of `endpoints`, one after another; the iterations do not depend on each other.'],
    );
  });

  it('shortens a long call to its callee', () => {
    assert.deepEqual(
      factsIn('positive', 'while-with-index.ts').map((f) => f.call),
      ['sendEmail(…)'],
    );
  });

  // The card advises bounded concurrency only where the number of passes has no obvious cap.
  const facts: Array<[string, Omit<AwaitInLoopFacts, 'card' | 'call'>]> = [
    ['push-into-fresh-array.ts', { iterable: 'memberIds', count: 'memberIds.length', unbounded: true }],
    ['index-loop.ts', { iterable: 'orderIds', count: 'orderIds.length', unbounded: true }],
    ['counted-loop.ts', { iterable: 'count', count: 'count', unbounded: true }],
    ['over-a-set.ts', { iterable: 'hosts', count: 'hosts.size', unbounded: true }],
    ['for-in-over-regions.ts', { iterable: 'endpoints', count: 'Object.keys(endpoints).length', unbounded: true }],
    ['nested-loops.ts', { iterable: 'team.members', count: 'team.members.length', unbounded: true }],
    ['nested-in-method-callback.ts', { iterable: 'this.tenants', count: 'this.tenants.length', unbounded: false }],
    ['read-files.js', { iterable: 'paths', count: undefined, unbounded: true }],
  ];
  for (const [name, expected] of facts) {
    it(`facts for ${name}`, () => {
      const [first] = factsIn('positive', name);
      assert.ok(first, `no finding in ${name}`);
      assert.deepEqual({ iterable: first.iterable, count: first.count, unbounded: first.unbounded }, expected);
    });
  }

  it('reports a loop over a literal of a few items in the experimental tier, with its facts', () => {
    const [first] = factsIn('experimental', 'literal-regions.ts');
    assert.ok(first, 'no finding in literal-regions.ts');
    assert.deepEqual(
      { iterable: first.iterable, count: first.count, unbounded: first.unbounded },
      { iterable: "['eu-west-1', …]", count: '3', unbounded: false },
    );
    assert.ok(findingsIn('experimental', 'literal-regions.ts').every((f) => f.experimental));
  });

  it('gives every finding of one loop the same Promise.all fix', () => {
    const findings = findingsIn('positive', 'push-after-two-awaits.ts');
    assert.equal(findings.length, 2);
    assert.deepEqual(findings[0].fixes, findings[1].fixes);
    assert.deepEqual(
      findings[0].fixes.map((f) => [f.title, f.isPreferred]),
      [['Run the iterations together with Promise.all', true]],
    );
  });

  it('says when the request sets the number of items, and offers only a fix that starts a few at a time', () => {
    for (const name of ['ids-from-request-body.ts', 'koa-request-body.ts', 'ids-from-search-params.ts', 'ids-from-parsed-body.ts']) {
      assert.deepEqual(
        factsIn('positive', name).map((f) => [f.fromRequest, f.unbounded]),
        [[true, true]],
        name,
      );
    }
    for (const name of ['ids-from-request-body.ts', 'koa-request-body.ts', 'ids-from-search-params.ts']) {
      assert.deepEqual(
        findingsIn('positive', name).flatMap((f) => f.fixes.map((fix) => [fix.title, fix.isPreferred])),
        [['Run the iterations 10 at a time with Promise.all', true]],
        name,
      );
    }
    // A counted loop over the items has no array of passes to slice: no fix rather than one that starts them all.
    assert.deepEqual(
      findingsIn('positive', 'ids-from-parsed-body.ts').flatMap((f) => f.fixes),
      [],
    );
    assert.equal(factsIn('positive', 'push-into-fresh-array.ts')[0].fromRequest, undefined, 'a parameter is not request input');
  });

  it("bounds request input with the package's own limiter when it has one, and says so on the card", () => {
    const [finding] = findingsIn('positive', path.join('request-items-with-package-limiter', 'users.ts'));
    assert.deepEqual(
      finding.fixes.map((fix) => [fix.title, fix.isPreferred]),
      [['Run the iterations at most 10 at a time with pLimit', true]],
    );
    const facts = finding.explanation as AwaitInLoopFacts;
    assert.deepEqual([facts.fromRequest, facts.limiter], [true, 'pLimit']);
    assert.ok(renderCardText(finding, 'en').includes('The quick fix does that with pLimit, the limiter this package already uses'));
    // Without a limiter in the package, or with one listed that no file imports yet, the chunks.
    assert.equal(factsIn('positive', 'ids-from-request-body.ts')[0].limiter, undefined);
    const [listedOnly] = findingsIn('positive', path.join('request-items-with-unused-limiter-dependency', 'users.ts'));
    assert.deepEqual(
      listedOnly.fixes.map((fix) => fix.title),
      ['Run the iterations 10 at a time with Promise.all'],
    );
  });

  it('offers no fix where the loop does not only collect results', () => {
    for (const name of ['fetch-then-email.ts', 'while-with-index.ts', 'per-item-error-handling.ts', 'send-welcome-emails.js']) {
      assert.deepEqual(
        findingsIn('positive', name).flatMap((f) => f.fixes),
        [],
        name,
      );
    }
  });

  it('reports the experimental cases only in the experimental tier', () => {
    const dir = path.join(ruleDir, 'experimental');
    // Case folders too: a case under `scripts/` is experimental because of where it lives.
    const cases = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[jt]sx?$/.test(f) && !f.includes('.fixed.'));
    for (const name of cases) {
      const { sourceFile } = analyzeFixture(path.join(dir, name));
      const stable = analyzeFile(sourceFile, withDefaults({ experimental: false })).findings.filter((f) => f.ruleId === 'await-in-loop');
      assert.deepEqual(
        stable.map((f) => f.message),
        [],
        name,
      );
    }
  });
});

/**
 * Each negative case says why it is silent, on the line above the loop or await:
 * `// silent: <reason>`. A case silent for another reason than the one it was written
 * for would pass the fixture test without testing anything.
 */
describe('await-in-loop stays silent for the stated reason', () => {
  const dir = path.join(ruleDir, 'negative');
  const settings = withDefaults(undefined);
  for (const name of fs.readdirSync(dir).filter((f) => !f.includes('.fixed.'))) {
    it(name, () => {
      const { sourceFile } = analyzeFixture(path.join(dir, name));
      const lines = sourceFile.getFullText().split('\n');
      const stated = lines.flatMap((line, index) => {
        const match = /\/\/ silent: ([\w-]+)/.exec(line);
        return match ? [{ line: index + 2, reason: match[1] }] : [];
      });
      assert.ok(stated.length > 0, 'a negative case states why it is silent');
      for (const { line, reason } of stated) {
        const node = sourceFile
          .getDescendants()
          .find((n) => n.getStartLineNumber() === line && (isLoopStatement(n) || Node.isAwaitExpression(n) || Node.isExpressionStatement(n)));
        assert.ok(node, `no loop or await on line ${line}`);
        assert.equal(silenceReason(node, settings), reason, `line ${line}`);
      }
    });
  }
});

describe('await-in-loop stays silent in the experimental tier too', () => {
  const names = [
    'sequelize-transaction-option.ts',
    'transaction-from-context.ts',
    'typeorm-query-runner.ts',
    'comment-says-one-at-a-time.ts',
    'function-named-sequentially.ts',
    'open-diff-editors.ts',
    'open-then-show-documents.ts',
    'settings-store-writes.ts',
    'git-command-on-one-repository.ts',
    'transaction-decorator.ts',
    'transaction-callbacks.ts',
    'closure-narrows-outer-variable.ts',
    'publish-events.ts',
    'configured-hooks.ts',
  ];
  for (const name of names) {
    it(name, () => {
      const { sourceFile } = analyzeFixture(path.join(ruleDir, 'negative', name));
      const findings = analyzeFile(sourceFile, withDefaults({ experimental: true })).findings.filter((f) => f.ruleId === 'await-in-loop');
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
    });
  }
});

// Passes coupled through the store or through the callee's state: less sure, not silent.
describe('await-in-loop reports shared state in the experimental tier', () => {
  for (const name of ['find-or-create-inline.ts', 'callee-checks-then-creates.ts', 'call-through-call-method.ts']) {
    it(name, () => {
      const { sourceFile } = analyzeFixture(path.join(ruleDir, 'negative', name));
      const findings = analyzeFile(sourceFile, withDefaults({ experimental: true })).findings.filter((f) => f.ruleId === 'await-in-loop');
      assert.ok(findings.length > 0);
      assert.ok(findings.every((f) => f.experimental && f.fixes.length === 0));
    });
  }
});

function silenceReason(node: Node, settings: AnalyzerSettings): string {
  if (isLoopStatement(node)) {
    const verdict = loopVerdict(node, settings);
    return verdict.kind === 'dependent' ? verdict.reason : verdict.kind;
  }
  const awaitExpression = Node.isAwaitExpression(node) ? node : node.getFirstDescendantByKind(SyntaxKind.AwaitExpression);
  if (!awaitExpression) return 'not-an-await';
  const loop = enclosingLoop(awaitExpression);
  if (!loop) return 'not-in-loop';
  const operand = awaitExpression.getExpression();
  if (!Node.isCallExpression(operand)) return 'already-started';
  if (/^Promise\./.test(operand.getExpression().getText())) return 'combinator';
  if (operand.getExpression().getKind() === SyntaxKind.ImportKeyword) return 'dynamic-import';
  const awaitable = awaitability(operand, node.getProject().getTypeChecker());
  if (awaitable !== 'thenable') return awaitable;
  if (calleeSummary(operand, settings)?.idle) return 'idle-callee';
  // Reported only in the experimental tier: the call shares state between the passes.
  const shape = loopShape(loop);
  return shape && callSharesState(operand, shape, settings) ? 'shares-state' : awaitable;
}

/**
 * The chunked fix, compiled and run on 25 ids: before it, one call at a time; after it, never
 * more than ten at once, and the results in the order of the ids.
 */
describe('await-in-loop, the fix for request input, run', () => {
  async function run(source: string): Promise<{ most: number; order: string[] }> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: Record<string, unknown> = {};
    let running = 0;
    let most = 0;
    const fetchUser = async (id: string): Promise<{ id: string }> => {
      most = Math.max(most, ++running);
      // Later ids answer sooner, so an order kept by accident would show.
      await new Promise((resolve) => setTimeout(resolve, 30 - Number(id)));
      running--;
      return { id };
    };
    vm.runInNewContext(js, {
      exports,
      fetchUser,
      setTimeout,
      require: (module: string) => (module === 'p-limit' ? Object.assign(queueLimiter, { default: queueLimiter }) : undefined),
    });
    let sent: unknown;
    const ids = Array.from({ length: 25 }, (_, i) => String(i));
    await (exports.usersHandler as (req: unknown, res: unknown) => Promise<void>)({ body: { ids } }, { json: (body: unknown) => (sent = body) });
    // Copied into this realm: arrays made inside the sandbox have its own Array prototype.
    return { most, order: Array.from(sent as Array<{ id: string }>, (u) => u.id) };
  }

  /** p-limit's contract (a CommonJS module whose export is also its `default`): at most `concurrency` functions running, the next one started as one settles. */
  function queueLimiter(concurrency: number) {
    let active = 0;
    const waiting: Array<() => void> = [];
    const startNext = (): void => {
      if (active >= concurrency || waiting.length === 0) return;
      active++;
      waiting.shift()!();
    };
    return <T>(fn: () => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          fn()
            .then(resolve, reject)
            .finally(() => {
              active--;
              startNext();
            });
        });
        startNext();
      });
  }

  it('with the package limiter, keeps at most ten calls running and the order of the results', async () => {
    const file = path.join(ruleDir, 'positive', 'request-items-with-package-limiter', 'users');
    const ids = Array.from({ length: 25 }, (_, i) => String(i));
    assert.deepEqual(await run(fs.readFileSync(`${file}.ts`, 'utf8')), { most: 1, order: ids });
    assert.deepEqual(await run(fs.readFileSync(`${file}.fixed.ts`, 'utf8')), { most: 10, order: ids });
  });

  it('starts at most ten calls at once and keeps the order of the results', async () => {
    const file = path.join(ruleDir, 'positive', 'ids-from-request-body');
    const ids = Array.from({ length: 25 }, (_, i) => String(i));
    assert.deepEqual(await run(fs.readFileSync(`${file}.ts`, 'utf8')), { most: 1, order: ids });
    assert.deepEqual(await run(fs.readFileSync(`${file}.fixed.ts`, 'utf8')), { most: 10, order: ids });
  });
});
