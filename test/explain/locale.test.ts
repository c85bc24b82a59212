import * as assert from 'node:assert/strict';
import { localizedMessage, parseLocale, renderCard, renderCardText } from '../../src/explain';
import { fetchEveryUser, findingWith, loadDashboard } from './findings';

describe('locales', () => {
  it('maps VS Code display languages and --locale values', () => {
    for (const language of ['ja', 'ja-JP', 'JA-jp', 'ja_JP']) assert.equal(parseLocale(language), 'ja', language);
    for (const language of ['en', 'en-US', 'de', 'zh-cn', 'jav', '']) assert.equal(parseLocale(language), 'en', language);
  });

  it('answers in the asked language each time when switching back and forth in one process', () => {
    const unknownRule = findingWith(
      'invalid-suppression',
      { card: 'suppression', directive: '// kitchen-sync-disable-next-line nope' },
      { messageId: 'unknownRule', data: { ruleId: 'nope' } },
    );
    for (const locale of ['ja', 'en', 'en', 'ja', 'en', 'ja'] as const) {
      const japanese = locale === 'ja';
      assert.equal(renderCard(loadDashboard, locale).startsWith(japanese ? '### この await は' : '### These awaits'), true, `card in ${locale}`);
      assert.equal(renderCardText(fetchEveryUser, locale).startsWith(japanese ? 'このループは' : 'Each pass'), true, `text card in ${locale}`);
      assert.equal(
        localizedMessage(unknownRule, locale).startsWith(japanese ? 'kitchen-sync-disable ディレクティブ' : 'Unknown rule'),
        true,
        `message in ${locale}`,
      );
    }
  });
});
