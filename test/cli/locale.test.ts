// --locale and the environment's language: messages and cards come out of src/explain in
// the chosen language, in every format.
import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core';
import { localizedMessage, localizedText } from '../../src/explain';
import { removeWorkspace, runCli, workspace } from './cliHarness';
import { SAMPLE_FILES } from './sampleWorkspace';

/** The parts of a SARIF log these tests read. */
interface SarifLog {
  runs: Array<{
    results: Array<{
      message: { text: string };
      relatedLocations: Array<{ message: { text: string } }>;
      fixes: Array<{ description: { text: string } }>;
    }>;
  }>;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A finding without the texts a locale changes: what must stay the same in every language. */
function withoutTexts(finding: Finding): Finding {
  return {
    ...finding,
    message: '',
    related: finding.related.map((related) => ({ ...related, message: '' })),
    fixes: finding.fixes.map((fix) => ({ ...fix, title: '' })),
  };
}

describe('kitchen-sync --locale', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  let root: string;
  let english: Finding[];
  before(function () {
    this.timeout(300_000);
    root = workspace(SAMPLE_FILES);
    english = (JSON.parse(runCli(['-f', 'json'], root).stdout) as { findings: Finding[] }).findings;
  });
  after(() => removeWorkspace(root));

  it('--locale ja gives every message and fix title in Japanese, as the editor shows them', () => {
    const japanese = (JSON.parse(runCli(['-f', 'json', '--locale', 'ja'], root).stdout) as { findings: Finding[] }).findings;
    assert.equal(japanese.length, english.length);
    japanese.forEach((finding, index) => {
      assert.match(finding.message, JAPANESE);
      assert.equal(finding.message, localizedMessage(english[index], 'ja'));
      for (const related of finding.related) assert.equal(related.message, localizedText(related.messageTemplate, 'ja'));
      for (const fix of finding.fixes) assert.match(fix.title, JAPANESE);
      assert.deepEqual(withoutTexts(finding), withoutTexts(english[index]), 'only the texts change');
    });
    const sequential = japanese.find((finding) => finding.ruleId === 'sequential-await');
    assert.deepEqual(
      sequential?.related.map((related) => related.message),
      ['この await の後ろで待っています'],
    );
    assert.deepEqual(
      sequential?.fixes.map((fix) => fix.title),
      ['Promise.all で並行に実行する'],
    );
  });

  it('takes the language from LC_ALL, LC_MESSAGES or LANG, in that order', () => {
    const messageIn = (env: Record<string, string | undefined>) =>
      (JSON.parse(runCli(['-f', 'json', 'src/directives.ts'], root, env).stdout) as { findings: Finding[] }).findings[0].message;
    assert.match(messageIn({ LANG: 'ja_JP.UTF-8' }), JAPANESE);
    assert.match(messageIn({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }), JAPANESE);
    assert.doesNotMatch(messageIn({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), JAPANESE);
    assert.doesNotMatch(messageIn({ LANG: 'fr_FR.UTF-8' }), JAPANESE, 'a language without a translation falls back to English');
    assert.doesNotMatch(runCli(['-f', 'json', '--locale', 'en', 'src/directives.ts'], root, { LANG: 'ja_JP.UTF-8' }).stdout, JAPANESE);
  });

  it('prints Japanese cards with --explain --locale ja', () => {
    const run = runCli(['--explain', '--locale', 'ja', 'src/profile.ts'], root);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^src\/profile\.ts:9:18 {2}警告 {4}.* {2}sequential-await$/);
    assert.match(lines[0], JAPANESE);
    assert.equal(lines[1], '    --> src/profile.ts:8:16  この await の後ろで待っています');
    const card = lines.slice(3).join('\n');
    assert.match(card, JAPANESE);
    assert.ok(card.includes('Promise.all') && card.includes('fetchOrders(id)'));
  });

  it('writes the severities and the summary in Japanese, and aligns the columns by display width', () => {
    const run = runCli(['--locale', 'ja', 'src/profile.ts'], root);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^src\/profile\.ts:9:18 {2}警告 {4}\S/, '警告 is four columns wide, padded to エラー and ヒント, which are six');
    assert.deepEqual(lines.slice(-2), ['1 ファイルに 1 件の指摘（警告 1 件）。', 'そのうち 1 件は --fix で修正できます。']);
    assert.equal(runCli(['--locale', 'ja', '--rule', 'sequential-await=off', 'src/profile.ts'], root).stdout, '1 ファイルに指摘はありません。\n');
    assert.deepEqual(runCli(['src/profile.ts'], root).stdout.trimEnd().split('\n').slice(-2), [
      '1 finding (1 warning) in 1 file.',
      '1 of them can be fixed with --fix.',
    ]);
  });

  it('writes Japanese result messages, related locations and fix descriptions into SARIF', () => {
    const log = JSON.parse(runCli(['-f', 'sarif', '--locale', 'ja', 'src/directives.ts'], root).stdout) as SarifLog;
    for (const result of log.runs[0].results) assert.match(result.message.text, JAPANESE);
    const profile = (JSON.parse(runCli(['-f', 'sarif', '--locale', 'ja', 'src/profile.ts'], root).stdout) as SarifLog).runs[0].results[0];
    assert.deepEqual(
      profile.relatedLocations.map((location) => location.message.text),
      ['この await の後ろで待っています'],
    );
    assert.deepEqual(
      profile.fixes.map((fix) => fix.description.text),
      ['Promise.all で並行に実行する'],
    );
  });
});
