// Everything a user can configure, with the defaults both the editor and the CLI use.
import type { SeveritySetting } from './finding';

export interface AnalyzerSettings {
  /** Per-rule severity; a rule missing here runs at its default severity. */
  rules: Record<string, SeveritySetting>;
  /** Also run experimental rules and report less certain findings. */
  experimental: boolean;
  blockingLoop: { minIterations: number };
  blockingCall: { extraFunctions: string[] };
  locks: {
    /** Extra `module#method` or `method` names that acquire a lock and return a release. */
    acquireMethods: string[];
    releaseMethods: string[];
    /** Extra methods that run a callback while holding the lock, like `runExclusive`. */
    runExclusiveMethods: string[];
  };
  /** A file that takes longer than this to analyse is skipped with an informational problem. */
  fileTimeBudgetMs: number;
  /** Also run the await rules in test files, which repeat calls in order on purpose. */
  awaitRulesInTests: boolean;
}

export function defaultSettings(): AnalyzerSettings {
  return {
    rules: {},
    experimental: false,
    blockingLoop: { minIterations: 100_000 },
    blockingCall: { extraFunctions: [] },
    locks: { acquireMethods: [], releaseMethods: [], runExclusiveMethods: [] },
    fileTimeBudgetMs: 2_000,
    awaitRulesInTests: false,
  };
}

/** Fills in whatever a partial settings object leaves out. */
export function withDefaults(partial: Partial<AnalyzerSettings> | undefined): AnalyzerSettings {
  const defaults = defaultSettings();
  if (!partial) return defaults;
  return {
    ...defaults,
    ...partial,
    rules: { ...defaults.rules, ...partial.rules },
    blockingLoop: { ...defaults.blockingLoop, ...partial.blockingLoop },
    blockingCall: { ...defaults.blockingCall, ...partial.blockingCall },
    locks: { ...defaults.locks, ...partial.locks },
  };
}
