// Labels: a person's verdict on one finding, read in context. One tab-separated file per
// corpus, a row per finding: tool and rule, path, line, a fingerprint of the code, verdict,
// reason. The fingerprint is a hash of the rule and the finding's first line of code with
// its white space folded, so a label still finds its finding when lines move above it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

export type Verdict = 'true' | 'false' | 'debatable' | '?';
const VERDICTS: readonly Verdict[] = ['true', 'false', 'debatable', '?'];

/** One finding of any tool, reduced to what labels are matched on. */
export interface LabelledSite {
  /** `kitchen-sync/<rule>`, `eslint/<rule>`, `biome/<rule>`. */
  rule: string;
  /** Relative to the corpus root, with forward slashes. */
  path: string;
  /** One-based. */
  line: number;
  fingerprint: string;
}

export interface Label extends LabelledSite {
  verdict: Verdict;
  reason: string;
}

const HEADER = '# rule\tpath\tline\tfingerprint\tverdict\treason';

export function fingerprint(rule: string, lineText: string): string {
  const folded = lineText.trim().replace(/\s+/g, ' ');
  return createHash('sha256').update(`${rule}\0${folded}`).digest('hex').slice(0, 10);
}

export function readLabels(file: string): Label[] {
  if (!fs.existsSync(file)) return [];
  const labels: Label[] = [];
  for (const [index, row] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    if (row.trim() === '' || row.startsWith('#')) continue;
    const [rule, path, line, print, verdict, ...reason] = row.split('\t');
    if (!VERDICTS.includes(verdict as Verdict) || !/^\d+$/.test(line ?? '')) {
      throw new Error(`${file}:${index + 1}: expected rule, path, line, fingerprint, verdict (${VERDICTS.join('/')}), reason`);
    }
    labels.push({ rule, path, line: Number(line), fingerprint: print, verdict: verdict as Verdict, reason: reason.join(' ').trim() });
  }
  return labels;
}

export function writeLabels(file: string, labels: readonly Label[]): void {
  const sorted = [...labels].sort((a, b) => compare(a.path, b.path) || a.line - b.line || compare(a.rule, b.rule));
  const rows = sorted.map((l) => [l.rule, l.path, String(l.line), l.fingerprint, l.verdict, l.reason].join('\t'));
  fs.writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
}

export interface Matching<T extends LabelledSite> {
  labelled: Array<{ site: T; label: Label }>;
  unlabelled: T[];
  /** Labels whose finding is gone. */
  vanished: Label[];
}

/**
 * Pairs each site with a label of the same rule, path and fingerprint, the nearest line
 * first; a label serves one site only, so two findings on identical lines need two labels.
 */
export function matchLabels<T extends LabelledSite>(sites: readonly T[], labels: readonly Label[]): Matching<T> {
  const pool = new Map<string, Label[]>();
  for (const label of labels) {
    const key = keyOf(label);
    pool.set(key, [...(pool.get(key) ?? []), label]);
  }
  const result: Matching<T> = { labelled: [], unlabelled: [], vanished: [] };
  for (const site of sites) {
    const candidates = pool.get(keyOf(site)) ?? [];
    if (candidates.length === 0) {
      result.unlabelled.push(site);
      continue;
    }
    const nearest = candidates.reduce((best, l) => (Math.abs(l.line - site.line) < Math.abs(best.line - site.line) ? l : best));
    candidates.splice(candidates.indexOf(nearest), 1);
    result.labelled.push({ site, label: nearest });
  }
  for (const rest of pool.values()) result.vanished.push(...rest);
  return result;
}

function keyOf(site: LabelledSite): string {
  return `${site.rule}\0${site.path}\0${site.fingerprint}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
