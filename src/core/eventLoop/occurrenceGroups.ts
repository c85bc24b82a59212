// One finding per place. A call into a helper can reach several heavy sites, and each would
// be reported at that call in the same words; both event-loop rules report the place once,
// led by its most severe site, with the others among the related locations.
import type { RelatedLocation } from '../finding';
import type { BlockingOccurrence } from './blockingWork';
import type { HeavyKind } from './callGraph';
import { compareCosts } from './costModel';
import { siteMarker } from './occurrenceFacts';

/** The occurrences `include` accepts, by where they are underlined. */
export function groupedByPosition(occurrences: readonly BlockingOccurrence[], include: (occurrence: BlockingOccurrence) => boolean): BlockingOccurrence[][] {
  const groups = new Map<string, BlockingOccurrence[]>();
  for (const occurrence of occurrences) {
    if (!include(occurrence)) continue;
    const marker = siteMarker(occurrence.at);
    const key = `${marker.getStart()}:${marker.getEnd()}`;
    const group = groups.get(key);
    if (group) group.push(occurrence);
    else groups.set(key, [occurrence]);
  }
  return [...groups.values()];
}

/** What holds the event loop longest comes first: for good, then until a clock says so, then 2^n, then a nest. */
const KIND_ORDER: readonly HeavyKind[] = ['endless-loop', 'busy-wait', 'recursion', 'loop', 'blocking-call'];

/**
 * The sites a finding speaks for, the one it leads with first: those that block on every
 * run and are certain, else those that block on every run, else those paid for once. The
 * finding takes their tier, so a less certain site never rides on a certain one. Among
 * them the heaviest leads, then the most direct.
 */
export function mostSevere(group: readonly BlockingOccurrence[]): BlockingOccurrence[] {
  const rank = (occurrence: BlockingOccurrence): number => (occurrence.site.runsOnce ? 2 : occurrence.site.experimental ? 1 : 0);
  const best = Math.min(...group.map(rank));
  const heavierFirst = (a: BlockingOccurrence, b: BlockingOccurrence): number => {
    const byKind = KIND_ORDER.indexOf(a.site.kind) - KIND_ORDER.indexOf(b.site.kind);
    return byKind || (a.site.cost && b.site.cost ? compareCosts(b.site.cost, a.site.cost) : 0);
  };
  const byPosition = (a: BlockingOccurrence, b: BlockingOccurrence): number =>
    a.chain.length - b.chain.length || a.site.node.getStart() - b.site.node.getStart();
  return group.filter((occurrence) => rank(occurrence) === best).sort((a, b) => heavierFirst(a, b) || byPosition(a, b));
}

export function distinctRelated(related: readonly RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter((location) => {
    const key = `${location.file}:${location.range.start.line}:${location.range.start.character}:${location.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
