// Runs Kitchen Sync and the peer linters over one materialized corpus, and reduces every
// finding to a site that labels match on. Kitchen Sync runs as users run it, through the
// CLI; the peers through their own APIs or command lines with only the comparable rules on.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { Finding, Problem } from '../src/core';
import { fingerprint, type LabelledSite } from './labels';

const REPO_ROOT = path.join(__dirname, '..');

export interface OurSite extends LabelledSite {
  experimental: boolean;
  message: string;
  /** One-based last line of the finding's range. */
  endLine: number;
  /** Related locations, in any file. */
  locations: Array<{ path: string; line: number }>;
  fixCount: number;
}

export interface OurRun {
  sites: OurSite[];
  problems: Problem[];
  filesAnalysed: number;
  /** Undefined when the report was read back rather than made by this run. */
  seconds: number | undefined;
}

/** The CLI with the experimental tier on (each finding says its tier) and no time budget. */
export function runKitchenSync(cli: string, root: string, folders: readonly string[], outFile: string): OurRun {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--max-old-space-size=12000', cli, '--format', 'json', '--output', outFile, '--experimental', ...folders], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 ** 2,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`kitchen-sync exited with ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  return { ...readKitchenSyncReport(root, outFile), seconds: (Date.now() - started) / 1000 };
}

/** The sites of a report the CLI wrote earlier: labels can be tallied again without a new run. */
export function readKitchenSyncReport(root: string, outFile: string): OurRun {
  const report = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { findings: Finding[]; problems: Problem[]; summary: { filesAnalysed: number } };
  const lines = new LineReader(root);
  const sites = report.findings.map((f): OurSite => {
    const rule = `kitchen-sync/${f.ruleId}`;
    const file = relative(root, f.file);
    const line = f.range.start.line + 1;
    return {
      rule,
      path: file,
      line,
      fingerprint: fingerprint(rule, lines.text(file, line)),
      experimental: f.experimental,
      message: f.message,
      endLine: f.range.end.line + 1,
      locations: f.related.map((r) => ({ path: relative(root, r.file), line: r.range.start.line + 1 })),
      fixCount: f.fixes.length,
    };
  });
  return { sites, problems: report.problems, filesAnalysed: report.summary.filesAnalysed, seconds: undefined };
}

export interface PeerSite extends LabelledSite {
  message: string;
}

/** The peers' rules that overlap ours, and the rule of ours that covers each. */
export const PEER_RULES: Record<string, string> = {
  'eslint/no-await-in-loop': 'kitchen-sync/await-in-loop',
  'eslint/require-atomic-updates': 'kitchen-sync/race-lost-update',
  'eslint/n/no-sync': 'kitchen-sync/blocking-call',
  'biome/performance/noAwaitInLoops': 'kitchen-sync/await-in-loop',
  'biome/nursery/noSyncMethods': 'kitchen-sync/blocking-call',
};

/**
 * typescript-eslint's parser without its parser services: `n/no-sync` asks for type
 * information whenever the services exist, and the peers run untyped, as most users run them.
 */
const untypedTsParser = {
  meta: { name: 'typescript-eslint-untyped' },
  parseForESLint(code: string, options: tsParser.ParserOptions) {
    const { services: _services, ...parsed } = tsParser.parseForESLint(code, options);
    return parsed;
  },
};

const LINTED = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export async function runEslint(root: string, folders: readonly string[]): Promise<PeerSite[]> {
  // An ES module only; this file is CommonJS.
  const pluginN = (await import('eslint-plugin-n')).default;
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    overrideConfig: [
      { ignores: ['**/node_modules/**', '**/*.d.ts'] },
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
        languageOptions: { parser: untypedTsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { n: pluginN },
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
        rules: { 'no-await-in-loop': 'error', 'require-atomic-updates': 'error', 'n/no-sync': 'error' },
      },
    ],
  });
  const results = await eslint.lintFiles(folders.map((f) => `${f}/**/*`));
  const lines = new LineReader(root);
  const sites: PeerSite[] = [];
  for (const result of results) {
    if (!LINTED.test(result.filePath)) continue;
    const file = relative(root, result.filePath);
    for (const message of result.messages) {
      if (message.ruleId === null) continue; // a parse error: the file is not linted, as with us
      const rule = `eslint/${message.ruleId}`;
      sites.push({ rule, path: file, line: message.line, fingerprint: fingerprint(rule, lines.text(file, message.line)), message: message.message });
    }
  }
  return sites;
}

interface BiomeDiagnostic {
  category: string;
  message: string;
  location: { path: string; start: { line: number } };
}

export function runBiome(root: string, folders: readonly string[], workDir: string): PeerSite[] {
  const config = path.join(workDir, 'biome.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      files: { ignoreUnknown: true, includes: ['**', '!**/node_modules', '!**/*.d.ts'] },
      formatter: { enabled: false },
      assist: { enabled: false },
      linter: { rules: { preset: 'none', performance: { noAwaitInLoops: 'error' }, nursery: { noSyncMethods: 'error' } } },
    }),
  );
  const biome = path.join(REPO_ROOT, 'node_modules', '.bin', 'biome');
  const run = spawnSync(biome, ['lint', '--config-path', workDir, '--reporter=json', '--max-diagnostics=none', '--vcs-enabled=false', ...folders], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 ** 2,
  });
  const jsonLine = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (jsonLine === undefined) throw new Error(`biome printed no report (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(jsonLine) as { diagnostics: BiomeDiagnostic[] };
  const lines = new LineReader(root);
  const sites: PeerSite[] = [];
  for (const d of report.diagnostics) {
    if (!d.category.startsWith('lint/')) continue;
    const file = relative(root, path.resolve(root, d.location.path));
    const line = d.location.start.line;
    const rule = `biome/${d.category.slice('lint/'.length)}`;
    sites.push({ rule, path: file, line, fingerprint: fingerprint(rule, lines.text(file, line)), message: d.message });
  }
  return sites;
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Source lines of a corpus's files, read once each. */
class LineReader {
  private readonly files = new Map<string, string[]>();
  constructor(private readonly root: string) {}

  text(file: string, line: number): string {
    return this.lines(file)[line - 1] ?? '';
  }

  private lines(file: string): string[] {
    let lines = this.files.get(file);
    if (!lines) {
      lines = fs.readFileSync(path.join(this.root, file), 'utf8').split('\n');
      this.files.set(file, lines);
    }
    return lines;
  }
}
