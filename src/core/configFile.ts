// The configuration file a project commits so that the CLI in CI and every editor on the
// team run the same analysis: `kitchen-sync.config.json`, or a `"kitchenSync"` key in
// `package.json`, found by walking up from each file as ESLint and Prettier find theirs.
// Read strictly: a misspelt key or rule is an error with the file's name, never a setting
// that silently does nothing. `schemas/kitchen-sync.config.schema.json` describes the same
// shape for the editor's completion.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SeveritySetting } from './finding';
import { ruleInfo } from './rules';

export const CONFIG_FILE_NAME = 'kitchen-sync.config.json';
export const PACKAGE_JSON_KEY = 'kitchenSync';

/** What one layer of configuration may set; anything left out comes from the layer below. */
export interface SettingsLayer {
  rules?: Record<string, SeveritySetting>;
  experimental?: boolean;
  blockingLoop?: { minIterations?: number };
  blockingCall?: { extraFunctions?: string[] };
  locks?: { acquireMethods?: string[]; releaseMethods?: string[]; runExclusiveMethods?: string[] };
  awaitRulesInTests?: boolean;
}

export interface ConfigOverride {
  /** Globs relative to the configuration file's folder. */
  files: string[];
  settings: SettingsLayer;
}

export interface ConfigFile {
  /** `kitchen-sync.config.json`, or the `package.json` that holds the `kitchenSync` key. */
  file: string;
  /** The folder the globs are relative to. */
  folder: string;
  settings: SettingsLayer;
  /** Files never analysed nor fixed: generated code, vendored copies. */
  ignore: string[];
  /** Applied in order over the file's own settings, to the files they match. */
  overrides: ConfigOverride[];
}

/** A configuration file that cannot be used as written. The message names the file and the key. */
export class ConfigError extends Error {}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
const LAYER_KEYS = ['rules', 'experimental', 'blockingLoop', 'blockingCall', 'locks', 'awaitRulesInTests'];
const FILE_KEYS = ['$schema', 'ignore', 'overrides', ...LAYER_KEYS];
const OVERRIDE_KEYS = ['files', ...LAYER_KEYS];

/** The configuration file that applies to files in `folder`: the nearest one above it. */
export function findConfigFile(folder: string): string | undefined {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const own = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(own)) return own;
    const manifest = path.join(current, 'package.json');
    if (fs.existsSync(manifest) && declaresKey(manifest)) return manifest;
    if (path.dirname(current) === current) return undefined;
  }
}

/** A `package.json` counts only when it has the key; one that cannot be parsed is not ours to report. */
function declaresKey(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return isRecord(parsed) && PACKAGE_JSON_KEY in parsed;
  } catch {
    return false;
  }
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Could not read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const inManifest = path.basename(file) === 'package.json';
  const where = inManifest ? `${file} ("${PACKAGE_JSON_KEY}")` : file;
  const body = inManifest && isRecord(parsed) ? parsed[PACKAGE_JSON_KEY] : parsed;
  return parseConfig(body, file, where);
}

function parseConfig(body: unknown, file: string, where: string): ConfigFile {
  const record = expectRecord(body, where, 'the configuration');
  checkKeys(record, FILE_KEYS, where, '');
  const overrides = record.overrides === undefined ? [] : expectArray(record.overrides, where, 'overrides');
  return {
    file,
    folder: path.dirname(file),
    settings: parseLayer(record, where, ''),
    ignore: record.ignore === undefined ? [] : globList(record.ignore, where, 'ignore'),
    overrides: overrides.map((entry, i) => {
      const at = `overrides[${i}]`;
      const override = expectRecord(entry, where, at);
      checkKeys(override, OVERRIDE_KEYS, where, `${at}.`);
      if (override.files === undefined) throw new ConfigError(`${where}: ${at} needs "files", the globs it applies to.`);
      return { files: globList(override.files, where, `${at}.files`), settings: parseLayer(override, where, `${at}.`) };
    }),
  };
}

function parseLayer(record: Record<string, unknown>, where: string, at: string): SettingsLayer {
  const layer: SettingsLayer = {};
  if (record.rules !== undefined) {
    const rules = expectRecord(record.rules, where, `${at}rules`);
    layer.rules = {};
    for (const [id, severity] of Object.entries(rules)) {
      if (!ruleInfo(id)) throw new ConfigError(`${where}: unknown rule "${id}" in ${at}rules.`);
      if (!SEVERITIES.includes(severity as SeveritySetting)) {
        throw new ConfigError(`${where}: ${at}rules.${id} is ${JSON.stringify(severity)}; use one of ${SEVERITIES.join(', ')}.`);
      }
      layer.rules[id] = severity as SeveritySetting;
    }
  }
  if (record.experimental !== undefined) layer.experimental = expectBoolean(record.experimental, where, `${at}experimental`);
  if (record.awaitRulesInTests !== undefined) layer.awaitRulesInTests = expectBoolean(record.awaitRulesInTests, where, `${at}awaitRulesInTests`);
  if (record.blockingLoop !== undefined) {
    const blockingLoop = expectRecord(record.blockingLoop, where, `${at}blockingLoop`);
    checkKeys(blockingLoop, ['minIterations'], where, `${at}blockingLoop.`);
    const minIterations = blockingLoop.minIterations;
    if (minIterations !== undefined && !(typeof minIterations === 'number' && Number.isInteger(minIterations) && minIterations > 0)) {
      throw new ConfigError(`${where}: ${at}blockingLoop.minIterations must be a positive whole number.`);
    }
    layer.blockingLoop = minIterations === undefined ? {} : { minIterations };
  }
  if (record.blockingCall !== undefined) {
    const blockingCall = expectRecord(record.blockingCall, where, `${at}blockingCall`);
    checkKeys(blockingCall, ['extraFunctions'], where, `${at}blockingCall.`);
    layer.blockingCall =
      blockingCall.extraFunctions === undefined ? {} : { extraFunctions: stringList(blockingCall.extraFunctions, where, `${at}blockingCall.extraFunctions`) };
  }
  if (record.locks !== undefined) {
    const locks = expectRecord(record.locks, where, `${at}locks`);
    const names = ['acquireMethods', 'releaseMethods', 'runExclusiveMethods'] as const;
    checkKeys(locks, names, where, `${at}locks.`);
    layer.locks = {};
    for (const name of names) if (locks[name] !== undefined) layer.locks[name] = stringList(locks[name], where, `${at}locks.${name}`);
  }
  return layer;
}

function checkKeys(record: Record<string, unknown>, known: readonly string[], where: string, at: string): void {
  const unknown = Object.keys(record).find((key) => !known.includes(key));
  if (unknown !== undefined)
    throw new ConfigError(`${where}: unknown key "${at}${unknown}"; expected one of ${known.filter((k) => k !== '$schema').join(', ')}.`);
}

function expectRecord(value: unknown, where: string, at: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ConfigError(`${where}: ${at} must be an object.`);
  return value;
}

function expectArray(value: unknown, where: string, at: string): unknown[] {
  if (!Array.isArray(value)) throw new ConfigError(`${where}: ${at} must be an array.`);
  return value;
}

function expectBoolean(value: unknown, where: string, at: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${where}: ${at} must be true or false.`);
  return value;
}

function stringList(value: unknown, where: string, at: string): string[] {
  const list = expectArray(value, where, at);
  if (!list.every((item) => typeof item === 'string' && item.trim() !== '')) throw new ConfigError(`${where}: ${at} must be a list of non-empty strings.`);
  return list as string[];
}

function globList(value: unknown, where: string, at: string): string[] {
  return typeof value === 'string' ? [value] : stringList(value, where, at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
