// The lock analysis of a whole project, built once per version of its program and shared
// by the three lock rules and every file they check. A new version (an edit anywhere)
// re-summarises only the files whose summaries went stale (`functionSummaries.ts`), then
// re-links the summaries and rebuilds the graph, which costs a fraction of walking the code.
// A program that takes no lock anywhere is not summarised at all (`lockPresence.ts`).
import { ts, type Project, type SourceFile } from 'ts-morph';
import { PerSettings, WeakCache } from '../analysisCaches';
import { importBindings, type ImportedName } from '../importedNames';
import type { AnalyzerSettings } from '../settings';
import { onCycle, shortestPathWithin } from './cycles';
import { summaryOf, type FileSummary, type SummaryEnvironment } from './functionSummaries';
import { buildLockGraph, edgeKey, type LockGraph, type NestingSite } from './lockGraph';
import { programTakesLocks } from './lockPresence';
import { isUserFile, type LockContext } from './resolution';
import { linkSummaries, type ProgramSummary } from './transitiveSummaries';

export interface LockAnalysis {
  program: ProgramSummary;
  graph: LockGraph;
  /** Files summarised afresh for this version; every other summary came from the cache. */
  summarised: string[];
}

// Depends on: the lock settings and the program.
const analyses = new PerSettings(() => new WeakCache<ts.Program, LockAnalysis>());

export function lockAnalysisFor(project: Project, settings: AnalyzerSettings): LockAnalysis {
  const program = project.getProgram().compilerObject;
  return analyses.for(settings.locks).get(program, () => analyseProgram(project, program, settings));
}

/** What the lock recognisers need, for a rule working on the project's current program. */
export function lockContextFor(project: Project, settings: AnalyzerSettings): LockContext {
  const program = project.getProgram().compilerObject;
  return { program, checker: program.getTypeChecker(), settings: settings.locks, bindingsOf: bindingsReader(project), touch: () => undefined };
}

function bindingsReader(project: Project): (file: ts.SourceFile) => ReadonlyMap<string, ImportedName> {
  const wrappers = new Map<ts.SourceFile, SourceFile | undefined>();
  return (file) => {
    if (!wrappers.has(file)) wrappers.set(file, project.getSourceFile(file.fileName));
    const wrapper = wrappers.get(file);
    return wrapper ? importBindings(wrapper) : new Map<string, ImportedName>();
  };
}

function analyseProgram(project: Project, program: ts.Program, settings: AnalyzerSettings): LockAnalysis {
  const env: SummaryEnvironment = { program, checker: program.getTypeChecker(), settings: settings.locks, bindingsOf: bindingsReader(project) };
  const summaries: FileSummary[] = [];
  const summarised: string[] = [];
  if (!programTakesLocks(program, { ...env, touch: () => undefined })) {
    const empty = linkSummaries([]);
    return { program: empty, graph: buildLockGraph(empty), summarised };
  }
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file)) continue;
    const { summary, fresh } = summaryOf(file, env);
    summaries.push(summary);
    if (fresh) summarised.push(file.fileName);
  }
  const programSummary = linkSummaries(summaries);
  return { program: programSummary, graph: buildLockGraph(programSummary), summarised };
}

// Depends on: the graph alone, which is never changed once built.
const reportedCycles = new WeakCache<LockGraph, Map<string, NestingSite[]>>();

/**
 * The edge sites in `file` a cycle of the lock-order graph is reported at: one site per cycle,
 * whose other edges the finding gives as related locations (`returnPath`).
 */
export function cycleSitesIn(graph: LockGraph, file: string): NestingSite[] {
  return reportedCycles.get(graph, onePerCycle).get(file) ?? [];
}

/**
 * Picks the site each cycle is reported at, the same whichever file asks: a site of the edge
 * the fewest places take (the odd one out, where a reorder fix goes), then the first in the workspace.
 */
function onePerCycle(graph: LockGraph): Map<string, NestingSite[]> {
  const edgeWeight = (site: NestingSite): number => sitesOfEdge(graph, site.from.classKey, site.to.classKey).length;
  const sites = [...graph.orderSites.values()]
    .flat()
    .filter((site) => onCycle(graph.components, nodeOf(graph, site.from.classKey), nodeOf(graph, site.to.classKey)))
    .sort((a, b) => edgeWeight(a) - edgeWeight(b) || compareText(a.site.file, b.site.file) || a.site.start - b.site.start);
  const seen = new Set<string>();
  const byFile = new Map<string, NestingSite[]>();
  for (const site of sites) {
    const back = returnPath(graph, site);
    if (back.length === 0) continue;
    const key = cycleKey([site.from.classKey, ...back.map((s) => s.from.classKey)].map((classKey) => nodeOf(graph, classKey)));
    if (seen.has(key)) continue;
    seen.add(key);
    const list = byFile.get(site.site.file);
    if (list) list.push(site);
    else byFile.set(site.site.file, [site]);
  }
  for (const list of byFile.values()) list.sort((a, b) => a.site.start - b.site.start);
  return byFile;
}

/** One key for a cycle whichever of its nodes it is walked from. */
function cycleKey(nodes: readonly number[]): string {
  const first = nodes.indexOf(Math.min(...nodes));
  return [...nodes.slice(first), ...nodes.slice(0, first)].join('>');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The way back from `site.to` to `site.from` that closes the cycle: one representative site
 * per edge, preferring sites in other functions than `site`'s own, which tell the reader something new.
 */
export function returnPath(graph: LockGraph, site: NestingSite): NestingSite[] {
  const from = nodeOf(graph, site.from.classKey);
  const to = nodeOf(graph, site.to.classKey);
  const path = shortestPathWithin(graph.successors, graph.components, to, from) ?? [];
  const out: NestingSite[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const sites = graph.edgeSites.get(edgeKey(path[i], path[i + 1])) ?? [];
    const chosen = sites.find((s) => s.fn !== site.fn) ?? sites[0];
    if (chosen) out.push(chosen);
  }
  return out;
}

/** All sites forming the edge between two lock classes, in either direction. */
export function sitesOfEdge(graph: LockGraph, fromClass: string, toClass: string): NestingSite[] {
  const from = graph.nodeOf.get(fromClass);
  const to = graph.nodeOf.get(toClass);
  if (from === undefined || to === undefined) return [];
  return graph.edgeSites.get(edgeKey(from, to)) ?? [];
}

function nodeOf(graph: LockGraph, classKey: string): number {
  return graph.nodeOf.get(classKey) as number;
}
