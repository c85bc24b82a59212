// The whole command, from arguments to exit code, with its I/O passed in. Problems go to
// stderr as one line each; the report goes to stdout or `--output`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleInfos, ConfigError, ConfiguredSettings, withDefaults, type FileSettings, type SettingsLayer, type TopLayer } from '../core';
import { parseCliArguments, UsageError, type CliOptions } from './arguments';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatProblems, formatText } from './formatText';
import { helpText } from './helpText';
import { runAnalysis, type CliReport } from './runAnalysis';
import { EXIT_INCOMPLETE, EXIT_USAGE, exitCodeFor, summarize, type Summary } from './summary';
import { colorsEnabled, createStyle } from './terminalStyle';
import { TOOL_NAME, TOOL_VERSION } from './toolInfo';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
}

/**
 * Never throws: a failure of the tool itself is said on stderr and exits with its own code,
 * never 1, which a CI script reads as "the code has findings".
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`${TOOL_NAME}: Internal error, the run is incomplete. Please report it with this message:\n${detail}\n`);
    return EXIT_INCOMPLETE;
  }
}

function run(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    options = parseCliArguments(argv, io.env);
    if (options.help || options.version) {
      io.stdout.write(options.help ? helpText() : `${TOOL_VERSION}\n`);
      return 0;
    }
    const missing = options.paths.find((p) => !fs.existsSync(path.resolve(io.cwd, p)));
    if (missing !== undefined) throw new UsageError(`No such file or folder: ${missing}`);
    // Checked before analysis, so a typo does not cost a whole run (or follow a --fix).
    if (options.output !== undefined && !fs.existsSync(path.dirname(path.resolve(io.cwd, options.output)))) {
      throw new UsageError(`Cannot write --output ${options.output}: its folder does not exist.`);
    }
    for (const file of [options.config, options.printConfig]) {
      if (file !== undefined && !fs.existsSync(path.resolve(io.cwd, file))) throw new UsageError(`No such file: ${file}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${error.message}\nRun ${TOOL_NAME} --help for usage.\n`);
    return EXIT_USAGE;
  }

  // No time budget unless asked for: the editor keeps typing responsive, but a CLI run in CI
  // must report the same findings however busy the machine is.
  const base = withDefaults({ fileTimeBudgetMs: options.maxFileTimeMs ?? Number.POSITIVE_INFINITY });
  const configured = new ConfiguredSettings(options.config === undefined ? undefined : path.resolve(io.cwd, options.config));
  const top = commandLineLayer(options);
  let report: CliReport;
  try {
    if (options.printConfig !== undefined) {
      io.stdout.write(printConfig(configured.forFile(path.resolve(io.cwd, options.printConfig), top, base)));
      return 0;
    }
    report = runAnalysis(
      options.paths.map((p) => path.resolve(io.cwd, p)),
      (file) => configured.forFile(file, top, base),
      options.fix,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (report.filesAnalysed === 0 && report.problems.length === 0) {
    const where = options.paths.map((p) => `'${p}'`).join(', ');
    io.stderr.write(`${TOOL_NAME}: No TypeScript or JavaScript files to analyse in ${where}\nRun ${TOOL_NAME} --help for usage.\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(formatProblems(report.problems, io.cwd));

  const summary = summarize(report);
  if (options.output !== undefined) {
    // A file gets no colour codes and no wrapping, whatever the terminal supports.
    const output = format(report, summary, options, io, false);
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), output);
    } catch (error) {
      io.stderr.write(`${TOOL_NAME}: Could not write ${options.output}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  } else {
    io.stdout.write(format(report, summary, options, io, true));
  }
  return exitCodeFor(summary);
}

/** What the flags set, over every configuration file; a flag that is not given sets nothing. */
function commandLineLayer(options: CliOptions): TopLayer | undefined {
  const settings: SettingsLayer = {};
  if (Object.keys(options.rules).length > 0) settings.rules = options.rules;
  if (options.experimental) settings.experimental = true;
  return Object.keys(settings).length > 0 ? { name: 'command line', settings } : undefined;
}

/** `--print-config <file>`: the settings that apply to the file, and the layer each comes from. */
function printConfig({ file, settings, ignored, configFile, sources }: FileSettings): string {
  const { fileTimeBudgetMs: _editorOnly, ...shown } = settings;
  // Every rule at the severity it runs at, set or not, so the answer needs no rule docs beside it.
  const rules = Object.fromEntries(allRuleInfos.map((rule) => [rule.meta.id, settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity]));
  return `${JSON.stringify({ file, configFile: configFile ?? null, ignored, settings: { ...shown, rules }, sources }, null, 2)}\n`;
}

/** `toStdout`: the report goes to standard output, which may be a terminal with colours and a width. */
function format(report: CliReport, summary: Summary, options: CliOptions, io: CliIo, toStdout: boolean): string {
  switch (options.format) {
    case 'json':
      return formatJson(report, summary, options.locale);
    case 'sarif':
      return formatSarif(report, io.cwd, options.locale);
    case 'text':
      return formatText(report, summary, {
        cwd: io.cwd,
        locale: options.locale,
        explain: options.explain,
        style: createStyle(toStdout && colorsEnabled(io.stdout, io.env)),
        width: toStdout && io.stdout.isTTY ? io.stdout.columns : undefined,
      });
  }
}
