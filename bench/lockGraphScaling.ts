// How the lock analysis grows with the workspace: generates workspaces with thousands of
// locks in several sizes, times summarising, linking the graph, finding its cycles and
// re-analysing after an edit, and prints each time against the smallest size. Linear growth
// shows as a time ratio close to the size ratio.
//
//   npx tsx bench/lockGraphScaling.ts [--sizes 1000,2000,4000,8000]
//
// Each generated file holds LOCKS_PER_FILE module-level async-mutex locks and functions that
// nest them in a chain, call into the next file while holding a lock (cross-file edges), run a
// callback through the next file's wrapper, and, in every CYCLE_EVERY-th file, take two locks
// the other way round (a two-lock cycle). The workspace lives in memory without node_modules, so async-mutex is
// recognised by its import source, as in a half-installed checkout.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Project, ts } from 'ts-morph';
import { withDefaults } from '../src/core';
import { importBindings } from '../src/core/importedNames';
import { stronglyConnectedComponents } from '../src/core/locks/cycles';
import { summaryOf, type FileSummary } from '../src/core/locks/functionSummaries';
import { cycleSitesIn, lockAnalysisFor, type LockAnalysis } from '../src/core/locks/lockAnalysis';
import { buildLockGraph } from '../src/core/locks/lockGraph';
import { isUserFile } from '../src/core/locks/resolution';
import { linkSummaries } from '../src/core/locks/transitiveSummaries';

const LOCKS_PER_FILE = 20;
const CYCLE_EVERY = 25;
/** Cycle finding alone also runs on graphs this many times larger than the workspaces. */
const GRAPH_ONLY_FACTOR = 100;

interface Row {
  locks: number;
  files: number;
  functions: number;
  edges: number;
  /** Summarising every file, linking, the graph and its cycles: what the first check of a file costs. */
  analyseMs: number;
  linkMs: number;
  sccMs: number;
  editMs: number;
  cycleSites: number;
}

function fileText(index: number, files: number): string {
  const next = index + 1;
  const last = next === files;
  const lock = (i: number) => `lock${index}_${i}`;
  const lines = [`import { Mutex } from 'async-mutex';`];
  if (!last) lines.push(`import { leaf${next}, withFirst${next} } from './file${next}';`);
  lines.push('');
  for (let i = 0; i + 1 < LOCKS_PER_FILE; i++) lines.push(`export const ${lock(i)} = new Mutex();`);
  // Taken inside callbacks only, never while taking another: it closes no cycle.
  lines.push(`export const tail${index} = new Mutex();`);
  lines.push('', 'declare function work(step: number): Promise<void>;', '');
  // A chain: lock i held while lock i + 1 is taken.
  for (let i = 0; i + 2 < LOCKS_PER_FILE; i++) {
    lines.push(
      `export async function step${index}_${i}(): Promise<void> {`,
      `  await ${lock(i)}.runExclusive(async () => {`,
      `    await ${lock(i + 1)}.runExclusive(() => work(${i}));`,
      '  });',
      '}',
      '',
    );
  }
  // A leaf that takes the file's first lock and calls nothing: other files call it while holding theirs.
  lines.push(`export async function leaf${index}(): Promise<void> {`, `  await ${lock(0)}.runExclusive(() => work(-1));`, '}', '');
  // A wrapper that runs a callback under the first lock.
  lines.push(`export function withFirst${index}<T>(fn: () => Promise<T>): Promise<T> {`, `  return ${lock(0)}.runExclusive(fn);`, '}', '');
  if (!last) {
    // The last lock of the chain held while the next file's first lock is taken: a cross-file edge.
    lines.push(`export async function handOver${index}(): Promise<void> {`, `  await ${lock(LOCKS_PER_FILE - 2)}.runExclusive(() => leaf${next}());`, '}', '');
    // Through the next file's wrapper, with this file's tail lock taken inside the callback.
    lines.push(
      `export async function viaWrapper${index}(): Promise<void> {`,
      `  await withFirst${next}(() => tail${index}.runExclusive(() => work(0)));`,
      '}',
      '',
    );
  }
  if (index % CYCLE_EVERY === 0) {
    lines.push(
      `export async function reversed${index}(): Promise<void> {`,
      `  await ${lock(1)}.runExclusive(async () => {`,
      `    await ${lock(0)}.runExclusive(() => work(1));`,
      '  });',
      '}',
      '',
    );
  }
  return lines.join('\n');
}

function workspace(locks: number): Project {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  });
  const files = Math.max(2, Math.round(locks / LOCKS_PER_FILE));
  for (let i = 0; i < files; i++) project.createSourceFile(`/bench/src/file${i}.ts`, fileText(i, files));
  return project;
}

/**
 * Milliseconds of CPU this process spends on `work`. On a shared machine wall-clock time
 * mostly measures the neighbours; CPU time measures the work.
 */
function cpuMs(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** The median of `runs` CPU timings of `work`. */
function median(runs: number, work: () => void): number {
  const times = Array.from({ length: runs }, () => cpuMs(work));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function measure(locks: number): Row {
  const { row, summaries } = analyseWorkspace(locks);
  // Linking and the graph again, from the summaries alone: the workspace's syntax trees and
  // type checker are gone, so the collector's work on them is not charged to the graph.
  collectGarbage();
  const linkMs = median(7, () => buildLockGraph(linkSummaries(summaries)));
  const { successors } = buildLockGraph(linkSummaries(summaries));
  const sccMs = median(7, () => stronglyConnectedComponents(successors));
  return { ...row, linkMs, sccMs };
}

function analyseWorkspace(locks: number): { row: Omit<Row, 'linkMs' | 'sccMs'>; summaries: FileSummary[] } {
  const project = workspace(locks);
  const settings = withDefaults(undefined);
  // The program and type checker are the project's cost, not the lock analysis'.
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  let analysis: LockAnalysis | undefined;
  const analyseMs = cpuMs(() => {
    analysis = lockAnalysisFor(project, settings);
  });
  if (!analysis) throw new Error('no analysis');
  const { graph } = analysis;
  const edges = graph.successors.reduce((sum, out) => sum + out.length, 0);
  const cycleSites = [...graph.orderSites.keys()].reduce((sum, file) => sum + cycleSitesIn(graph, file).length, 0);
  const env = { program, checker, settings: settings.locks, bindingsOf: (file: ts.SourceFile) => importBindings(project.getSourceFileOrThrow(file.fileName)) };
  const summaries = structuredClone(
    program
      .getSourceFiles()
      .filter(isUserFile)
      .map((file) => summaryOf(file, env).summary),
  );

  // An edit inside one function body: the file is re-summarised, the graph re-linked.
  const edited = project.getSourceFileOrThrow('/bench/src/file1.ts');
  const editMs = median(3, () => {
    edited.replaceWithText(edited.getFullText().replace(/work\((\d+)\)/, (_, n: string) => `work(${Number(n) + 1})`));
    const afterEdit = lockAnalysisFor(project, settings);
    if (afterEdit.summarised.length !== 1) throw new Error(`an edit of one file re-summarised ${afterEdit.summarised.length} files`);
  });

  return {
    row: {
      locks: graph.classes.length,
      files: project.getSourceFiles().length,
      functions: analysis.program.functions.size,
      edges,
      analyseMs,
      editMs,
      cycleSites,
    },
    summaries,
  };
}

/** A full collection between measurements, when the runtime lets us ask for one. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

/** Cycle finding alone, on generated graphs far larger than any workspace: chains with random extra edges. */
function measureGraph(nodes: number): { nodes: number; edges: number; ms: number } {
  collectGarbage();
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const successors = Array.from({ length: nodes }, (_, i) => {
    const out = [(i + 1) % nodes];
    for (let k = 0; k < 2; k++) out.push(Math.floor(random() * nodes));
    return out;
  });
  return { nodes, edges: nodes * 3, ms: median(5, () => stronglyConnectedComponents(successors)) };
}

function sizesFromArgs(): number[] {
  const at = process.argv.indexOf('--sizes');
  const list = at >= 0 ? process.argv[at + 1] : '1000,2000,4000,8000';
  return list
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(2);
}

function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(1)}x`;
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function main(): void {
  const sizes = sizesFromArgs();
  measure(sizes[0]); // warm up the JIT so the smallest size is not charged for it
  const rows = sizes.map(measure);
  const base = rows[0];
  console.log(`Lock analysis on generated workspaces (${LOCKS_PER_FILE} locks per file, a two-lock cycle every ${CYCLE_EVERY} files).`);
  console.log('Times are CPU milliseconds of this process (medians where repeated), so other load on the machine does not count.\n');
  printTable(
    [
      'locks',
      'files',
      'functions',
      'edges',
      'cycle sites',
      'whole analysis',
      'link+graph',
      'SCC',
      'after an edit',
      'size ratio',
      'analysis ratio',
      'link ratio',
      'SCC ratio',
      'edit ratio',
    ],
    rows.map((r) => [
      String(r.locks),
      String(r.files),
      String(r.functions),
      String(r.edges),
      String(r.cycleSites),
      format(r.analyseMs),
      format(r.linkMs),
      format(r.sccMs),
      format(r.editMs),
      ratio(r.locks, base.locks),
      ratio(r.analyseMs, base.analyseMs),
      ratio(r.linkMs, base.linkMs),
      ratio(r.sccMs, base.sccMs),
      ratio(r.editMs, base.editMs),
    ]),
  );

  const graphSizes = sizes.map((n) => n * GRAPH_ONLY_FACTOR);
  measureGraph(graphSizes[0]);
  const graphRows = graphSizes.map(measureGraph);
  console.log(`\nCycle finding alone (strongly connected components), on larger generated graphs\n`);
  printTable(
    ['nodes', 'edges', 'SCC', 'size ratio', 'time ratio'],
    graphRows.map((r) => [String(r.nodes), String(r.edges), format(r.ms), ratio(r.nodes, graphRows[0].nodes), ratio(r.ms, graphRows[0].ms)]),
  );
}

main();
