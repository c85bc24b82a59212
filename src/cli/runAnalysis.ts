// Loads each tsconfig project once, analyses every requested file once (or, with
// `--fix`, once per fixing pass), and returns everything the formatters print.
import { analyzeFiles, loadProjects, type AnalyzerSettings, type Finding, type Problem } from '../core';
import { compareRanges } from '../core/ranges';
import { fixInPlace } from './fixInPlace';

export interface CliReport {
  /** Sorted by file, then position, then rule id, so output is stable across runs. */
  findings: Finding[];
  problems: Problem[];
  filesAnalysed: number;
  fixesApplied: number;
  filesFixed: string[];
}

export function runAnalysis(paths: readonly string[], settings: AnalyzerSettings, fix: boolean): CliReport {
  const loaded = loadProjects([...paths]);
  const report: CliReport = { findings: [], problems: [...loaded.problems], filesAnalysed: 0, fixesApplied: 0, filesFixed: [] };
  for (const { files } of loaded.projects) {
    report.filesAnalysed += files.length;
    if (fix) {
      const run = fixInPlace(files, (current) => analyzeFiles(current, settings));
      report.findings.push(...run.result.findings);
      report.problems.push(...run.result.problems);
      report.fixesApplied += run.fixesApplied;
      report.filesFixed.push(...run.filesFixed);
    } else {
      const { findings, problems } = analyzeFiles(files, settings);
      report.findings.push(...findings);
      report.problems.push(...problems);
    }
  }
  report.findings.sort(compareFindings);
  return report;
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareStrings(a.file, b.file) || compareRanges(a.range, b.range) || compareStrings(a.ruleId, b.ruleId);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
