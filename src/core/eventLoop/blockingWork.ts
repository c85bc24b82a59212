// The heavy work each entry point of a file runs on the event loop, shared by
// `blocking-loop` and `blocking-call`: one occurrence per heavy site, reported where the
// entry reaches it in this file, with the chain of calls that leads there.
import type { Node, SourceFile, ts } from 'ts-morph';
import type { AnalyzerSettings } from '../settings';
import { entryPointsIn, type EntryPoint } from './asyncContext';
import { CallGraph, type CallStep, type HeavySite } from './callGraph';
import { isCalledOnlyFromTests } from './calledOnlyFromTests';
import { isInCliPackage } from './cliPackage';
import { mayRunWhileServing } from './reachedWhileServing';

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

// Both rules ask for the same file in the same analysis; the program identifies "the same".
const occurrencesCache = new WeakMap<ts.SourceFile, { program: ts.Program; key: string; value: BlockingOccurrence[] }>();

export function blockingWorkIn(sourceFile: SourceFile, settings: AnalyzerSettings): BlockingOccurrence[] {
  const program = sourceFile.getProject().getProgram().compilerObject;
  const key = JSON.stringify([settings.blockingLoop, settings.blockingCall]);
  const cached = occurrencesCache.get(sourceFile.compilerNode);
  if (cached && cached.program === program && cached.key === key) return cached.value;
  const value = findOccurrences(sourceFile, settings);
  occurrencesCache.set(sourceFile.compilerNode, { program, key, value });
  return value;
}

/**
 * An async function or a promise callback of a command-line package that no server of the
 * package reaches: it runs for the command the process was started for, while nothing else waits.
 */
function runsForACommandOnly(entry: EntryPoint, sourceFile: SourceFile): boolean {
  return (entry.kind === 'async-function' || entry.kind === 'promise-callback') && isInCliPackage(sourceFile) && !mayRunWhileServing(entry.fn);
}

function findOccurrences(sourceFile: SourceFile, settings: AnalyzerSettings): BlockingOccurrence[] {
  const graph = new CallGraph(settings);
  const candidates: BlockingOccurrence[] = [];
  for (const entry of entryPointsIn(sourceFile)) {
    const local = entry.fn.getSourceFile() === sourceFile;
    const reached = graph.reachableSites(entry.fn);
    // Asked only of the entries that reach something: it reads every file that names the function.
    if (reached.length > 0 && entry.kind === 'async-function' && isCalledOnlyFromTests(entry.fn)) continue;
    if (reached.length > 0 && runsForACommandOnly(entry, sourceFile)) continue;
    for (const { site, chain } of reached) {
      const at = !local ? entry.anchor : chain.length > 0 ? chain[0].call : site.node;
      candidates.push({ site, entry, at, chain, alsoFrom: [] });
    }
  }
  // The most direct way to a site wins, one that blocks on every run before one paid for once; the others are mentioned on it.
  const once = (occurrence: BlockingOccurrence): number => (occurrence.site.runsOnce ? 1 : 0);
  candidates.sort((a, b) => once(a) - once(b) || a.chain.length - b.chain.length || a.at.getStart() - b.at.getStart());
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
