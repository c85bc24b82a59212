// `npm run lintcheck`: Kitchen Sync judged on real applications, as Clippy's lintcheck
// judges Clippy. Every default-tier finding of the pinned corpus has a label read by hand;
// the run prints precision per rule, labelled true findings that are gone, findings nobody
// has read yet, and how much of what the peer linters rightly find Kitchen Sync finds too.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArguments } from './arguments';
import { LINTCHECK_ROOT, readCorpora } from './corpus';
import type { FixSafety } from './fixSafety';
import { matchLabels, readLabels, writeLabels, type Label, type LabelledSite, type Matching } from './labels';
import { formatReport, type CorpusRun } from './report';
import { installDependencies, materialize } from './sources';
import { addOurs, addPeers, emptyTally } from './tally';
import { readKitchenSyncReport, runBiome, runEslint, runKitchenSync, type PeerSite } from './tools';

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2), process.env);
  const all = readCorpora();
  const unknown = options.corpora?.filter((name) => !all.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown corpus ${unknown.join(', ')}; the corpus has ${all.map((c) => c.name).join(', ')}`);
  const corpora = options.corpora ? all.filter((c) => options.corpora?.includes(c.name)) : all;

  // Reports are kept per build of the CLI, so a baseline and this build can be tallied side by side.
  const build = createHash('sha256').update(fs.readFileSync(options.cli)).digest('hex').slice(0, 12);
  const tally = emptyTally();
  const runs: CorpusRun[] = [];
  for (const corpus of corpora) {
    process.stderr.write(`${corpus.name}: ${corpus.repo}@${corpus.commit.slice(0, 12)}\n`);
    const { root, missing } = materialize(corpus, options.reposDir, options.cacheDir);
    const dependencies = options.install ? installDependencies(root) : undefined;
    const results = path.join(options.cacheDir, 'results', corpus.name);
    fs.mkdirSync(results, { recursive: true });

    const report = path.join(results, `kitchen-sync-${build}.json`);
    const ours = options.tallyOnly ? readKitchenSyncReport(root, report) : runKitchenSync(options.cli, root, corpus.analyse, report);
    const labelsFile = path.join(LINTCHECK_ROOT, 'labels', `${corpus.name}.tsv`);
    const labels = readLabels(labelsFile);
    const matching = matchLabels(ours.sites, labels);
    addOurs(tally, corpus.name, matching);
    if (options.addUnlabelled) writeLabels(labelsFile, [...labels, ...toRead(matching, options.sample, (s) => !s.experimental)]);

    let peers: PeerSite[] = [];
    if (options.peers) {
      peers = await peerSites(root, corpus.analyse, results, options.freshPeers);
      const peerFile = path.join(LINTCHECK_ROOT, 'labels', `${corpus.name}.peers.tsv`);
      const peerLabels = readLabels(peerFile);
      const peerMatching = matchLabels(peers, peerLabels);
      addPeers(tally, corpus.name, peerMatching, ours.sites);
      if (options.addUnlabelled) writeLabels(peerFile, [...peerLabels, ...toRead(peerMatching, options.sample, () => false)]);
    }

    let fixSafety: FixSafety | undefined;
    // Loaded only when asked for: it type-checks through the analyzer's own project loading.
    if (options.fixSafety)
      fixSafety = (await import('./fixSafety.js')).checkFixSafety(options.cli, root, corpus.analyse, path.join(options.cacheDir, 'fixed', corpus.name));
    runs.push({ corpus, ours, peers: peers.length, missingFiles: missing.length, dependencies, fixSafety });
  }

  const report = formatReport(runs, tally, options.peers);
  process.stdout.write(report);
  if (options.markdown) fs.writeFileSync(options.markdown, report);
  return 0;
}

/**
 * The peers' findings change only with the corpus commit and the peers' versions, which the
 * lock file pins: they are kept beside the results and reused, unless asked to run again.
 */
async function peerSites(root: string, folders: readonly string[], results: string, fresh: boolean): Promise<PeerSite[]> {
  const saved = path.join(results, 'peers.json');
  if (!fresh && fs.existsSync(saved)) return JSON.parse(fs.readFileSync(saved, 'utf8')) as PeerSite[];
  const sites = [...(await runEslint(root, folders)), ...runBiome(root, folders, results)];
  fs.writeFileSync(saved, JSON.stringify(sites));
  return sites;
}

/**
 * The findings to read next, as `?` rows: every one `always` accepts, and of the rest a
 * fixed sample per rule (the lowest fingerprints, so the sample does not move between runs),
 * counting the ones already labelled.
 */
function toRead<T extends LabelledSite>(matching: Matching<T>, sample: number, always: (site: T) => boolean): Label[] {
  const rows: Label[] = [];
  const sampled = new Map<string, number>();
  for (const { site } of matching.labelled) if (!always(site)) sampled.set(site.rule, (sampled.get(site.rule) ?? 0) + 1);
  const unread = [...matching.unlabelled].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : a.line - b.line));
  for (const site of unread) {
    if (!always(site)) {
      const taken = sampled.get(site.rule) ?? 0;
      if (taken >= sample) continue;
      sampled.set(site.rule, taken + 1);
    }
    rows.push({ rule: site.rule, path: site.path, line: site.line, fingerprint: site.fingerprint, verdict: '?', reason: '' });
  }
  return rows;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lintcheck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
