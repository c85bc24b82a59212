// The machine format: findings and problems as the core produces them, with absolute
// paths (a tool reading this need not know where we ran) and a fixed field order, so
// that output diffs well. Messages and fix titles are in the chosen locale; `messageId`,
// `data` and the templates are the stable part to match on.
import type { Finding } from '../core';
import { localizedMessage, localizedText, type Locale } from '../explain';
import type { CliReport } from './runAnalysis';
import type { Summary } from './summary';

export function formatJson(report: CliReport, summary: Summary, locale: Locale): string {
  // Spreading keeps the core's field order (the order of the Finding interface) and every
  // field, including ones added later; only the texts are replaced by their localized forms.
  const data = {
    findings: report.findings.map(
      (f): Finding => ({
        ...f,
        message: localizedMessage(f, locale),
        related: f.related.map((r) => ({ ...r, message: localizedText(r.messageTemplate, locale) })),
        fixes: f.fixes.map((fix) => ({ ...fix, title: localizedText(fix.titleTemplate, locale) })),
      }),
    ),
    problems: report.problems,
    summary,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
