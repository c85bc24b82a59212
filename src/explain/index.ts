// Hover cards and localized messages, rendered from a finding's plain data.
import { docsUrl, type Finding } from '../core';

export type Locale = 'en' | 'ja';

/** The finding's message in the given locale. */
export function localizedMessage(finding: Finding, _locale: Locale): string {
  return finding.message;
}

/** The Markdown hover card for a finding. */
export function renderCard(finding: Finding, locale: Locale): string {
  return `**${finding.ruleId}**: ${localizedMessage(finding, locale)}\n\n[${finding.ruleId}](${docsUrl(finding.ruleId)})`;
}
