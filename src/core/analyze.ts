// Runs the enabled rules over source files. Never throws: whatever goes wrong in one
// file or one rule becomes a Problem and the rest of the work goes on.
import type { SourceFile } from 'ts-morph';
import { formatMessage } from './formatMessage';
import type { AnalysisResult, Finding, Problem, Severity } from './finding';
import { nodeRange, rangeOf } from './ranges';
import type { Report, Rule, RuleInfo } from './rule';
import { allRuleInfos } from './rules';
import { unusedSuppression } from './rules/suppressionRules';
import type { AnalyzerSettings } from './settings';
import { applySuppressions } from './suppressions';

/** The rules that run with these settings, each with the severity it reports at. */
export function enabledRules(settings: AnalyzerSettings): Array<{ rule: RuleInfo; severity: Severity }> {
  const out: Array<{ rule: RuleInfo; severity: Severity }> = [];
  for (const rule of allRuleInfos) {
    const setting = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (rule.meta.experimental && !settings.experimental) continue;
    out.push({ rule, severity: setting });
  }
  return out;
}

/** Syntax errors in a file, as problems. A file with any is not analysed. */
export function parseProblems(sourceFile: SourceFile): Problem[] {
  const program = sourceFile.getProject().getProgram().compilerObject;
  const compilerFile = program.getSourceFile(sourceFile.getFilePath());
  if (!compilerFile) return [];
  return program.getSyntacticDiagnostics(compilerFile).map((d) => ({
    kind: 'parse' as const,
    file: sourceFile.getFilePath(),
    range: rangeOf(sourceFile, d.start ?? 0, (d.start ?? 0) + (d.length ?? 0)),
    message: `Syntax error, file not analysed: ${typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText}`,
  }));
}

export function analyzeFile(sourceFile: SourceFile, settings: AnalyzerSettings): AnalysisResult {
  const file = sourceFile.getFilePath();
  try {
    const syntaxErrors = parseProblems(sourceFile);
    if (syntaxErrors.length > 0) return { findings: [], problems: syntaxErrors.slice(0, 1) };

    const project = sourceFile.getProject();
    const checker = project.getTypeChecker();
    const findings: Finding[] = [];
    const problems: Problem[] = [];
    let rules = enabledRules(settings);
    // Building the program and the checker is the project's cost, shared by every file;
    // only the rules count against this file's budget.
    project.getProgram().compilerObject.getTypeChecker();
    // A rule whose whole-program facts could not be built says so, and does not check this file.
    const unprepared = new Set<RuleInfo>();
    for (const { rule } of rules) {
      try {
        if (hasCheck(rule)) rule.prepare?.(project, settings);
      } catch (error) {
        unprepared.add(rule);
        problems.push({ kind: 'internal', file, message: `Rule ${rule.meta.id} could not read the project: ${describeError(error)}` });
      }
    }
    // A directive may suppress a finding of a rule that did not run: not "unused".
    if (unprepared.size > 0) rules = rules.filter((r) => !unprepared.has(r.rule) && r.rule.meta.id !== unusedSuppression.meta.id);
    const started = performance.now();
    for (const [index, { rule, severity }] of rules.entries()) {
      if (!hasCheck(rule)) continue; // suppression rules judge the other rules' findings, below
      const elapsedMs = performance.now() - started;
      // The budget stops further rules once spent; the first rule always runs.
      if (index > 0 && elapsedMs > settings.fileTimeBudgetMs) {
        const skipped = rules.slice(index).filter((r) => hasCheck(r.rule));
        problems.push(overBudgetProblem(file, elapsedMs, settings.fileTimeBudgetMs, skipped));
        // A directive may suppress a finding of a rule that did not run: not "unused".
        rules = rules.filter((r) => !skipped.includes(r) && r.rule.meta.id !== unusedSuppression.meta.id);
        break;
      }
      const report = (r: Report<string>): void => {
        if (r.experimental && !settings.experimental) return;
        const data = r.data ?? {};
        findings.push({
          ruleId: rule.meta.id,
          file,
          range: nodeRange(r.node),
          severity: r.severity ?? severity,
          message: formatMessage(rule.messages[r.messageId] ?? r.messageId, data),
          messageId: r.messageId,
          data,
          related: r.related ?? [],
          fixes: r.fixes ?? [],
          explanation: r.explanation,
          experimental: rule.meta.experimental || r.experimental === true,
        });
      };
      try {
        rule.check({ project, sourceFile, checker, settings, report });
      } catch (error) {
        problems.push({ kind: 'internal', file, message: `Rule ${rule.meta.id} failed on this file: ${describeError(error)}` });
      }
    }
    return { findings: applySuppressions(sourceFile, findings, rules), problems };
  } catch (error) {
    return { findings: [], problems: [{ kind: 'internal', file, message: `Could not analyse this file: ${describeError(error)}` }] };
  }
}

export function analyzeFiles(files: readonly SourceFile[], settings: AnalyzerSettings): AnalysisResult {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  for (const sourceFile of files) {
    const result = analyzeFile(sourceFile, settings);
    findings.push(...result.findings);
    problems.push(...result.problems);
  }
  return { findings, problems };
}

/**
 * A rule cannot be interrupted, so the budget is checked between rules: a file whose rules
 * have used it up is left with the findings so far and this problem naming the rest.
 */
function overBudgetProblem(file: string, elapsedMs: number, budgetMs: number, skipped: ReadonlyArray<{ rule: RuleInfo }>): Problem {
  const rules = skipped.map((r) => r.rule.meta.id);
  return {
    kind: 'skipped',
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Analysis of this file stopped after ${Math.round(elapsedMs)} ms, over its time budget of ${budgetMs} ms (fileTimeBudgetMs); these rules did not run on it: ${rules.join(', ')}.`,
    rules,
  };
}

function hasCheck(rule: RuleInfo): rule is Rule {
  return typeof (rule as Rule).check === 'function';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
