// The whole-program lock-order graph: an edge A → B for every place where B is taken while
// A is held, directly or anywhere down a call chain, with the sites and chains that form
// it. Taking a lock of the class already held is not an edge: it is a self-deadlock when
// it is the very same lock (`lock-reentry`), and two locks of one class taken in no
// defined order otherwise (`from.lock` then `to.lock`, reported by `lock-order`).
import { stronglyConnectedComponents, type Components } from './cycles';
import type { Site } from './sites';
import { isParameterLock, UNKNOWN_INSTANCE, type LockRef } from './lockIdentity';
import { acquisitionsAt, eventContext, isConditional, type ChainStep, type HeldAt, type ProgramSummary } from './transitiveSummaries';

/** One place where `to` is taken while `from` is held. */
export interface NestingSite {
  from: LockRef;
  to: LockRef;
  /** The acquisition, or the call leading to it, in `fn`. */
  site: Site;
  fn: string;
  fnKey: string;
  /** Where `from` was taken, and the chain to it when a wrapper took it. */
  held: HeldAt;
  /** From `site` down to where `to` is taken. */
  chain: ChainStep[];
  /** `to` is taken only under parameter flags, or flags passed on the way that are not known (`flagGuards.ts`). */
  conditional: boolean;
}

export interface LockGraph {
  /** Lock class keys by node number. */
  classes: string[];
  nodeOf: ReadonlyMap<string, number>;
  successors: number[][];
  /** Sites forming each edge, keyed `${from}>${to}` by node number. */
  edgeSites: ReadonlyMap<string, NestingSite[]>;
  /** Edge sites, self-deadlocks and same-class nestings by the file they are in. */
  orderSites: ReadonlyMap<string, NestingSite[]>;
  reentrySites: ReadonlyMap<string, NestingSite[]>;
  sameClassSites: ReadonlyMap<string, NestingSite[]>;
  components: Components;
}

export function edgeKey(from: number, to: number): string {
  return `${from}>${to}`;
}

export function buildLockGraph(program: ProgramSummary): LockGraph {
  const classes: string[] = [];
  const nodeOf = new Map<string, number>();
  const successors: number[][] = [];
  const edgeSites = new Map<string, NestingSite[]>();
  const orderSites = new Map<string, NestingSite[]>();
  const reentrySites = new Map<string, NestingSite[]>();
  const sameClassSites = new Map<string, NestingSite[]>();
  const namedPairs = new Map<string, NestingSite[]>();

  const node = (lock: LockRef): number => {
    let id = nodeOf.get(lock.classKey);
    if (id === undefined) {
      id = classes.length;
      nodeOf.set(lock.classKey, id);
      classes.push(lock.classKey);
      successors.push([]);
    }
    return id;
  };

  for (const fn of program.functions.values()) {
    for (const event of fn.events) {
      const context = eventContext(fn, event, program);
      const seen = new Set<string>();
      for (const { acquired, alsoHeld } of acquisitionsAt(fn, event, program)) {
        const to = acquired.lock;
        for (const held of [...context.held, ...alsoHeld]) {
          const from = held.lock;
          const kind = nestingKind(from, to);
          if (!kind) continue;
          const dedupe = `${kind}\u0000${from.classKey}\u0000${from.instance}\u0000${to.classKey}\u0000${to.instance}`;
          if (seen.has(dedupe)) continue;
          seen.add(dedupe);
          const site: NestingSite = {
            from,
            to,
            site: event.site,
            fn: fn.name,
            fnKey: fn.key,
            held,
            chain: acquired.chain,
            conditional: isConditional(acquired),
          };
          if (kind === 'order') {
            const a = node(from);
            const b = node(to);
            const key = edgeKey(a, b);
            let sites = edgeSites.get(key);
            if (!sites) {
              edgeSites.set(key, (sites = []));
              successors[a].push(b);
            }
            sites.push(site);
            push(orderSites, fn.file, site);
          } else if (kind === 'reentry') {
            push(reentrySites, fn.file, site);
          } else if (isNamedObject(from) && isNamedObject(to)) {
            // `top.lock` then `bottom.lock` on two module-level objects: a problem only if some code takes them the other way round.
            push(namedPairs, `${from.classKey}\u0000${from.instance}\u0000${to.instance}`, site);
          } else {
            push(sameClassSites, fn.file, site);
          }
        }
      }
    }
  }
  for (const [key, sites] of namedPairs) {
    const [classKey, from, to] = key.split('\u0000');
    if (!namedPairs.has(`${classKey}\u0000${to}\u0000${from}`)) continue;
    for (const site of sites) push(sameClassSites, site.site.file, site);
  }
  return { classes, nodeOf, successors, edgeSites, orderSites, reentrySites, sameClassSites, components: stronglyConnectedComponents(successors) };
}

/** What taking `to` while holding `from` amounts to, if anything can hang. */
function nestingKind(from: LockRef, to: LockRef): 'order' | 'reentry' | 'same-class' | undefined {
  // A lock parameter is some caller's lock: its callers' events tell which.
  if (isParameterLock(from) || isParameterLock(to)) return undefined;
  if (from.classKey !== to.classKey) return 'order';
  // A semaphore with several permits can be taken twice; shared Web Locks do not exclude each other.
  if (to.kind === 'semaphore' && !to.exclusive) return undefined;
  if (!from.exclusive && !to.exclusive) return undefined;
  if (from.instance === to.instance && from.instance !== UNKNOWN_INSTANCE) return 'reentry';
  if (from.instance === 'static' || to.instance === 'static') return undefined;
  return 'same-class';
}

/** A lock on an object that a module-level variable names: known to be that one object everywhere. */
function isNamedObject(lock: LockRef): boolean {
  return lock.instance.startsWith('var:');
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
