// The Japanese bundle must keep up with the code: a new card string or rule message
// without a translation fails here, and so does a translation left behind by a change.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleInfos } from '../../src/core';
import { l10nCallsUnder, REPO_ROOT, templateCallsUnder } from './l10nCalls';

const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
const calls = l10nCallsUnder('src');
const templateCalls = templateCallsUnder('src/core');
const codeStrings = new Set([...calls, ...templateCalls].flatMap((call) => (call.message === undefined ? [] : [call.message])));
const ruleTemplates = allRuleInfos.flatMap((rule) =>
  Object.entries<string>(rule.messages).map(([id, template]) => ({ where: `${rule.meta.id}.${id}`, template })),
);

/** Where a key's text reaches `l10n.t` without being a literal: rule templates and `TemplateText`s, through `localizedMessage` and `localizedText`. */
const TEMPLATE_LOOKUP = 'src/explain/localizedMessage.ts';

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{[^}]+\}/g) ?? [])].sort();
}

describe('Japanese bundle (l10n/bundle.l10n.ja.json)', () => {
  it('finds the strings the cards use', () => {
    assert.ok(codeStrings.has('These awaits could run together'), 'the extraction should see the sequential-await card');
    assert.ok(codeStrings.has('Rule documentation: {0}'), 'the extraction should see the renderers');
  });

  it('has a translation for every literal string passed to l10n.t', () => {
    const missing = calls.filter((call) => call.message !== undefined && !bundle[call.message]).map((call) => `${call.location}: ${call.message}`);
    assert.deepEqual(missing, []);
  });

  it('passes only literals to l10n.t, apart from the template lookups', () => {
    const dynamic = calls.filter((call) => call.message === undefined).map((call) => call.location.replace(/:\d+$/, ''));
    assert.deepEqual(dynamic, [TEMPLATE_LOOKUP, TEMPLATE_LOOKUP]);
  });

  it('sees the fix titles and related-location messages of the core, each a literal template', () => {
    assert.ok(
      templateCalls.some((call) => call.message === 'Run together with Promise.all'),
      'the extraction should see the sequential-await fix',
    );
    assert.ok(
      templateCalls.some((call) => call.message === 'Task {task}: {function} takes {lock} here.'),
      'the extraction should see the lock traces',
    );
    assert.deepEqual(
      templateCalls.filter((call) => call.message === undefined).map((call) => call.location),
      [],
    );
  });

  it('has a translation for every fix title and related-location template', () => {
    const missing = templateCalls.filter((call) => call.message !== undefined && !bundle[call.message]).map((call) => `${call.location}: ${call.message}`);
    assert.deepEqual(missing, []);
  });

  it('has a translation for every message template of every registered rule', () => {
    assert.ok(ruleTemplates.length >= 3, 'expected at least the suppression rules');
    const missing = ruleTemplates.filter(({ template }) => !bundle[template]).map(({ where, template }) => `${where}: ${template}`);
    assert.deepEqual(missing, []);
  });

  it('writes await as `await`, the keyword the user types, never in katakana', () => {
    assert.deepEqual(
      Object.values(bundle).filter((japanese) => japanese.includes('アウェイト')),
      [],
    );
  });

  it('keeps every placeholder of the English string in its translation', () => {
    const broken = Object.entries(bundle)
      .filter(([english, japanese]) => placeholders(english).join() !== placeholders(japanese).join())
      .map(([english, japanese]) => `${english} => ${japanese}`);
    assert.deepEqual(broken, []);
  });

  it('translates into Japanese rather than copying the English (Japanese punctuation counts)', () => {
    const untranslated = Object.entries(bundle)
      .filter(([, japanese]) => !/[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff]/.test(japanese))
      .map(([english]) => english);
    assert.deepEqual(untranslated, []);
  });

  it('holds no translation that nothing uses any more', () => {
    const used = new Set([...codeStrings, ...ruleTemplates.map(({ template }) => template)]);
    assert.deepEqual(
      Object.keys(bundle).filter((english) => !used.has(english)),
      [],
    );
  });
});
