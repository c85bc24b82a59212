// SARIF 2.1.0, the format GitHub code scanning and other CI dashboards read: one run,
// every registered rule with its metadata and help, one result per finding with its
// related locations and fixes, and the problems as tool execution notifications.
// Paths are relative to %SRCROOT% (the folder the CLI ran in), so results match across
// checkouts in different places.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRuleInfos, docsUrl, type Finding, type Fix, type Problem, type Range, type RuleInfo, type Severity } from '../core';
import { localizedMessage, localizedText, type Locale } from '../explain';
import { ruleDocMarkdown } from './ruleDocs';
import type { CliReport } from './runAnalysis';
import { HOMEPAGE, TOOL_NAME, TOOL_VERSION } from './toolInfo';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

const PROBLEM_DESCRIPTIONS: Record<Problem['kind'], string> = {
  config: 'A tsconfig.json could not be used as written; its files were analysed with default options.',
  read: 'A file could not be read, or is binary; it was not analysed.',
  parse: 'A file has a syntax error; it was not analysed.',
  skipped: 'Some rules did not run on a file: it went over the analysis time budget set with --max-file-time.',
  'not-fixed': 'A file was left as it was: --fix could not rewrite it byte for byte.',
  internal: 'A rule failed on a file; the other rules still ran.',
};
const PROBLEM_KINDS = Object.keys(PROBLEM_DESCRIPTIONS) as Array<Problem['kind']>;

export function formatSarif(report: CliReport, cwd: string, locale: Locale): string {
  const ruleIndex = new Map(allRuleInfos.map((rule, index) => [rule.meta.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: HOMEPAGE,
            rules: allRuleInfos.map(ruleDescriptor),
            notifications: PROBLEM_KINDS.map((kind) => ({ id: kind, shortDescription: { text: PROBLEM_DESCRIPTIONS[kind] } })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.problems.map((p) => notification(p, cwd)),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, ruleIndex.get(f.ruleId), cwd, locale)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleInfo) {
  const { id, description, defaultSeverity, experimental, family } = rule.meta;
  const url = docsUrl(id);
  const doc = ruleDocMarkdown(id);
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: description },
    // The one-line description is the whole summary a rule has; the page is in `help`.
    fullDescription: { text: description },
    helpUri: url,
    help: {
      text: `${description}\n\nDocumentation: ${url}`,
      markdown: doc ?? `${description}\n\n[Documentation](${url})`,
    },
    defaultConfiguration: { level: sarifLevel(defaultSeverity) },
    properties: {
      tags: ['concurrency', family],
      precision: experimental ? 'medium' : 'high',
      'problem.severity': defaultSeverity === 'error' || defaultSeverity === 'warning' ? defaultSeverity : 'recommendation',
    },
  };
}

/** SARIF's `name` is an identifier in PascalCase: `sequential-await` → `SequentialAwait`. */
function ruleName(id: string): string {
  return id.replace(/(?:^|-)([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function result(finding: Finding, index: number | undefined, cwd: string, locale: Locale) {
  return {
    ruleId: finding.ruleId,
    ruleIndex: index,
    level: sarifLevel(finding.severity),
    message: { text: localizedMessage(finding, locale) },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.range, cwd) }],
    relatedLocations: finding.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(r.file, r.range, cwd),
      message: { text: localizedText(r.messageTemplate, locale) },
    })),
    // A SARIF fix is replacements in files that exist, applied as written: a snippet's
    // placeholders or a file still to be created have no place in it.
    fixes: finding.fixes.filter((fix) => !fix.snippet && !fix.createFiles?.length).map((fix) => sarifFix(fix, cwd, locale)),
  };
}

function sarifFix(fix: Fix, cwd: string, locale: Locale) {
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return {
    description: { text: localizedText(fix.titleTemplate, locale) },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifactLocation(file, cwd),
      replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    })),
  };
}

function notification(problem: Problem, cwd: string) {
  return {
    level: problem.kind === 'config' || problem.kind === 'not-fixed' ? 'warning' : 'error',
    message: { text: problem.message },
    descriptor: { id: problem.kind, index: PROBLEM_KINDS.indexOf(problem.kind) },
    locations: problem.file ? [{ physicalLocation: physicalLocation(problem.file, problem.range, cwd) }] : [],
  };
}

function physicalLocation(file: string, range: Range | undefined, cwd: string) {
  return range ? { artifactLocation: artifactLocation(file, cwd), region: region(range) } : { artifactLocation: artifactLocation(file, cwd) };
}

/** Under the working folder: a relative URI against %SRCROOT%. Elsewhere: an absolute file URI. */
function artifactLocation(file: string, cwd: string) {
  const relative = path.relative(cwd, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** One-based lines and columns; SARIF's end column is the one just after the region. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function sarifLevel(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
