import * as assert from 'node:assert/strict';
import { docsUrl } from '../../src/core';
import { fixTitle } from '../../src/core/templateText';
import { renderCard, renderCardSummary } from '../../src/explain';
import { fencedBlock, findingWith } from './findings';

const REMOVE = { ...fixTitle('Remove unused kitchen-sync-disable directive'), edits: [], isPreferred: true };

const unusedNextLine = findingWith(
  'unused-suppression',
  { card: 'suppression', directive: '// kitchen-sync-disable-next-line sequential-await -- the API is rate limited' },
  { messageId: 'unusedRule', data: { ruleId: 'sequential-await' }, fixes: [REMOVE] },
);
const unusedFileWide = findingWith(
  'unused-suppression',
  { card: 'suppression', directive: '/* kitchen-sync-disable */' },
  { messageId: 'unusedAll', fixes: [REMOVE] },
);
const typo = findingWith(
  'invalid-suppression',
  { card: 'suppression', directive: '// kitchen-sync-disable-next-line unused-supression' },
  { messageId: 'unknownRule', data: { ruleId: 'unused-supression' } },
);

describe('suppression cards', () => {
  it('explains an unused directive, its scope and the fix', () => {
    const card = renderCard(unusedNextLine, 'en');
    assert.ok(card.startsWith('### This directive suppresses nothing\n\n> A "leave this alone" note on an empty counter'), card);
    assert.deepEqual(fencedBlock(card, 'ts'), ['// kitchen-sync-disable-next-line sequential-await -- the API is rate limited']);
    assert.ok(card.includes('It asks Kitchen Sync not to report `sequential-await` on the next line.'), card);
    assert.ok(card.includes('Left in place, it would silently hide the next real finding.'), card);
    assert.ok(card.includes('**The fix**\n\nRemove the directive, or move it to the line it was meant for.\n\nThe quick fix removes it for you.'), card);
    assert.ok(card.endsWith(`Rule documentation: [unused-suppression](${docsUrl('unused-suppression')})\n`), card);
  });

  it('tells a file-wide directive for every rule apart from a next-line one', () => {
    assert.ok(renderCard(unusedFileWide, 'en').includes('It asks Kitchen Sync not to report anything in this file.'));
    assert.ok(renderCard(unusedFileWide, 'ja').includes('このディレクティブは、このファイルでは何も報告しないよう Kitchen Sync に指示するものです。'));
  });

  it('explains an unused directive in Japanese', () => {
    const card = renderCard(unusedNextLine, 'ja');
    assert.ok(card.startsWith('### このディレクティブは何も抑制していません\n\n> 何も置いていない調理台に「触らないで」の貼り紙。'), card);
    assert.ok(card.includes('このディレクティブは、次の行の `sequential-await` を報告しないよう Kitchen Sync に指示するものです。'), card);
    assert.ok(card.includes('**直し方**\n\nディレクティブを削除するか、本来の行に移してください。'), card);
    assert.ok(card.endsWith(`ルールのドキュメント：[unused-suppression](${docsUrl('unused-suppression')})\n`), card);
  });

  it('suggests the rule a misspelt id most likely meant', () => {
    const card = renderCard(typo, 'en');
    assert.ok(card.startsWith('### This directive names a rule that does not exist'), card);
    assert.ok(card.includes('But `unused-supression` is not a Kitchen Sync rule, so the directive hides nothing.'), card);
    assert.ok(card.includes('Did you mean `unused-suppression`? The rules Kitchen Sync knows: '), card);
    assert.ok(card.includes('`invalid-suppression`'), card);
    assert.ok(renderCard(typo, 'ja').includes('`unused-suppression` のことでしょうか？'));
  });

  it('gives the gist and the fix in the hover, pointing at the rule a typo meant', () => {
    const parts = (finding: typeof typo) => renderCardSummary(finding, 'en', 'command:open').trimEnd().split('\n\n');
    assert.deepEqual(parts(unusedNextLine).slice(1, -1), [
      '> A "leave this alone" note on an empty counter.',
      '**The fix:** Remove the directive, or move it to the line it was meant for.',
    ]);
    assert.equal(parts(typo).at(-2), '**The fix:** Did you mean `unused-suppression`?');
    assert.equal(parts({ ...typo, data: { ruleId: 'no-floating-promises' } }).at(-2), '**The fix:** Name one of the rules Kitchen Sync knows.');
  });

  it('lists the known rules when nothing is close', () => {
    const card = renderCard({ ...typo, data: { ruleId: 'no-floating-promises' } }, 'en');
    assert.ok(card.includes('Name one of the rules Kitchen Sync knows: '), card);
    assert.ok(!card.includes('Did you mean'), card);
  });
});
