// Counts per rule and tier: what the labels say of this run's findings, which labelled
// true findings are gone, and how many of the peers' true findings Kitchen Sync also finds.
import type { Label, Matching, Verdict } from './labels';
import { PEER_RULES, type OurSite, type PeerSite } from './tools';

export interface Counts {
  findings: number;
  true: number;
  false: number;
  debatable: number;
  unread: number;
  /** Labelled true, and no longer found. */
  lost: number;
}

export interface PeerCounts extends Counts {
  /** True findings that a Kitchen Sync finding (either tier) covers. */
  covered: number;
}

export interface Tally {
  /** Keyed `rule` then `default` or `experimental`. */
  ours: Map<string, { default: Counts; experimental: Counts }>;
  peers: Map<string, PeerCounts>;
  lostTrue: Array<{ corpus: string; label: Label }>;
  missedPeerTrue: Array<{ corpus: string; site: PeerSite }>;
}

export function emptyTally(): Tally {
  return { ours: new Map(), peers: new Map(), lostTrue: [], missedPeerTrue: [] };
}

function emptyCounts(): Counts {
  return { findings: 0, true: 0, false: 0, debatable: 0, unread: 0, lost: 0 };
}

function count(counts: Counts, verdict: Verdict | undefined): void {
  counts.findings++;
  if (verdict === undefined || verdict === '?') counts.unread++;
  else counts[verdict]++;
}

export function addOurs(tally: Tally, corpus: string, matching: Matching<OurSite>): void {
  const row = (rule: string) => {
    let entry = tally.ours.get(rule);
    if (!entry) tally.ours.set(rule, (entry = { default: emptyCounts(), experimental: emptyCounts() }));
    return entry;
  };
  for (const { site, label } of matching.labelled) count(row(site.rule)[site.experimental ? 'experimental' : 'default'], label.verdict);
  for (const site of matching.unlabelled) count(row(site.rule)[site.experimental ? 'experimental' : 'default'], undefined);
  for (const label of matching.vanished) {
    if (label.verdict !== 'true') continue;
    row(label.rule).default.lost++;
    tally.lostTrue.push({ corpus, label });
  }
}

export function addPeers(tally: Tally, corpus: string, matching: Matching<PeerSite>, ours: readonly OurSite[]): void {
  const row = (rule: string) => {
    let entry = tally.peers.get(rule);
    if (!entry) tally.peers.set(rule, (entry = { ...emptyCounts(), covered: 0 }));
    return entry;
  };
  for (const { site, label } of matching.labelled) {
    count(row(site.rule), label.verdict);
    if (label.verdict !== 'true') continue;
    if (covers(ours, site)) row(site.rule).covered++;
    else tally.missedPeerTrue.push({ corpus, site });
  }
  for (const site of matching.unlabelled) count(row(site.rule), undefined);
}

/** A finding of the matching rule of ours whose range or related locations take in the peer's line. */
function covers(ours: readonly OurSite[], peer: PeerSite): boolean {
  const rule = PEER_RULES[peer.rule];
  return ours.some(
    (s) =>
      s.rule === rule &&
      ((s.path === peer.path && peer.line >= s.line && peer.line <= s.endLine) || s.locations.some((l) => l.path === peer.path && l.line === peer.line)),
  );
}

export function precision(c: Counts): number | undefined {
  return c.true + c.false === 0 ? undefined : c.true / (c.true + c.false);
}

export function debatableShare(c: Counts): number | undefined {
  const read = c.true + c.false + c.debatable;
  return read === 0 ? undefined : c.debatable / read;
}
