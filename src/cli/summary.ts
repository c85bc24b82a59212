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
  };
}

/**
 * A problem that kept code from being analysed against the user's wishes: a file that
 * does not parse or cannot be read, a rule that failed on a file. Not one: a broken
 * tsconfig.json (its files are still analysed, with default options), a file skipped
 * for going over the time budget the user set, a file `--fix` would not rewrite.
 */
export function keptFromAnalysis(problem: Problem): boolean {
  return problem.kind === 'parse' || problem.kind === 'read' || problem.kind === 'internal';
}

/**
 * The exit code policy, as in ESLint: 1 when a finding is at warning or error (info and
 * hint never fail a build) or when code went unchecked, since CI must not pass on code
 * it did not look at (ESLint fails on a parse error too); otherwise 0. Exit code 2,
 * bad usage or configuration, is decided before analysis starts.
 */
export function exitCodeFor(summary: Summary): 0 | 1 {
  return summary.errors + summary.warnings > 0 || summary.filesNotAnalysed > 0 ? 1 : 0;
}
