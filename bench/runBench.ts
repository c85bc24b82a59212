// The bench as a function: prepares the corpora, runs the three tools on each (one after
// another, never at once, so they do not compete for the cores), measures editor latency
// and fix safety, and returns every number. `formatReport` turns them into the table.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareRealCorpus, REAL_CORPORA, REPO_ROOT, type Corpus } from './corpora';
import { measureEditorLatency, type LatencyOptions, type LatencyResult } from './editorLatency';
import { checkFixSafety, type FixSafetyResult } from './fixSafety';
import { generateWorkspace } from './generateWorkspace';
import { finishedNormally, runTool, type Tool, type ToolRun } from './toolRuns';
import { measureWideAwaitGroups, type WideAwaitRun } from './wideAwaitGroups';

export interface BenchOptions {
  /** Names from REAL_CORPORA. */
  realCorpora: string[];
  /** Sizes (files) of the generated workspace. */
  generatedSizes: number[];
  eslint: boolean;
  latency: LatencyOptions | undefined;
  fixSafety: boolean;
  /** Runs bench/lockGraphScaling.ts (the lock graph's own scaling bench) and keeps its output. */
  lockGraphScaling: boolean;
  /** Awaits in the one generated function of bench/wideAwaitGroups.ts, smallest (the reference) first; empty for none. */
  wideAwaitSizes: number[];
  keepScratch: boolean;
  log: (line: string) => void;
}

export interface CorpusResult {
  corpus: Corpus;
  generated: boolean;
  runs: Partial<Record<Tool, ToolRun>>;
}

export interface BenchReport {
  startedAt: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  cpus: number;
  node: string;
  corpora: CorpusResult[];
  latency?: LatencyResult;
  fixSafety: FixSafetyResult[];
  lockGraphScaling?: string;
  wideAwaits: WideAwaitRun[];
  scratch: string;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  realCorpora: REAL_CORPORA.map((c) => c.name),
  generatedSizes: [1_000, 5_000],
  eslint: true,
  latency: { files: 1_000, lines: 2_000, edits: 15, hovers: 30, debounceMs: 50 },
  fixSafety: true,
  lockGraphScaling: true,
  wideAwaitSizes: [1_000, 5_000, 10_000, 50_000],
  keepScratch: false,
  log: (line) => process.stderr.write(`${line}\n`),
};

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  for (const bundle of ['cli.js', 'server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: run \`npm run build\` first.`);
  }
  const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-bench-')));
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    loadAverageBefore: os.loadavg(),
    loadAverageAfter: [],
    cpus: os.cpus().length,
    node: process.version,
    corpora: [],
    fixSafety: [],
    wideAwaits: [],
    scratch,
  };
  const { log } = options;
  try {
    const corpora: Array<{ corpus: Corpus; generated: boolean }> = [];
    for (const name of options.realCorpora) {
      const known = REAL_CORPORA.find((c) => c.name === name);
      if (!known) throw new Error(`Unknown corpus '${name}'; known: ${REAL_CORPORA.map((c) => c.name).join(', ')}.`);
      const corpus = prepareRealCorpus(scratch, known);
      if (corpus) corpora.push({ corpus, generated: false });
      else log(`skipping ${name}: node_modules/${known.source} is not installed`);
    }
    for (const size of options.generatedSizes) corpora.push({ corpus: generateWorkspace(scratch, size), generated: true });

    const tools: Tool[] = options.eslint ? ['kitchen-sync', 'tsc', 'eslint'] : ['kitchen-sync', 'tsc'];
    for (const { corpus, generated } of corpora) {
      const result: CorpusResult = { corpus, generated, runs: {} };
      for (const tool of tools) {
        log(`${corpus.name} (${corpus.fileCount} files): ${tool}...`);
        const run = await runTool(tool, corpus);
        if (!finishedNormally(run)) log(`  ${tool} exited with ${run.exitCode}: ${run.stderr.slice(-2_000)}`);
        log(`  ${(run.wallMs / 1000).toFixed(1)} s, ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
        result.runs[tool] = run;
      }
      report.corpora.push(result);
    }

    if (options.fixSafety) {
      // The real corpora have little to fix; the smallest generated workspace has something in every file.
      const smallestGenerated = report.corpora.find((c) => c.generated);
      const targets = [...report.corpora.filter((c) => !c.generated), ...(smallestGenerated ? [smallestGenerated] : [])];
      for (const { corpus, runs } of targets) {
        log(`fix safety on ${corpus.name}...`);
        report.fixSafety.push(await checkFixSafety(corpus, scratch, runs.tsc?.stdout ?? ''));
      }
    }
    if (options.latency) {
      log(`editor latency (${options.latency.files} files, ${options.latency.lines}-line file, ${options.latency.edits} edits)...`);
      report.latency = await measureEditorLatency(scratch, options.latency);
    }
    const lockBench = path.join(__dirname, 'lockGraphScaling.ts');
    if (options.lockGraphScaling) {
      log('lock graph scaling (bench/lockGraphScaling.ts)...');
      const run = spawnSync(process.execPath, ['--import', 'tsx', lockBench], { cwd: REPO_ROOT, encoding: 'utf8' });
      report.lockGraphScaling = `${run.stdout}${run.status === 0 ? '' : `\n(exited with ${run.status}: ${run.stderr.slice(-1_000)})`}`;
    }
    report.wideAwaits = await measureWideAwaitGroups(scratch, options.wideAwaitSizes, log);
  } finally {
    report.loadAverageAfter = os.loadavg();
    if (!options.keepScratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
  return report;
}
