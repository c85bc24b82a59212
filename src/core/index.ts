// The analyzer's public surface. Front ends (server, CLI, tests, bench) import from here.
export * from './finding';
export type { ExplanationFacts } from './explanationFacts';
export { analyzeFile, analyzeFiles, enabledRules, parseProblems } from './analyze';
export { applyEdits, applyFixes, applyFixesToFiles } from './applyEdits';
export {
  ANALYSED_EXTENSIONS,
  addSourceFile,
  createLooseProject,
  findTsconfig,
  isAnalysedFile,
  loadFromTsconfig,
  loadProjects,
  readSourceText,
  tooDeepToWalk,
} from './loadProject';
export type { LoadedProject, LoadResult } from './loadProject';
export { TsconfigReader } from './tsconfigOwnership';
export { docsUrl } from './rule';
export type { Rule, RuleInfo, RuleMeta } from './rule';
export { allRuleInfos, allRules, ruleInfo } from './rules';
export { CONFIG_FILE_NAME, ConfigError, PACKAGE_JSON_KEY } from './configFile';
export type { SettingsLayer } from './configFile';
export { configSchema } from './configSchema';
export { ConfiguredSettings } from './configuredSettings';
export type { FileSettings, TopLayer } from './configuredSettings';
export { defaultSettings, withDefaults } from './settings';
export type { AnalyzerSettings } from './settings';
export { disableForFileFix, disableForLineFix, parseDirectives } from './suppressions';
export { unusedSuppression } from './rules/suppressionRules';
export { compareRanges } from './ranges';

import { analyzeFiles } from './analyze';
import type { AnalysisResult } from './finding';
import { loadProjects } from './loadProject';
import type { AnalyzerSettings } from './settings';

/** Loads the projects that own `targets` and analyses the requested files. */
export function analyzePaths(targets: string[], settings: AnalyzerSettings): AnalysisResult {
  const loaded = loadProjects(targets);
  const result: AnalysisResult = { findings: [], problems: [...loaded.problems] };
  for (const { files } of loaded.projects) {
    const { findings, problems } = analyzeFiles(files, settings);
    result.findings.push(...findings);
    result.problems.push(...problems);
  }
  return result;
}
