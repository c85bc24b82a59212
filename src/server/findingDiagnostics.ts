// Findings become LSP diagnostics here, at the edge; nothing below the server knows LSP.
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import { docsUrl, unusedSuppression, type Finding, type Severity } from '../core';
import { inLocale, localizedMessage, localizedText, type Locale } from '../explain';
import { DIAGNOSTIC_SOURCE } from './protocol';

/** A published diagnostic and the finding behind it: hovers and code actions start from the finding. */
export interface FindingDiagnostic {
  finding: Finding;
  diagnostic: Diagnostic;
}

/** Where a file is for the client: the URI of its open document, or a `file:` URI. */
export type UriOf = (filePath: string) => string;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, locale: Locale, uriOf: UriOf): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: localizedMessage(finding, locale),
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: uriOf(related.file), range: related.range },
      message: localizedText(related.messageTemplate, locale),
    }));
  }
  // Editors fade an unnecessary range, as they do an unused import.
  if (finding.ruleId === unusedSuppression.meta.id) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/**
 * The one diagnostic a file over its time budget gets, on its first line, naming the rules
 * the budget kept from running (none when only the last rule ran long).
 */
export function overBudgetDiagnostic(elapsedMs: number, budgetMs: number, skippedRules: readonly string[], locale: Locale): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: inLocale(locale, () =>
      skippedRules.length === 0
        ? l10n.t(
            'Kitchen Sync stopped checking this file as you type: analysing it took {0} ms, more than kitchenSync.fileTimeBudgetMs ({1} ms). It is checked again when you save it.',
            Math.round(elapsedMs),
            budgetMs,
          )
        : l10n.t(
            'Kitchen Sync stopped checking this file as you type: analysing it took {0} ms, more than kitchenSync.fileTimeBudgetMs ({1} ms), so these rules did not run on it: {2}. It is checked again when you save it; to run every rule, raise the setting or run the command-line tool, which has no budget.',
            Math.round(elapsedMs),
            budgetMs,
            skippedRules.join(', '),
          ),
    ),
  };
}
