import * as assert from 'node:assert/strict';
import { localizedMessage } from '../../src/explain';
import { findingWith } from './findings';

const unknownRule = findingWith(
  'invalid-suppression',
  { card: 'suppression', directive: '// kitchen-sync-disable-next-line no-such-rule' },
  { messageId: 'unknownRule', data: { ruleId: 'no-such-rule' }, message: "Unknown rule 'no-such-rule' in a kitchen-sync-disable directive." },
);

describe('localizedMessage', () => {
  it("fills the rule's English template with the finding's data", () => {
    assert.equal(localizedMessage(unknownRule, 'en'), "Unknown rule 'no-such-rule' in a kitchen-sync-disable directive.");
  });

  it('translates the template and fills in the same data in Japanese', () => {
    assert.equal(localizedMessage(unknownRule, 'ja'), "kitchen-sync-disable ディレクティブに未知のルール 'no-such-rule' が指定されています。");
  });

  it('fills a placeholder used twice', () => {
    const unused = findingWith(
      'unused-suppression',
      { card: 'suppression', directive: '// kitchen-sync-disable-next-line await-in-loop' },
      { messageId: 'unusedRule', data: { ruleId: 'await-in-loop' } },
    );
    assert.equal(
      localizedMessage(unused, 'ja'),
      "このディレクティブは 'await-in-loop' を無効にしていますが、ここには抑制する 'await-in-loop' の指摘がありません。",
    );
  });

  it('translates a message without placeholders', () => {
    const unusedAll = findingWith('unused-suppression', { card: 'suppression', directive: '// kitchen-sync-disable-next-line' }, { messageId: 'unusedAll' });
    assert.equal(localizedMessage(unusedAll, 'ja'), 'このディレクティブはすべてのルールを無効にしていますが、ここには抑制する指摘がありません。');
  });

  it("falls back to the finding's own message when the rule or message id is unknown", () => {
    assert.equal(localizedMessage({ ...unknownRule, ruleId: 'from-a-newer-version' }, 'ja'), unknownRule.message);
    assert.equal(localizedMessage({ ...unknownRule, messageId: 'renamed' }, 'ja'), unknownRule.message);
  });
});
