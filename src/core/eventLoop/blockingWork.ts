// The heavy work each entry point of a file runs on the event loop, shared by
// `blocking-loop` and `blocking-call`: one occurrence per heavy site, reported where the
// entry reaches it in this file, with the chain of calls that leads there.
import type { Node, SourceFile, ts } from 'ts-morph';
import { PerSettings, ProgramCache } from '../analysisCaches';
import type { AnalyzerSettings } from '../settings';
import { entryPointsIn, type EntryPoint } from './asyncContext';
import { isCheapMetadataCall } from './blockingApis';
import { CallGraph, type CallStep, type HeavySite } from './callGraph';
import { isCalledOnlyFromTests } from './calledOnlyFromTests';
import { isInCliPackage } from './cliPackage';
import { runsInParallelMap } from './parallelMap';
import { isRequestListener, servingReachOf, type ServingReach } from './reachedWhileServing';

export interface BlockingOccurrence {
  site: HeavySite;
  entry: EntryPoint;
  /** What to underline in this file: the site itself, the entry's call that reaches it, or the name handed to a router. */
  at: Node;
  /** The calls from the entry down to the site's function. */
  chain: CallStep[];
  /** Other entries in this file that reach the same site, with where each does. */
  alsoFrom: Array<{ entry: EntryPoint; at: Node }>;
}

// Both rules ask for the same file in the same analysis. Depends on: the settings and the
// program (the call graph crosses files).
const occurrencesCache = new PerSettings(() => new ProgramCache<ts.SourceFile, BlockingOccurrence[]>());

export function blockingWorkIn(sourceFile: SourceFile, settings: AnalyzerSettings): BlockingOccurrence[] {
  const program = sourceFile.getProject().getProgram().compilerObject;
  return occurrencesCache.for(settings).get(program, sourceFile.compilerNode, () => findOccurrences(sourceFile, settings));
}

/** What runs the entry: a request, something else a long-running process waits for, only one job, or unknown. */
function reachOfEntry(entry: EntryPoint): ServingReach {
  switch (entry.kind) {
    case 'route':
    case 'server':
    case 'message-handler':
      return 'request';
    case 'listener':
      return isRequestListener(entry.anchor) ? 'request' : 'serving';
    case 'timer':
      return 'serving';
    default:
      return servingReachOf(entry.fn);
  }
}

/**
 * Whether a blocking call the entry reaches belongs in the experimental tier: a cheap call on
 * one path (`existsSync`, `statSync`, `mkdirSync`) that no request waits for; a call made
 * while nothing else waits (a command, startup, shutdown); and, in a command-line package,
 * one that no request handler, listener or timer can be read back to. A call that a
 * `Promise.all` map runs before its callback's first await keeps its tier: the work meant
 * to run side by side runs one after another.
 */
function isLessCertainBlockingCall(occurrence: { site: HeavySite; at: Node }, reach: () => ServingReach, inCliPackage: boolean): boolean {
  const { site } = occurrence;
  if (site.api && isCheapMetadataCall(site.api, site.node)) return reach() !== 'request';
  if (runsInParallelMap(occurrence.at)) return false;
  const served = reach();
  return served === 'nothing-waits' || (inCliPackage && served === 'unknown');
}

function findOccurrences(sourceFile: SourceFile, settings: AnalyzerSettings): BlockingOccurrence[] {
  const graph = new CallGraph(settings, sourceFile.getProject().getProgram().compilerObject);
  const inCliPackage = isInCliPackage(sourceFile);
  const candidates: BlockingOccurrence[] = [];
  for (const entry of entryPointsIn(sourceFile)) {
    const local = entry.fn.getSourceFile() === sourceFile;
    const reached = graph.reachableSites(entry.fn);
    // Asked only of the entries that reach something: it reads every file that names the function.
    if (reached.length > 0 && entry.kind === 'async-function' && isCalledOnlyFromTests(entry.fn)) continue;
    let known: ServingReach | undefined;
    const reach = (): ServingReach => (known ??= reachOfEntry(entry));
    // In a command-line package, a loop that only the commands reach runs while nothing else waits.
    const forACommandOnly = (): boolean =>
      inCliPackage && (entry.kind === 'async-function' || entry.kind === 'promise-callback') && reach() === 'nothing-waits';
    for (const { site, chain } of reached) {
      const at = !local ? entry.anchor : chain.length > 0 ? chain[0].call : site.node;
      if (site.kind !== 'blocking-call') {
        if (!forACommandOnly()) candidates.push({ site, entry, at, chain, alsoFrom: [] });
        continue;
      }
      const lessCertain = !site.experimental && isLessCertainBlockingCall({ site, at: chain.length > 0 ? chain[0].call : site.node }, reach, inCliPackage);
      candidates.push({ site: lessCertain ? { ...site, experimental: true } : site, entry, at, chain, alsoFrom: [] });
    }
  }
  // The most direct way to a site wins, one that blocks on every run before one paid for once, a certain one before a less certain one; the others are mentioned on it.
  const once = (occurrence: BlockingOccurrence): number => (occurrence.site.runsOnce ? 1 : 0);
  const lessCertain = (occurrence: BlockingOccurrence): number => (occurrence.site.experimental ? 1 : 0);
  candidates.sort((a, b) => once(a) - once(b) || lessCertain(a) - lessCertain(b) || a.chain.length - b.chain.length || a.at.getStart() - b.at.getStart());
  const bySite = new Map<Node, BlockingOccurrence>();
  for (const candidate of candidates) {
    const first = bySite.get(candidate.site.node);
    if (!first) bySite.set(candidate.site.node, candidate);
    else if (first.entry !== candidate.entry && !first.alsoFrom.some((other) => other.entry === candidate.entry)) {
      first.alsoFrom.push({ entry: candidate.entry, at: candidate.at });
    }
  }
  return [...bySite.values()].sort((a, b) => a.at.getStart() - b.at.getStart());
}
