// The hover's first layer: what fits VS Code's hover box (about 250 px) without scrolling,
// below the diagnostic's message. Title, the analogy in one sentence, the fix in one sentence,
// and the links; the timeline, the caveats and the worked fix stay in the whole card.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzePaths, defaultSettings, type Finding } from '../../src/core';
import { renderCardSummary } from '../../src/explain';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const LINK = 'command:kitchenSync.openCard?%5B%5D';
/** About three lines of hover text at VS Code's default width; the UI suite measures the real box. */
const MAX_PROSE = 360;

describe('hover summaries of the cards', () => {
  let findings: Finding[];

  before(function () {
    this.timeout(60_000);
    // One finding of each card the examples produce, the experimental tier included.
    const result = analyzePaths(
      ['orders', 'server', 'locks'].map((name) => path.join(EXAMPLES, name)),
      { ...defaultSettings(), experimental: true },
    );
    const seen = new Set<string>();
    findings = result.findings.filter((finding) => {
      const key = `${finding.ruleId}/${finding.messageId}`;
      return !seen.has(key) && seen.add(key);
    });
  });

  it('covers a card of every rule family in the examples', () => {
    const rules = new Set(findings.map((finding) => finding.ruleId));
    for (const rule of [
      'sequential-await',
      'await-in-loop',
      'blocking-call',
      'blocking-loop',
      'lock-order',
      'lock-reentry',
      'lock-leak',
      'race-lost-update',
      'race-check-then-act',
    ]) {
      assert.ok(rules.has(rule), `the examples have a ${rule} finding`);
    }
  });

  it('gives the gist and the fix, then links to the whole card and the docs', () => {
    const checkout = findings.find((finding) => finding.ruleId === 'sequential-await' && finding.messageId === 'sequential');
    assert.ok(checkout);
    assert.equal(
      renderCardSummary(checkout, 'en', LINK),
      [
        '### These awaits could run together',
        '> A good cook measures the mayonnaise while the microwave runs, not after it beeps.',
        '**The fix:** Start them together and wait once, with `Promise.all`.',
        `[Open the whole card](${LINK}) · [Rule documentation](https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/sequential-await.md)`,
      ].join('\n\n') + '\n',
    );
    assert.equal(
      renderCardSummary(checkout, 'ja', LINK),
      [
        '### この await は、並行に待てます',
        '> できるコックさんは、レンジが鳴ってからではなく、回っている間にマヨネーズを量ります。',
        '**直し方：** `Promise.all` で同時に始めて、待つのは一度だけにしましょう。',
        `[カード全体を開く](${LINK}) · [ルールのドキュメント](https://github.com/kitchen-sync/kitchen-sync/blob/main/docs/rules/sequential-await.md)`,
      ].join('\n\n') + '\n',
    );
  });

  for (const locale of ['en', 'ja'] as const) {
    it(`keeps every card's first layer to a title, the gist, the fix and the links (${locale})`, () => {
      for (const finding of findings) {
        const summary = renderCardSummary(finding, locale, LINK);
        const where = `${finding.ruleId}/${finding.messageId} in ${locale}:\n${summary}`;
        const parts = summary.trimEnd().split('\n\n');
        assert.equal(parts.length, 4, where);
        assert.match(parts[0], /^### \S/, where);
        assert.match(parts[1], /^> \S/, where);
        assert.match(parts[2], locale === 'en' ? /^\*\*The fix:\*\* \S/ : /^\*\*直し方：\*\* \S/, where);
        assert.ok(parts[3].includes(`](${LINK})`), where);
        assert.ok(!summary.includes('```'), `no picture or code block: ${where}`);
        const prose = parts.slice(0, 3).join(' ').replace(/`/g, '');
        assert.ok(prose.length <= MAX_PROSE, `${prose.length} characters: ${where}`);
      }
    });
  }
});
