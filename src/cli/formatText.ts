// The human format, after ESLint's "stylish" and tsc's pretty output: one line per finding,
// `path:line:col  severity  message  rule-id`, grouped by file, then a summary. With
// `--explain`, each finding is followed by the locations it relates to and its card.
import * as l10n from '@vscode/l10n';
import type { Finding, Problem, Severity } from '../core';
import { displayWidth, inLocale, localizedMessage, localizedText, padToWidth, renderCardText, type Locale } from '../explain';
import { displayLocation } from './displayPath';
import type { CliReport } from './runAnalysis';
import type { Summary } from './summary';
import type { Style } from './terminalStyle';

export interface TextOptions {
  cwd: string;
  locale: Locale;
  explain: boolean;
  style: Style;
  /** A terminal's width in columns: `--explain` cards wrap to it. Undefined when the output is piped, which gets each paragraph on one line. */
  width?: number;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const CARD_INDENT = '    ';
const MIN_CARD_WIDTH = 40;

export function formatText(report: CliReport, summary: Summary, options: TextOptions): string {
  const out: string[] = [];
  const labels = inLocale(options.locale, severityLabels);
  const severityWidth = Math.max(...SEVERITIES.map((s) => displayWidth(labels[s])));
  for (const group of groupByFile(report.findings)) {
    const locations = group.map((f) => displayLocation(f.file, f.range.start, options.cwd));
    const width = Math.max(...locations.map((l) => l.length));
    group.forEach((finding, index) => {
      const severity = paintSeverity(finding.severity, padToWidth(labels[finding.severity], severityWidth), options.style);
      // One line per finding, even when a message quotes code that spans lines.
      const message = localizedMessage(finding, options.locale).replace(/\s*\n\s*/g, ' ');
      out.push(`${locations[index].padEnd(width)}  ${severity}  ${message}  ${options.style.dim(finding.ruleId)}`);
      if (options.explain) out.push(...explanation(finding, options));
    });
    if (out.at(-1) !== '') out.push('');
  }
  out.push(...inLocale(options.locale, () => summaryLines(summary, options.style)));
  return `${out.join('\n')}\n`;
}

/** The severities as the chosen language writes them; the rule id and the JSON keep the English ones. */
function severityLabels(): Record<Severity, string> {
  return { error: l10n.t('error'), warning: l10n.t('warning'), info: l10n.t('info'), hint: l10n.t('hint') };
}

function explanation(finding: Finding, options: TextOptions): string[] {
  const related = finding.related.map(
    (r) =>
      `${CARD_INDENT}${options.style.dim('-->')} ${displayLocation(r.file, r.range.start, options.cwd)}  ${localizedText(r.messageTemplate, options.locale)}`,
  );
  // Narrower than this, wrapping would leave a word or two per line: better to let the terminal fold.
  const width = options.width === undefined || options.width - CARD_INDENT.length < MIN_CARD_WIDTH ? undefined : options.width - CARD_INDENT.length;
  const card = renderCardText(finding, options.locale, width)
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : CARD_INDENT + line));
  return [...related, '', ...card, ''];
}

function summaryLines(summary: Summary, style: Style): string[] {
  const lines: string[] = [];
  const files = (count: number): string => (count === 1 ? l10n.t('{0} file', count) : l10n.t('{0} files', count));
  if (summary.fixesApplied > 0) {
    const fixes = summary.fixesApplied === 1 ? l10n.t('{0} fix', 1) : l10n.t('{0} fixes', summary.fixesApplied);
    lines.push(l10n.t('Applied {0} in {1}.', fixes, files(summary.filesFixed)));
  }
  if (summary.findings === 0) {
    lines.push(l10n.t('No findings in {0}.', files(summary.filesAnalysed)));
  } else {
    const counts = [
      summary.errors && (summary.errors === 1 ? l10n.t('{0} error', 1) : l10n.t('{0} errors', summary.errors)),
      summary.warnings && (summary.warnings === 1 ? l10n.t('{0} warning', 1) : l10n.t('{0} warnings', summary.warnings)),
      summary.infos && l10n.t('{0} info', summary.infos),
      summary.hints && (summary.hints === 1 ? l10n.t('{0} hint', 1) : l10n.t('{0} hints', summary.hints)),
    ].filter((count): count is string => !!count);
    const findings = summary.findings === 1 ? l10n.t('{0} finding', 1) : l10n.t('{0} findings', summary.findings);
    const line = l10n.t(
      '{0} ({1}) in {2}.',
      findings,
      counts.reduce((list, count) => l10n.t('{0}, {1}', list, count)),
      files(summary.filesAnalysed),
    );
    lines.push(summary.errors > 0 ? style.red(style.bold(line)) : summary.warnings > 0 ? style.yellow(style.bold(line)) : style.bold(line));
    if (summary.fixable > 0) lines.push(l10n.t('{0} of them can be fixed with --fix.', summary.fixable));
  }
  // Said only when some files have a project and some do not: a file that escaped its
  // project is type-checked differently from its neighbours.
  if (summary.filesWithDefaultOptions > 0 && summary.filesWithDefaultOptions < summary.filesAnalysed) {
    lines.push(l10n.t('{0} in no tsconfig.json project, analysed with default options.', files(summary.filesWithDefaultOptions)));
  }
  if (summary.filesNotAnalysed > 0) {
    lines.push(style.red(l10n.t('{0} could not be analysed; see the messages above.', files(summary.filesNotAnalysed))));
  }
  return lines;
}

/** One line per problem, for stderr: `kitchen-sync: src/bad.ts:3:7: Syntax error, ...`. */
export function formatProblems(problems: readonly Problem[], cwd: string): string {
  return problems.map((p) => `kitchen-sync: ${p.file ? `${displayLocation(p.file, p.range?.start, cwd)}: ` : ''}${p.message}\n`).join('');
}

function paintSeverity(severity: Severity, text: string, style: Style): string {
  switch (severity) {
    case 'error':
      return style.red(text);
    case 'warning':
      return style.yellow(text);
    case 'info':
      return style.blue(text);
    case 'hint':
      return style.dim(text);
  }
}

/** Findings come sorted by file, so a group is a run of the same file. */
function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  for (const finding of findings) {
    const last = groups.at(-1);
    if (last && last[0].file === finding.file) last.push(finding);
    else groups.push([finding]);
  }
  return groups;
}
