// The JSON format: the core's Finding and Problem shapes, absolute paths, stable order.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding } from '../../src/core';
import { removeWorkspace, runCli, workspace } from './cliHarness';
import { RANGES, SAMPLE_FILES } from './sampleWorkspace';

describe('kitchen-sync --format json', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  before(function () {
    this.timeout(300_000);
    root = workspace(SAMPLE_FILES);
  });
  after(() => removeWorkspace(root));

  it('prints every finding as the core made it, sorted by file and position', () => {
    const run = runCli(['--format', 'json'], root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const output = JSON.parse(run.stdout) as { findings: Finding[]; problems: unknown[]; summary: Record<string, number> };
    assert.deepEqual(Object.keys(output), ['findings', 'problems', 'summary']);
    const directives = path.join(root, 'src', 'directives.ts');
    const profile = path.join(root, 'src', 'profile.ts');
    assert.deepEqual(
      output.findings.map((f) => [f.ruleId, f.file, f.range]),
      [
        ['unused-suppression', directives, RANGES.unusedSuppression],
        ['invalid-suppression', directives, RANGES.invalidSuppression],
        ['sequential-await', profile, RANGES.sequentialAwait],
      ],
    );

    const [unused, invalid, sequential] = output.findings;
    assert.deepEqual(unused, {
      ruleId: 'unused-suppression',
      file: directives,
      range: RANGES.unusedSuppression,
      severity: 'warning',
      message: "This directive disables 'invalid-suppression', but there is no 'invalid-suppression' finding here to suppress.",
      messageId: 'unusedRule',
      data: { ruleId: 'invalid-suppression' },
      related: [],
      fixes: [
        {
          title: 'Remove unused kitchen-sync-disable directive',
          titleTemplate: { template: 'Remove unused kitchen-sync-disable directive', data: {} },
          edits: [{ file: directives, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' }],
          isPreferred: true,
        },
      ],
      explanation: { card: 'suppression', directive: '// kitchen-sync-disable-next-line invalid-suppression -- nothing to hide here' },
      experimental: false,
    });
    assert.deepEqual(invalid, {
      ruleId: 'invalid-suppression',
      file: directives,
      range: RANGES.invalidSuppression,
      severity: 'warning',
      message: "Unknown rule 'no-such-rule' in a kitchen-sync-disable directive.",
      messageId: 'unknownRule',
      data: { ruleId: 'no-such-rule' },
      related: [],
      fixes: [],
      explanation: { card: 'suppression', directive: '// kitchen-sync-disable-next-line no-such-rule' },
      experimental: false,
    });

    // Field order is part of the format: tools diff these files.
    assert.deepEqual(Object.keys(sequential), [
      'ruleId',
      'file',
      'range',
      'severity',
      'message',
      'messageId',
      'data',
      'related',
      'fixes',
      'explanation',
      'experimental',
    ]);
    assert.equal(sequential.experimental, false);
    assert.equal(sequential.severity, 'warning');
    assert.deepEqual(
      sequential.related.map((r) => [r.file, r.range]),
      [[profile, RANGES.sequentialAwaitRelated]],
    );
    assert.equal(sequential.fixes.filter((f) => f.isPreferred).length, 1);
    assert.equal(sequential.explanation.card, 'sequential-await');

    assert.deepEqual(output.problems, []);
    assert.deepEqual(output.summary, {
      filesAnalysed: 2,
      findings: 3,
      errors: 0,
      warnings: 3,
      infos: 0,
      hints: 0,
      fixable: 2,
      fixesApplied: 0,
      filesFixed: 0,
      filesNotAnalysed: 0,
      filesWithDefaultOptions: 0,
    });
  });

  it('--experimental adds the findings the rules are less sure of', () => {
    // Two sends: the names say they write, so their order may matter to someone.
    const sends = workspace({
      'notify.ts': `declare function sendReceipt(email: string): Promise<void>;
declare function sendText(phone: string): Promise<void>;

export async function confirm(email: string, phone: string) {
  await sendReceipt(email);
  await sendText(phone);
}
`,
    });
    try {
      assert.deepEqual(runCli(['-f', 'json'], sends).status, 0);
      const experimental = JSON.parse(runCli(['-f', 'json', '--experimental'], sends).stdout) as { findings: Finding[] };
      assert.deepEqual(
        experimental.findings.map((f) => [f.ruleId, f.range, f.experimental]),
        [['sequential-await', { start: { line: 5, character: 2 }, end: { line: 5, character: 23 } }, true]],
      );
    } finally {
      removeWorkspace(sends);
    }
  });

  it("--rule <id>=off removes that rule's findings, and a lower severity no longer fails the run", () => {
    const off = JSON.parse(runCli(['-f', 'json', '--rule', 'sequential-await=off'], root).stdout) as { findings: Finding[] };
    assert.deepEqual(
      off.findings.map((f) => f.ruleId),
      ['unused-suppression', 'invalid-suppression'],
    );

    const run = runCli(['-f', 'json', '--rule', 'sequential-await=info', '--rule', 'unused-suppression=info', '--rule', 'invalid-suppression=hint'], root);
    const lowered = JSON.parse(run.stdout) as { findings: Finding[] };
    assert.deepEqual(
      lowered.findings.map((f) => [f.ruleId, f.severity]),
      [
        ['unused-suppression', 'info'],
        ['invalid-suppression', 'hint'],
        ['sequential-await', 'info'],
      ],
    );
    assert.equal(run.status, 0, 'info and hint findings do not fail the run');
  });
});
