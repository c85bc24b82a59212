// A generated function with thousands of independent awaits: a group is one finding, and
// groups stop at MAX_GROUP_SIZE, so the findings' JSON grows with the awaits, not with their
// square (each finding once carried the whole group's explanation and fix: 40 MB at 1,000
// awaits, and `JSON.stringify` threw at 4,000).
import * as assert from 'node:assert/strict';
import { wideAwaitSource } from '../../bench/wideAwaitGroups';
import { analyzeFile, createLooseProject, withDefaults, type Finding } from '../../src/core';
import { MAX_GROUP_SIZE } from '../../src/core/rules/sequentialAwait';

function sequentialAwaits(awaits: number): Finding[] {
  const sourceFile = createLooseProject().createSourceFile(`/virtual/wide${awaits}.ts`, wideAwaitSource(awaits));
  const result = analyzeFile(sourceFile, withDefaults({}));
  assert.deepEqual(result.problems, []);
  return result.findings.filter((f) => f.ruleId === 'sequential-await');
}

describe('robustness: one function with thousands of awaits', function () {
  // Analysing 7,500 awaits in all; a busy machine makes it slow, never wrong.
  this.timeout(120_000);
  const small = 2_500;
  const large = 5_000;
  let findings: Finding[];
  let smallFindings: Finding[];
  before(() => {
    smallFindings = sequentialAwaits(small);
    findings = sequentialAwaits(large);
  });

  it('reports each group of at most MAX_GROUP_SIZE awaits once, on its second await', () => {
    assert.equal(MAX_GROUP_SIZE, 50);
    assert.equal(findings.length, large / MAX_GROUP_SIZE);
    // Line 2 holds `p0`: each group's second await is p1, p51, p101…
    assert.deepEqual(
      findings.slice(0, 3).map((f) => [f.range.start.line, f.messageId, f.related.length]),
      [
        [3, 'sequentialGroup', MAX_GROUP_SIZE - 1],
        [3 + MAX_GROUP_SIZE, 'sequentialGroup', MAX_GROUP_SIZE - 1],
        [3 + 2 * MAX_GROUP_SIZE, 'sequentialGroup', MAX_GROUP_SIZE - 1],
      ],
    );
  });

  it('gives each group one fix that gathers exactly its own awaits', () => {
    const [first] = findings;
    assert.equal(first.fixes.length, 1);
    const [edit] = first.fixes[0].edits;
    assert.deepEqual(edit.range, { start: { line: 2, character: 2 }, end: { line: 2 + MAX_GROUP_SIZE - 1, character: 34 } });
    assert.equal(edit.newText.split('\n')[0], `const [${Array.from({ length: MAX_GROUP_SIZE }, (_, i) => `p${i}`).join(', ')}] = await Promise.all([`);
    assert.equal((edit.newText.match(/fetchPart\(/g) ?? []).length, MAX_GROUP_SIZE);
  });

  it('keeps the output linear: twice the awaits, about twice the JSON', () => {
    const ratio = JSON.stringify(findings).length / JSON.stringify(smallFindings).length;
    // Longer numbers in longer names make it a little more than 2; a quadratic output makes it 4.
    assert.ok(ratio > 1.9 && ratio < 2.2, `JSON grew ${ratio.toFixed(2)} times for twice the awaits`);
  });
});
