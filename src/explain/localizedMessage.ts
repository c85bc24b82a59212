// Rule messages are English templates in each rule module (`messages`), keyed by id; fix
// titles and related-location messages carry their template with them (`TemplateText`).
// The English template is also the bundle key, so they translate like any other string.
import * as l10n from '@vscode/l10n';
import { ruleInfo, type Finding, type TemplateText } from '../core';
import { inLocale, type Locale } from './localize';

/** The finding's message in `locale`: its rule's template, translated, filled with the finding's data. */
export function localizedMessage(finding: Finding, locale: Locale): string {
  const template = ruleInfo(finding.ruleId)?.messages[finding.messageId];
  if (template === undefined) return finding.message;
  // One of the two `l10n.t` calls whose key is not a literal: the bundle test covers it by walking every rule's templates.
  return inLocale(locale, () => l10n.t(template, finding.data));
}

/** A fix title or a related location's message in `locale`: its template, translated, filled again. */
export function localizedText(text: TemplateText, locale: Locale): string {
  // The other non-literal key: the bundle test collects every template the core passes to `fixTitle` and `relatedMessage`.
  return inLocale(locale, () => l10n.t(text.template, text.data));
}
