// Rule messages are English templates in each rule module (`messages`), keyed by id.
// The English template is also the bundle key, so a rule's messages translate like any other string.
import * as l10n from '@vscode/l10n';
import { ruleInfo, type Finding } from '../core';
import { inLocale, type Locale } from './localize';

/** The finding's message in `locale`: its rule's template, translated, filled with the finding's data. */
export function localizedMessage(finding: Finding, locale: Locale): string {
  const template = ruleInfo(finding.ruleId)?.messages[finding.messageId];
  if (template === undefined) return finding.message;
  // The only `l10n.t` call whose key is not a literal: the bundle test covers it by walking every rule's templates.
  return inLocale(locale, () => l10n.t(template, finding.data));
}
