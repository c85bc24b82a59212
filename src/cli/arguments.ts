// Command-line arguments, parsed with node:util's parseArgs and checked against the rule
// registry. Anything wrong here is a usage error: exit code 2, one line, and a hint.
import { parseArgs } from 'node:util';
import { ruleInfo, type SeveritySetting } from '../core';
import { parseLocale, type Locale } from '../explain';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];
const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
const LOCALES: readonly Locale[] = ['en', 'ja'];

export interface CliOptions {
  paths: string[];
  format: Format;
  fix: boolean;
  /** `--rule` settings in the order given; a later one for the same rule wins. */
  rules: Record<string, SeveritySetting>;
  locale: Locale;
  explain: boolean;
  experimental: boolean;
  /** A per-file time budget in milliseconds; none unless asked for, so results never depend on the machine's load. */
  maxFileTimeMs?: number;
  output?: string;
  /** A configuration file for every file, instead of the nearest one to each. */
  config?: string;
  /** Print the settings that apply to this file, and where each comes from, instead of analysing. */
  printConfig?: string;
  help: boolean;
  version: boolean;
}

/** Bad usage: the message is one line; the CLI adds the `--help` hint and exits with 2. */
export class UsageError extends Error {}

export function parseCliArguments(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values, positionals } = parseOrExplain(argv);
  const format = values.format ?? 'text';
  if (!isOneOf(FORMATS, format)) throw new UsageError(`Unknown format '${format}'; use one of ${FORMATS.join(', ')}.`);
  const locale = values.locale === undefined ? localeFromEnvironment(env) : values.locale;
  if (!isOneOf(LOCALES, locale)) throw new UsageError(`Unknown locale '${values.locale}'; use one of ${LOCALES.join(', ')}.`);
  if (values.explain && format !== 'text') {
    throw new UsageError(`--explain prints cards in the text format; ${format} output already carries each finding's explanation facts.`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    fix: values.fix ?? false,
    rules: parseRuleSettings(values.rule ?? []),
    locale,
    explain: values.explain ?? false,
    experimental: values.experimental ?? false,
    maxFileTimeMs: values['max-file-time'] === undefined ? undefined : parseMilliseconds(values['max-file-time']),
    output: values.output,
    config: values.config,
    printConfig: values['print-config'],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        locale: { type: 'string' },
        explain: { type: 'boolean' },
        experimental: { type: 'boolean' },
        'max-file-time': { type: 'string' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'print-config': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseArgsError(error));
  }
}

/** parseArgs' own messages run long and suggest `--`; keep the part a user needs. */
function describeParseArgsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `Unknown option '${option}'.` : message;
  }
  const missing = /^Option '(.+?) <value>' argument missing/.exec(message);
  if (missing) return `Option '${missing[1]}' needs a value.`;
  return message.replace(/\.?$/, '.');
}

/** `--max-file-time 2000`: a whole number of milliseconds. */
function parseMilliseconds(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`Expected --max-file-time <milliseconds>, a whole number, got '${value}'.`);
  return Number(value);
}

/** `--rule sequential-await=off`, repeatable. */
function parseRuleSettings(entries: readonly string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    if (at <= 0) throw new UsageError(`Expected --rule <id>=<severity>, got '${entry}'.`);
    const id = entry.slice(0, at).trim();
    const severity = entry.slice(at + 1).trim();
    if (!ruleInfo(id)) throw new UsageError(`Unknown rule '${id}' in --rule ${entry}.`);
    if (!isOneOf(SEVERITY_SETTINGS, severity)) {
      throw new UsageError(`Unknown severity '${severity}' in --rule ${entry}; use one of ${SEVERITY_SETTINGS.join(', ')}.`);
    }
    rules[id] = severity;
  }
  return rules;
}

/**
 * The locale the environment asks for, with POSIX precedence (LC_ALL, then LC_MESSAGES,
 * then LANG): `ja_JP.UTF-8` → ja. Anything else, or nothing, is English.
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return value === undefined ? 'en' : parseLocale(value);
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
