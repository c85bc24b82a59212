// Counts every format reports, and the exit code policy that follows from them.
import type { Finding, Problem } from '../core';
import type { CliReport } from './runAnalysis';

export interface Summary {
  filesAnalysed: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Findings `--fix` would fix: those with a preferred fix that is not a snippet. */
  fixable: number;
  fixesApplied: number;
  filesFixed: number;
  /** Files that could not be analysed, in full or in part (see `keptFromAnalysis`). */
  filesNotAnalysed: number;
  /** Files analysed with default options: no tsconfig.json project holds them. */
  filesWithDefaultOptions: number;
}

export function summarize(report: CliReport): Summary {
  const count = (severity: Finding['severity']) => report.findings.filter((f) => f.severity === severity).length;
  const unchecked = new Set(report.problems.filter(keptFromAnalysis).map((p) => p.file ?? p.message));
  return {
    filesAnalysed: report.filesAnalysed,
    findings: report.findings.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
    fixable: report.findings.filter((f) => f.fixes.some((fix) => fix.isPreferred && !fix.snippet)).length,
    fixesApplied: report.fixesApplied,
    filesFixed: report.filesFixed.length,
    filesNotAnalysed: unchecked.size,
    filesWithDefaultOptions: report.filesWithDefaultOptions,
  };
}

/**
 * A problem that kept code from being analysed: a file that does not parse or cannot be
 * read, a rule that failed on a file, rules left out for a `--max-file-time` budget. Not
 * one: a broken tsconfig.json (its files are still analysed, with default options), a
 * file `--fix` would not rewrite.
 */
export function keptFromAnalysis(problem: Problem): boolean {
  return problem.kind === 'parse' || problem.kind === 'read' || problem.kind === 'internal' || problem.kind === 'skipped';
}

/** The run did its job; the code has findings at warning or error (info and hint never fail a build). */
export const EXIT_FINDINGS = 1;
/** Bad usage or configuration, decided before analysis starts. */
export const EXIT_USAGE = 2;
/** Some code went unchecked, or the tool itself failed: CI must not pass on code nobody looked at. */
export const EXIT_INCOMPLETE = 3;

/**
 * The exit code policy. An incomplete run outranks findings: a build that fails with 1
 * may be fixed by fixing the code, one that fails with 3 by fixing the input or the tool.
 */
export function exitCodeFor(summary: Summary): number {
  if (summary.filesNotAnalysed > 0) return EXIT_INCOMPLETE;
  return summary.errors + summary.warnings > 0 ? EXIT_FINDINGS : 0;
}
