// Loads each tsconfig project once, analyses every requested file once (or, with
// `--fix`, once per fixing pass) with the settings that apply to it, and returns
// everything the formatters print.
import type { SourceFile } from 'ts-morph';
import { analyzeFiles, compareRanges, loadProjects, type AnalysisResult, type AnalyzerSettings, type FileSettings, type Finding, type Problem } from '../core';
import { fixInPlace } from './fixInPlace';

export interface CliReport {
  /** Sorted by file, then position, then rule id, so output is stable across runs. */
  findings: Finding[];
  problems: Problem[];
  filesAnalysed: number;
  /** Of those, the files no tsconfig.json project holds (none above them, or one that cannot be read): default options. */
  filesWithDefaultOptions: number;
  fixesApplied: number;
  filesFixed: string[];
}

/** Throws `ConfigError` for a configuration file that cannot be used as written. */
export function runAnalysis(paths: readonly string[], settingsFor: (file: string) => FileSettings, fix: boolean): CliReport {
  const loaded = loadProjects([...paths]);
  const report: CliReport = { findings: [], problems: [...loaded.problems], filesAnalysed: 0, filesWithDefaultOptions: 0, fixesApplied: 0, filesFixed: [] };
  const analyse = (files: readonly SourceFile[]): AnalysisResult => {
    const result: AnalysisResult = { findings: [], problems: [] };
    // Files that share a configuration share one settings object: analysed together.
    const groups = new Map<AnalyzerSettings, SourceFile[]>();
    for (const file of files) {
      const { settings } = settingsFor(file.getFilePath());
      const group = groups.get(settings);
      if (group) group.push(file);
      else groups.set(settings, [file]);
    }
    for (const [settings, group] of groups) {
      const { findings, problems } = analyzeFiles(group, settings);
      result.findings.push(...findings);
      result.problems.push(...problems);
    }
    return result;
  };
  for (const project of loaded.projects) {
    // Ignored files stay in the program (others import their types) but are neither analysed nor fixed.
    const files = project.files.filter((file) => !settingsFor(file.getFilePath()).ignored);
    report.filesAnalysed += files.length;
    if (project.tsconfig === undefined) report.filesWithDefaultOptions += files.length;
    if (fix) {
      const run = fixInPlace(files, analyse);
      report.findings.push(...run.result.findings);
      report.problems.push(...run.result.problems);
      report.fixesApplied += run.fixesApplied;
      report.filesFixed.push(...run.filesFixed);
    } else {
      const { findings, problems } = analyse(files);
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
