// The three tools the bench compares, each run on a corpus folder as a user would run it:
// our CLI's whole analysis, `tsc --noEmit`, and ESLint with typescript-eslint's
// type-aware promise rules plus core `no-await-in-loop`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, type Corpus } from './corpora';
import { measureNode, type ProcessMeasurement } from './measureProcess';

export type Tool = 'kitchen-sync' | 'tsc' | 'eslint';

export const CLI_BUNDLE = path.join(REPO_ROOT, 'dist', 'cli.js');
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js');
const ESLINT = path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

const ESLINT_CONFIG = `// Written by the Kitchen Sync bench: what a user runs today for promise mistakes.
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.mts', 'src/**/*.cts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-await-in-loop': 'error',
    },
  },
];
`;

export interface ToolRun extends ProcessMeasurement {
  tool: Tool;
  /** Findings (ours, ESLint) or type errors (tsc), to show each tool did its work. */
  reported?: number;
  /** Our problems of kind 'skipped' (files cut short by the time budget). */
  skipped?: number;
}

export async function runTool(tool: Tool, corpus: Corpus): Promise<ToolRun> {
  switch (tool) {
    case 'kitchen-sync': {
      const output = path.join(corpus.root, 'kitchen-sync-report.json');
      const run = await measureNode(CLI_BUNDLE, ['--format', 'json', '--output', output, 'src'], corpus.root);
      const report = fs.existsSync(output)
        ? (JSON.parse(fs.readFileSync(output, 'utf8')) as { findings: unknown[]; problems: Array<{ kind: string }> })
        : undefined;
      return { ...run, tool, reported: report?.findings.length, skipped: report?.problems.filter((p) => p.kind === 'skipped').length };
    }
    case 'tsc': {
      const run = await measureNode(TSC, ['--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], corpus.root);
      return { ...run, tool, reported: typeErrors(run.stdout).length };
    }
    case 'eslint': {
      fs.writeFileSync(path.join(corpus.root, 'eslint.config.mjs'), ESLINT_CONFIG);
      const output = path.join(corpus.root, 'eslint-report.json');
      const run = await measureNode(ESLINT, ['--no-inline-config', '--format', 'json', '--output-file', output, 'src'], corpus.root);
      const results = fs.existsSync(output) ? (JSON.parse(fs.readFileSync(output, 'utf8')) as Array<{ messages: unknown[] }>) : undefined;
      return { ...run, tool, reported: results?.reduce((sum, r) => sum + r.messages.length, 0) };
    }
  }
}

/** `file(line,col): error TSxxxx: message` lines of tsc's plain output. */
export function typeErrors(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => /\): error TS\d+:/.test(line));
}

/** Whether a run ended as the tool ends normally (0, or 1 for "found something"). */
export function finishedNormally(run: ToolRun): boolean {
  return run.exitCode === 0 || (run.exitCode === 1 && run.reported !== undefined) || (run.tool === 'tsc' && run.exitCode === 2);
}
