// The human format, after ESLint's "stylish" and tsc's pretty output: one line per finding,
// `path:line:col  severity  message  rule-id`, grouped by file, then a summary. With
// `--explain`, each finding is followed by the locations it relates to and its card.
import type { Finding, Problem, Severity } from '../core';
import { localizedMessage, localizedText, renderCardText, type Locale } from '../explain';
import { displayLocation } from './displayPath';
import type { CliReport } from './runAnalysis';
import type { Summary } from './summary';
import type { Style } from './terminalStyle';

export interface TextOptions {
  cwd: string;
  locale: Locale;
  explain: boolean;
  style: Style;
}

const SEVERITY_WIDTH = Math.max(...(['error', 'warning', 'info', 'hint'] as const).map((s) => s.length));
const CARD_INDENT = '    ';

export function formatText(report: CliReport, summary: Summary, options: TextOptions): string {
  const out: string[] = [];
  for (const group of groupByFile(report.findings)) {
    const locations = group.map((f) => displayLocation(f.file, f.range.start, options.cwd));
    const width = Math.max(...locations.map((l) => l.length));
    group.forEach((finding, index) => {
      const severity = paintSeverity(finding.severity, finding.severity.padEnd(SEVERITY_WIDTH), options.style);
      // One line per finding, even when a message quotes code that spans lines.
      const message = localizedMessage(finding, options.locale).replace(/\s*\n\s*/g, ' ');
      out.push(`${locations[index].padEnd(width)}  ${severity}  ${message}  ${options.style.dim(finding.ruleId)}`);
      if (options.explain) out.push(...explanation(finding, options));
    });
    if (out.at(-1) !== '') out.push('');
  }
  out.push(...summaryLines(summary, options.style));
  return `${out.join('\n')}\n`;
}

function explanation(finding: Finding, options: TextOptions): string[] {
  const related = finding.related.map(
    (r) => `${CARD_INDENT}${options.style.dim('-->')} ${displayLocation(r.file, r.range.start, options.cwd)}  ${localizedText(r.messageTemplate, options.locale)}`,
  );
  const card = renderCardText(finding, options.locale)
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : CARD_INDENT + line));
  return [...related, '', ...card, ''];
}

function summaryLines(summary: Summary, style: Style): string[] {
  const lines: string[] = [];
  if (summary.fixesApplied > 0) {
    lines.push(`Applied ${plural(summary.fixesApplied, 'fix', 'fixes')} in ${plural(summary.filesFixed, 'file')}.`);
  }
  if (summary.findings === 0) {
    lines.push(`No findings in ${plural(summary.filesAnalysed, 'file')}.`);
  } else {
    const counts = [
      summary.errors && plural(summary.errors, 'error'),
      summary.warnings && plural(summary.warnings, 'warning'),
      summary.infos && `${summary.infos} info`,
      summary.hints && plural(summary.hints, 'hint'),
    ].filter(Boolean);
    const line = `${plural(summary.findings, 'finding')} (${counts.join(', ')}) in ${plural(summary.filesAnalysed, 'file')}.`;
    lines.push(summary.errors > 0 ? style.red(style.bold(line)) : summary.warnings > 0 ? style.yellow(style.bold(line)) : style.bold(line));
    if (summary.fixable > 0) lines.push(`${summary.fixable} of them can be fixed with --fix.`);
  }
  // Said only when some files have a project and some do not: a file that escaped its
  // project is type-checked differently from its neighbours.
  if (summary.filesWithDefaultOptions > 0 && summary.filesWithDefaultOptions < summary.filesAnalysed) {
    lines.push(`${plural(summary.filesWithDefaultOptions, 'file')} in no tsconfig.json project, analysed with default options.`);
  }
  if (summary.filesNotAnalysed > 0) {
    lines.push(style.red(`${plural(summary.filesNotAnalysed, 'file')} could not be analysed; see the messages above.`));
  }
  return lines;
}

/** One line per problem, for stderr: `kitchen-sync: src/bad.ts:3:7: Syntax error, ...`. */
export function formatProblems(problems: readonly Problem[], cwd: string): string {
  return problems
    .map((p) => `kitchen-sync: ${p.file ? `${displayLocation(p.file, p.range?.start, cwd)}: ` : ''}${p.message}\n`)
    .join('');
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

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
