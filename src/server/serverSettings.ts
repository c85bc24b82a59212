// The `kitchenSync` settings section, as VS Code sends it, turned into analyzer settings.
// Settings files are hand-edited JSON, so every value is checked: a wrong type falls back
// to the default instead of reaching a rule.
import { allRuleInfos, withDefaults, type AnalyzerSettings, type SettingsLayer, type SeveritySetting, type TopLayer } from '../core';

export interface ServerSettings {
  enable: boolean;
  analyzer: AnalyzerSettings;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export function toServerSettings(raw: unknown): ServerSettings {
  const section = asRecord(raw);
  const defaults = withDefaults(undefined);
  const blockingLoop = asRecord(section.blockingLoop);
  const blockingCall = asRecord(section.blockingCall);
  const locks = asRecord(section.locks);
  return {
    enable: typeof section.enable === 'boolean' ? section.enable : true,
    analyzer: withDefaults({
      rules: ruleSeverities(section.rules),
      experimental: typeof section.experimental === 'boolean' ? section.experimental : defaults.experimental,
      blockingLoop: { minIterations: positiveNumber(blockingLoop.minIterations) ?? defaults.blockingLoop.minIterations },
      blockingCall: { extraFunctions: stringList(blockingCall.extraFunctions) },
      locks: {
        acquireMethods: stringList(locks.acquireMethods),
        releaseMethods: stringList(locks.releaseMethods),
        runExclusiveMethods: stringList(locks.runExclusiveMethods),
      },
      fileTimeBudgetMs: nonNegativeNumber(section.fileTimeBudgetMs) ?? defaults.fileTimeBudgetMs,
      awaitRulesInTests: typeof section.awaitRulesInTests === 'boolean' ? section.awaitRulesInTests : defaults.awaitRulesInTests,
    }),
  };
}

/**
 * The editor settings a user changed from their defaults, which go over the project's
 * configuration file. VS Code sends every setting, set or not, so a value equal to its
 * default counts as not set: the configuration file decides it.
 */
export function editorLayer(analyzer: AnalyzerSettings): TopLayer | undefined {
  const defaults = withDefaults(undefined);
  const layer: SettingsLayer = {};
  const rules = Object.fromEntries(
    Object.entries(analyzer.rules).filter(([id, severity]) => severity !== allRuleInfos.find((rule) => rule.meta.id === id)?.meta.defaultSeverity),
  );
  if (Object.keys(rules).length > 0) layer.rules = rules;
  if (analyzer.experimental !== defaults.experimental) layer.experimental = analyzer.experimental;
  if (analyzer.awaitRulesInTests !== defaults.awaitRulesInTests) layer.awaitRulesInTests = analyzer.awaitRulesInTests;
  if (analyzer.blockingLoop.minIterations !== defaults.blockingLoop.minIterations) layer.blockingLoop = { minIterations: analyzer.blockingLoop.minIterations };
  if (analyzer.blockingCall.extraFunctions.length > 0) layer.blockingCall = { extraFunctions: analyzer.blockingCall.extraFunctions };
  const locks = Object.fromEntries(Object.entries(analyzer.locks).filter(([, names]) => names.length > 0));
  if (Object.keys(locks).length > 0) layer.locks = locks;
  return Object.keys(layer).length > 0 ? { name: 'editor settings', settings: layer } : undefined;
}

function ruleSeverities(raw: unknown): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(asRecord(raw))) {
    if (SEVERITY_SETTINGS.includes(value as SeveritySetting)) out[id] = value as SeveritySetting;
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function nonNegativeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
