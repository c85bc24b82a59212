// `kitchen-sync --help`. The rule list comes from the registry, so it never goes stale.
import { allRuleInfos } from '../core';
import { TOOL_NAME } from './toolInfo';

export function helpText(): string {
  const idWidth = Math.max(...allRuleInfos.map((r) => r.meta.id.length));
  const rules = allRuleInfos.map((r) => {
    const tier = r.meta.experimental ? ' (experimental)' : '';
    return `  ${r.meta.id.padEnd(idWidth)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.description}${tier}`;
  });
  return `Usage: ${TOOL_NAME} [options] [paths...]

Finds and explains concurrency problems in TypeScript and JavaScript: sequential
awaits, event-loop blocking, lock orders that can deadlock and races across await.

Paths are files or folders (default: the current folder). Each file is analysed
with the options of the tsconfig.json project that includes it (the nearest, or
one a solution-style tsconfig.json references); under a folder, files no project
includes (build output, excluded folders) are skipped, as are node_modules and
hidden folders. Files with no tsconfig.json above them get default options. Settings come from
the nearest kitchen-sync.config.json (or package.json "kitchenSync" key); the
flags below go on top.

Options:
  -f, --format <format>       text (default), json or sarif (SARIF 2.1.0)
      --fix                   Apply the safe fixes in place, then report what remains
      --rule <id>=<severity>  Set a rule's severity: off, hint, info, warning or
                              error (repeatable)
      --experimental          Also report less certain findings
      --locale <locale>       Language of messages and cards: en or ja
                              (default: from LC_ALL, LC_MESSAGES or LANG, else en)
      --explain               Print each finding's explanation card (text format)
  -c, --config <file>         Use this configuration file for every file, instead
                              of the nearest kitchen-sync.config.json or
                              package.json "kitchenSync" key above each file
      --print-config <file>   Print the settings that apply to a file, and where
                              each comes from, then exit
      --max-file-time <ms>    Stop running rules on a file after this many
                              milliseconds (default: no limit); a file cut short
                              makes the run incomplete
  -o, --output <file>         Write the report to a file instead of standard output
  -h, --help                  Show this help
  -v, --version               Show the version

Rules:
${rules.join('\n')}

Exit codes:
  0  no finding at warning or error
  1  a finding at warning or error; info and hint findings never fail
  2  bad usage or configuration: an unknown option, rule, severity, format or
     locale, a path that does not exist, or a configuration file that cannot
     be used as written
  3  incomplete: a file could not be analysed (a syntax error, an unreadable
     file, a rule that failed, --max-file-time), or the tool itself failed
`;
}
