// The heavy work a function does when called, directly and through the functions it
// calls, across files, imports and methods. Each function gets a summary: its heavy
// sites, the calls it makes, and its cost for a caller that runs it in a loop.
//
// Summaries are cached per program: a summary reads the bodies of the functions it calls,
// found through imports, re-exports and types, so an edit to any file may change it.
import { Node, SyntaxKind, ts, type CallExpression, type NewExpression } from 'ts-morph';
import { PerSettings, ProgramCache, type WeakCache } from '../analysisCaches';
import type { AnalyzerSettings } from '../settings';
import { wrapperOf } from '../syntaxDescendants';
import { blockingApiOf, type BlockingApi } from './blockingApis';
import { NO_COST, heavier, isHeavy, multiply, type Cost } from './costModel';
import { copiedSearchOf } from './copiedSearches';
import { renameForCall } from './dataSizes';
import { callTarget, resolveFunction } from './functionTargets';
import { runsOnlyOnce } from './lazyInitialization';
import { constantValue, iterationLevel, loopLevel } from './loopBounds';
import { exponentialRecursion, type ExponentialRecursion } from './recursion';
import { isBusyWait, isEndless } from './spinningLoops';
import { inlineCallerOf, isAsyncFunction, isFunctionLike, isLoop, type FunctionLike } from './syncRegion';

export type HeavyKind = 'loop' | 'endless-loop' | 'busy-wait' | 'recursion' | 'blocking-call';

/** One step of the heaviest path through a loop nest: an inner loop, or a call it goes through. */
export interface PathStep {
  node: Node;
  role: 'loop' | 'call';
}

export interface HeavySite {
  kind: HeavyKind;
  /** The outer loop of the nest, the blocking call, or the recursive function. */
  node: Node;
  /** The function the site is in. */
  fn: FunctionLike;
  /** Loops: the work, in the names of `fn`. */
  cost?: Cost;
  /** Loops: the inner loops and calls that make up the heaviest path, outer first. */
  path?: PathStep[];
  api?: BlockingApi;
  /** Blocking calls: the result is kept for good, so only the first run pays (experimental, a hint). */
  runsOnce?: boolean;
  recursion?: ExponentialRecursion;
  /**
   * Loops: a search of a fresh copy of this collection, on every pass of a loop that fills
   * or walks it (`Array.from(map.values()).includes(x)`); heavy by its shape, whatever the size.
   */
  copiedSearch?: string;
  /** Heavy only if the callee is what its name says, or only on its first run: experimental. */
  experimental: boolean;
}

export interface CallStep {
  call: CallExpression | NewExpression;
  callee: FunctionLike;
}

export interface ReachedSite {
  site: HeavySite;
  /** The calls from the function down to the site's function; empty when the site is in it. */
  chain: CallStep[];
}

interface Edge extends CallStep {
  /** The call sits in a loop that is already a heavy site, which covers the loops it reaches. */
  insideHeavyLoop: boolean;
}

interface FunctionSummary {
  sites: HeavySite[];
  edges: Edge[];
  cost: Cost & { path: PathStep[] };
}

type CostWithPath = Cost & { path: PathStep[] };

/** The nodes `summarize` looks at as more than their children: functions, loops, calls. */
const WRAPPED_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
  SyntaxKind.ForStatement,
  SyntaxKind.ForOfStatement,
  SyntaxKind.ForInStatement,
  SyntaxKind.WhileStatement,
  SyntaxKind.DoStatement,
  SyntaxKind.CallExpression,
  SyntaxKind.NewExpression,
]);

const NOTHING: CostWithPath = { ...NO_COST, path: [] };

// Per function. Depends on: the settings (the loop threshold, the extra blocking functions)
// and the program (the bodies of the functions it calls, in any file).
const summaryCache = new PerSettings(() => new ProgramCache<ts.Node, FunctionSummary>());
const reachCache = new PerSettings(() => new ProgramCache<ts.Node, ReachedSite[]>());

/**
 * The call graph of one program as seen with one set of settings. Create one per check;
 * it reads and fills the caches every check of the same program shares.
 */
export class CallGraph {
  private readonly summaries: WeakCache<ts.Node, FunctionSummary>;
  private readonly reached: WeakCache<ts.Node, ReachedSite[]>;
  /** Per kind of fact, the functions being computed, and the lowest depth a cycle reached back to. */
  private readonly progress = new Map<object, { stack: FunctionLike[]; lowestCycleDepth: number }>();

  constructor(
    private readonly settings: AnalyzerSettings,
    program: ts.Program,
  ) {
    this.summaries = summaryCache.for(settings).in(program);
    this.reached = reachCache.for(settings).in(program);
  }

  /** Every heavy site a call of `fn` runs, each once, with the shortest chain of calls to it. */
  reachableSites(fn: FunctionLike): ReachedSite[] {
    return this.reach(fn);
  }

  private reach(fn: FunctionLike): ReachedSite[] {
    const computed = this.once(fn, this.reached, () => {
      const summary = this.summary(fn);
      const found = new Map<Node, ReachedSite>();
      for (const site of summary.sites) found.set(site.node, { site, chain: [] });
      for (const edge of summary.edges) {
        // An async callee is an entry of its own, reported where it is declared.
        if (isAsyncFunction(edge.callee)) continue;
        let callRunsOnce: boolean | undefined;
        for (const { site: reachedSite, chain } of this.reach(edge.callee)) {
          if (edge.insideHeavyLoop && reachedSite.kind === 'loop' && !reachedSite.copiedSearch) continue;
          if (chain.length === 0 && reachedSite.recursion && isSmallRecursion(edge.call, reachedSite.recursion, this.settings.blockingLoop.minIterations))
            continue;
          // `if (!this.provider) this.provider = loadProvider();`: what the call blocks on, it blocks on once.
          const once = reachedSite.kind === 'blocking-call' && !reachedSite.runsOnce && (callRunsOnce ??= runsOnlyOnce(edge.call));
          const site = once ? { ...reachedSite, runsOnce: true, experimental: true } : reachedSite;
          const candidate = { site, chain: [{ call: edge.call, callee: edge.callee }, ...chain] };
          const known = found.get(site.node);
          if (!known || isMoreDirect(candidate, known)) found.set(site.node, candidate);
        }
      }
      return [...found.values()];
    });
    return computed ?? [];
  }

  private summary(fn: FunctionLike): FunctionSummary {
    const computed = this.once(fn, this.summaries, () => summarize(fn, this.settings, (callee, call, renames) => this.calleeCost(callee, call, renames)));
    return computed ?? { sites: [], edges: [], cost: NOTHING };
  }

  /** The cost of calling `callee` at `call`, in the caller's names. */
  private calleeCost(callee: FunctionLike, call: CallExpression | NewExpression, renames: boolean): CostWithPath {
    if (isAsyncFunction(callee)) return NOTHING;
    const cost = this.summary(callee).cost;
    if (cost.factors.length === 0 && cost.unknown.length === 0 && cost.constant === 1) return NOTHING;
    return {
      ...cost,
      // A callback an array method calls gets elements: sizes read from its parameters are parts of them.
      factors: cost.factors.flatMap((factor) => {
        const renamed = renames ? renameForCall(factor, call) : factor.parameter ? undefined : factor;
        return renamed ? [{ ...renamed, viaCall: true }] : [];
      }),
      path: [{ node: call, role: 'call' }, ...cost.path],
    };
  }

  /**
   * Computes a fact about `fn` once per program: from the cache, or by running `compute`. A
   * function met again while it is being computed (recursion) contributes nothing there,
   * and results that depended on such a cut are not kept.
   */
  private once<V>(fn: FunctionLike, cache: WeakCache<ts.Node, V>, compute: () => V): V | undefined {
    const cached = cache.peek(fn.compilerNode);
    if (cached !== undefined) return cached;
    let progress = this.progress.get(cache);
    if (!progress) {
      progress = { stack: [], lowestCycleDepth: Number.POSITIVE_INFINITY };
      this.progress.set(cache, progress);
    }
    const depth = progress.stack.indexOf(fn);
    if (depth >= 0) {
      progress.lowestCycleDepth = Math.min(progress.lowestCycleDepth, depth);
      return undefined;
    }
    const ownDepth = progress.stack.length;
    const lowestBefore = progress.lowestCycleDepth;
    progress.lowestCycleDepth = Number.POSITIVE_INFINITY;
    progress.stack.push(fn);
    let value: V;
    try {
      value = compute();
    } finally {
      progress.stack.pop();
    }
    if (progress.lowestCycleDepth >= ownDepth) cache.set(fn.compilerNode, value);
    progress.lowestCycleDepth = Math.min(lowestBefore, progress.lowestCycleDepth);
    return value;
  }
}

/** A way that blocks on every run beats one that blocks once; then the shorter chain wins. */
function isMoreDirect(candidate: ReachedSite, known: ReachedSite): boolean {
  const once = (reached: ReachedSite): number => (reached.site.runsOnce ? 1 : 0);
  return once(candidate) - once(known) < 0 || (once(candidate) === once(known) && candidate.chain.length < known.chain.length);
}

/** `fib(20)`: a constant argument small enough that 2^n calls stay under the loop threshold. */
function isSmallRecursion(call: CallExpression | NewExpression, recursion: ExponentialRecursion, minIterations: number): boolean {
  const argument = call.getArguments()[recursion.parameterIndex];
  const value = argument ? constantValue(argument) : undefined;
  return value !== undefined && 2 ** value < minIterations;
}

/** `renames`: the call's arguments are the callee's parameters (false for a callback an array method calls). */
type CalleeCost = (callee: FunctionLike, call: CallExpression | NewExpression, renames: boolean) => CostWithPath;

interface RegionResult {
  cost: CostWithPath;
  sites: HeavySite[];
  edges: Edge[];
}

/** One walk over what `fn` runs synchronously: its sites, its calls and its heaviest path. */
function summarize(fn: FunctionLike, settings: AnalyzerSettings, calleeCost: CalleeCost): FunctionSummary {
  const minIterations = settings.blockingLoop.minIterations;
  const extraFunctions = settings.blockingCall.extraFunctions;
  const selfCalls: CallExpression[] = [];

  // The walk is on the compiler's tree: only functions, loops and calls get ts-morph
  // wrappers. Wrapping every node of a 2,000-line file cost more than the analysis.
  const visitChildren = (node: ts.Node): RegionResult => {
    const result = emptyRegion();
    ts.forEachChild(node, (child) => {
      merge(result, visit(child));
    });
    return result;
  };

  /** What a loop evaluates once (a `for...of` iterable, a `for` initializer) and on every pass. */
  const visitLoopParts = (loop: ts.Node): { once: RegionResult; perPass: RegionResult } => {
    const once = emptyRegion();
    const perPass = emptyRegion();
    const evaluatedOnce = new Set<ts.Node | undefined>();
    if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) evaluatedOnce.add(loop.expression).add(loop.initializer);
    if (ts.isForStatement(loop)) evaluatedOnce.add(loop.initializer);
    ts.forEachChild(loop, (child) => {
      merge(evaluatedOnce.has(child) ? once : perPass, visit(child));
    });
    return { once, perPass };
  };

  /**
   * A level around `inner`: a heavy site when the product is heavy, which then covers the
   * loops inside. Sizes read from parameters are weighed where a caller names them.
   */
  const level = (node: Node, levelOf: ReturnType<typeof loopLevel>, inner: RegionResult): RegionResult => {
    const cost: CostWithPath = {
      ...multiply(levelOf, inner.cost),
      path: levelOf.kind === 'none' ? inner.cost.path : [{ node, role: 'loop' }, ...inner.cost.path],
    };
    if (levelOf.kind === 'none' || !isHeavy(cost, minIterations, true)) return { ...inner, cost };
    const site: HeavySite = { kind: 'loop', node, fn, cost, path: cost.path.slice(1), experimental: false };
    return {
      cost,
      // A copied search keeps its own site: the nest around it may turn out small where it is called.
      sites: [site, ...inner.sites.filter((s) => s.kind !== 'loop' || s.copiedSearch)],
      edges: inner.edges.map((edge) => ({ ...edge, insideHeavyLoop: true })),
    };
  };

  const visit = (compiled: ts.Node): RegionResult => {
    if (!WRAPPED_KINDS.has(compiled.kind)) return visitChildren(compiled);
    const node = wrapperOf(fn, compiled);
    if (isFunctionLike(node)) return inlineCallerOf(node) ? visitChildren(compiled) : emptyRegion();
    if (isLoop(node)) {
      const { once, perPass } = visitLoopParts(compiled);
      if (isBusyWait(node)) return combine(once, withSite(perPass, { kind: 'busy-wait', node, fn, experimental: false }));
      if (isEndless(node)) return combine(once, withSite(perPass, { kind: 'endless-loop', node, fn, experimental: false }));
      return combine(once, level(node, loopLevel(node), perPass));
    }
    if (Node.isCallExpression(node) || Node.isNewExpression(node)) {
      const inner = visitChildren(compiled);
      if (Node.isCallExpression(node)) {
        const api = blockingApiOf(node, extraFunctions);
        if (api) {
          const runsOnce = runsOnlyOnce(node);
          return withSite(inner, { kind: 'blocking-call', node, fn, api, experimental: runsOnce || !api.certain, ...(runsOnce ? { runsOnce } : {}) });
        }
        const iteration = iterationLevel(node);
        if (iteration) {
          // The receiver is evaluated once; the arguments (the callback) once per element.
          const once = visit(node.getExpression().compilerNode);
          const perPass = emptyRegion();
          for (const arg of node.getArguments()) merge(perPass, visit(arg.compilerNode));
          // A function passed by name (`rows.map(score)`) runs once per element, like an inline callback.
          for (const callback of callbacksPassedByName(node)) {
            perPass.cost = heavierWithPath(perPass.cost, calleeCost(callback, node, false));
            perPass.edges.push({ call: node, callee: callback, insideHeavyLoop: false });
          }
          const searched = copiedSearchOf(node, fn);
          const region = combine(once, level(node, iteration, perPass));
          return searched
            ? withSite(region, { kind: 'loop', node, fn, cost: searched.cost, path: [], copiedSearch: searched.collection, experimental: false })
            : region;
        }
      }
      const callee = isFunctionLike(unparenthesized(node.getExpression())) ? undefined : callTarget(node);
      if (!callee) return inner;
      if (callee === fn) {
        if (Node.isCallExpression(node)) selfCalls.push(node);
        return inner;
      }
      inner.cost = heavierWithPath(inner.cost, calleeCost(callee, node, true));
      inner.edges.push({ call: node, callee, insideHeavyLoop: false });
      return inner;
    }
    return visitChildren(compiled);
  };

  const body = fn.getBody();
  const result = body ? visit(body.compilerNode) : emptyRegion();
  const recursion = exponentialRecursion(fn, selfCalls);
  if (recursion) result.sites.push({ kind: 'recursion', node: fn, fn, recursion, experimental: false });
  return { sites: result.sites, edges: result.edges, cost: result.cost };
}

function callbacksPassedByName(call: CallExpression): FunctionLike[] {
  return call
    .getArguments()
    .filter((arg) => Node.isIdentifier(arg) || Node.isPropertyAccessExpression(arg))
    .map((arg) => resolveFunction(arg))
    .filter((fn): fn is FunctionLike => !!fn);
}

function unparenthesized(node: Node): Node {
  return Node.isParenthesizedExpression(node) ? unparenthesized(node.getExpression()) : node;
}

function emptyRegion(): RegionResult {
  return { cost: NOTHING, sites: [], edges: [] };
}

/** Two regions that run one after the other: the heavier path, and everything found in either. */
function combine(first: RegionResult, second: RegionResult): RegionResult {
  const result = emptyRegion();
  merge(result, first);
  merge(result, second);
  return result;
}

function withSite(result: RegionResult, site: HeavySite): RegionResult {
  return { ...result, sites: [site, ...result.sites] };
}

function merge(into: RegionResult, from: RegionResult): void {
  into.cost = heavierWithPath(into.cost, from.cost);
  into.sites.push(...from.sites);
  into.edges.push(...from.edges);
}

function heavierWithPath(a: CostWithPath, b: CostWithPath): CostWithPath {
  return heavier(a, b) === a ? a : b;
}
