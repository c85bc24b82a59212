// The settings that apply to one file, layer over layer: the defaults, the nearest
// configuration file, its overrides that match the file (in order), then what the caller
// puts on top (the CLI's flags; the editor settings a user changed). Each setting remembers
// the layer it came from, for `--print-config`. Files that share layers share one settings
// object, so the caches rules key on settings are shared too.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { WeakCache } from './analysisCaches';
import { findConfigFile, readConfigFile, type ConfigFile, type SettingsLayer } from './configFile';
import { defaultSettings, type AnalyzerSettings } from './settings';

export interface FileSettings {
  file: string;
  settings: AnalyzerSettings;
  /** Matched by the configuration file's `ignore`: neither analysed nor fixed. */
  ignored: boolean;
  /** The configuration file that applies, if any. */
  configFile?: string;
  /** Each setting that is not a default (`rules.lock-order`, `locks.acquireMethods`), by the layer that set it. */
  sources: Record<string, string>;
}

export interface TopLayer {
  /** Where these settings come from, for `--print-config`: "command line", "editor settings". */
  name: string;
  settings: SettingsLayer;
}

/**
 * Resolves settings per file. A configuration file is looked up and read once per folder;
 * `forget()` drops what was read, for when one changes on disk. Throws `ConfigError` for a
 * configuration file that cannot be used as written.
 */
export class ConfiguredSettings {
  private readonly configByFolder = new Map<string, string | undefined>();
  private readonly configs = new Map<string, ConfigFile>();
  private readonly resolved = new Map<string, FileSettings>();

  /** @param explicitConfig a configuration file that applies to every file (`--config`), instead of the nearest one. */
  constructor(private readonly explicitConfig?: string) {}

  /**
   * @param top what goes over the configuration file: the CLI's flags, the editor settings a user changed.
   * @param base what the layers start from: the defaults, with the time budget of the run or the editor.
   */
  forFile(file: string, top?: TopLayer, base: AnalyzerSettings = defaultSettings()): FileSettings {
    const configPath = this.explicitConfig ?? this.nearestConfig(path.dirname(file));
    const config = configPath === undefined ? undefined : this.config(configPath);
    const relative = config ? toGlobPath(path.relative(config.folder, file)) : '';
    const ignored = !!config && matches(config.ignore, relative);
    const overrides = config ? config.overrides.flatMap((override, i) => (matches(override.files, relative) ? [i] : [])) : [];
    const key = JSON.stringify([configPath, ignored, overrides, top ?? null, base]);
    let entry = this.resolved.get(key);
    if (!entry) {
      const layers: Array<{ name: string; settings: SettingsLayer }> = [];
      if (config) {
        layers.push({ name: config.file, settings: config.settings });
        for (const i of overrides) layers.push({ name: `${config.file} overrides[${i}]`, settings: config.overrides[i].settings });
      }
      if (top) layers.push(top);
      entry = { file, ...merge(base, layers), ignored, ...(configPath === undefined ? {} : { configFile: configPath }) };
      this.resolved.set(key, entry);
    }
    return entry;
  }

  /** Forgets every configuration file read so far: one was created, changed or deleted. */
  forget(): void {
    this.configByFolder.clear();
    this.configs.clear();
    this.resolved.clear();
  }

  private nearestConfig(folder: string): string | undefined {
    if (!this.configByFolder.has(folder)) this.configByFolder.set(folder, findConfigFile(folder));
    return this.configByFolder.get(folder);
  }

  private config(file: string): ConfigFile {
    let config = this.configs.get(file);
    if (!config) {
      config = readConfigFile(file);
      this.configs.set(file, config);
    }
    return config;
  }
}

function merge(
  base: AnalyzerSettings,
  layers: ReadonlyArray<{ name: string; settings: SettingsLayer }>,
): { settings: AnalyzerSettings; sources: Record<string, string> } {
  const settings: AnalyzerSettings = {
    ...base,
    rules: { ...base.rules },
    blockingLoop: { ...base.blockingLoop },
    blockingCall: { ...base.blockingCall },
    locks: { ...base.locks },
  };
  const sources: Record<string, string> = {};
  for (const { name, settings: layer } of layers) {
    for (const [id, severity] of Object.entries(layer.rules ?? {})) {
      settings.rules[id] = severity;
      sources[`rules.${id}`] = name;
    }
    if (layer.experimental !== undefined) {
      settings.experimental = layer.experimental;
      sources.experimental = name;
    }
    if (layer.awaitRulesInTests !== undefined) {
      settings.awaitRulesInTests = layer.awaitRulesInTests;
      sources.awaitRulesInTests = name;
    }
    if (layer.blockingLoop?.minIterations !== undefined) {
      settings.blockingLoop.minIterations = layer.blockingLoop.minIterations;
      sources['blockingLoop.minIterations'] = name;
    }
    if (layer.blockingCall?.extraFunctions !== undefined) {
      settings.blockingCall.extraFunctions = layer.blockingCall.extraFunctions;
      sources['blockingCall.extraFunctions'] = name;
    }
    for (const [method, names] of Object.entries(layer.locks ?? {})) {
      settings.locks[method as keyof AnalyzerSettings['locks']] = names;
      sources[`locks.${method}`] = name;
    }
  }
  return { settings, sources };
}

// Depends on: its key alone, a configuration file's glob list, which lives as long as the file is remembered.
const matchers = new WeakCache<readonly string[], (relative: string) => boolean>();

/** Globs as ESLint's and Prettier's: relative to the configuration file's folder, `**` for any depth. */
function matches(globs: readonly string[], relative: string): boolean {
  // A path outside the configuration's folder matches none of its globs.
  if (globs.length === 0 || relative.startsWith('../')) return false;
  return matchers.get(globs, () => picomatch([...globs], { dot: true }))(relative);
}

function toGlobPath(relative: string): string {
  return relative.split(path.sep).join('/');
}
