// The per-file time budget (`fileTimeBudgetMs`): rules cannot be interrupted, so it is
// checked between them. A file that has used it up keeps the findings so far and gets one
// 'skipped' problem naming the rules that did not run.
import * as assert from 'node:assert/strict';
import { Project } from 'ts-morph';
import { allRules, analyzeFile, withDefaults } from '../../src/core';
import { SEED_CODE } from './seedCode';

/** Thousands of lines of async code: more than a millisecond's work for any rule. */
function pathologicalFile(project: Project, text = `${SEED_CODE}${bodyCopies(60)}`) {
  return project.createSourceFile('/budget/pathological.ts', text, { overwrite: true });
}

function bodyCopies(count: number): string {
  const body = SEED_CODE.replace(/^(import|declare|const \w+Lock = ).*\n/gm, '');
  return Array.from({ length: count }, (_, copy) => body.replace(/export async function (\w+)/g, `export async function $1_${copy}`)).join('\n');
}

/** The rules that run by default, in order (experimental ones do not). */
const CHECKED_RULE_IDS = allRules.filter((rule) => !rule.meta.experimental).map((rule) => rule.meta.id);

describe('robustness: per-file time budget', function () {
  this.timeout(120_000);
  const project = new Project({ compilerOptions: { strict: true, target: 9 /* ES2022 */, skipLibCheck: true } });

  it('stops after the first rule on a file that takes longer than a 1 ms budget', () => {
    const started = performance.now();
    const result = analyzeFile(pathologicalFile(project), withDefaults({ fileTimeBudgetMs: 1 }));
    const elapsed = performance.now() - started;
    const skipped = result.problems.filter((problem) => problem.kind === 'skipped');
    assert.equal(skipped.length, 1, JSON.stringify(result.problems));
    // The first rule always runs (the budget is checked before each rule); its findings are kept.
    const [first, ...rest] = CHECKED_RULE_IDS;
    assert.ok(result.findings.length > 0 && result.findings.every((finding) => finding.ruleId === first), JSON.stringify(result.findings.map((f) => f.ruleId)));
    assert.equal(/did not run on it: (.+)\.$/.exec(skipped[0].message)?.[1], rest.join(', '));
    assert.deepEqual(skipped[0].rules, rest);
    const full = analyzeFile(pathologicalFile(project), withDefaults({ fileTimeBudgetMs: Number.POSITIVE_INFINITY }));
    assert.deepEqual(full.problems, []);
    assert.ok(new Set(full.findings.map((f) => f.ruleId)).size > 1, 'without a budget every rule reports');
    assert.ok(elapsed < 60_000, `budgeted analysis took ${Math.round(elapsed)} ms`);
  });

  it('does not report a directive as unused when its rule was skipped', () => {
    const text = `// kitchen-sync-disable-next-line lock-order -- reviewed\n${SEED_CODE}${bodyCopies(20)}`;
    const result = analyzeFile(pathologicalFile(project, text), withDefaults({ fileTimeBudgetMs: 1 }));
    assert.ok(result.problems.some((problem) => problem.kind === 'skipped'));
    assert.deepEqual(
      result.findings.filter((finding) => finding.ruleId === 'unused-suppression'),
      [],
    );
  });

  it('runs every rule within the default budget on an ordinary file', () => {
    const result = analyzeFile(pathologicalFile(project, SEED_CODE), withDefaults({}));
    assert.deepEqual(result.problems, []);
    assert.deepEqual([...new Set(result.findings.map((f) => f.ruleId))].sort(), [
      'await-in-loop',
      'blocking-call',
      'blocking-loop',
      'lock-order',
      'sequential-await',
    ]);
  });
});
