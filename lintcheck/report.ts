// The lintcheck tables, in Markdown, so the same text serves the terminal and the docs.
import type { Corpus } from './corpus';
import type { FixSafety } from './fixSafety';
import type { InstallOutcome } from './sources';
import { debatableShare, precision, type Tally } from './tally';
import { PEER_RULES, type OurRun } from './tools';

export interface CorpusRun {
  corpus: Corpus;
  ours: OurRun;
  peers: number;
  missingFiles: number;
  dependencies: InstallOutcome | undefined;
  fixSafety: FixSafety | undefined;
}

const PRECISION_TARGET = { default: 0.9, experimental: 0.6 };
const DEBATABLE_LIMIT = 0.15;
const RECALL_TARGET = 0.9;

export function formatReport(runs: readonly CorpusRun[], tally: Tally, withPeers: boolean): string {
  const out: string[] = [];
  out.push(
    '### Corpus',
    '',
    '| corpus | kind | files analysed | seconds | default findings | experimental findings | problems | files absent from the copy | dependencies |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const run of runs) {
    const tiers = run.ours.sites.reduce((n, s) => n + (s.experimental ? 0 : 1), 0);
    out.push(
      `| ${run.corpus.name} | ${run.corpus.kind} | ${run.ours.filesAnalysed} | ${run.ours.seconds?.toFixed(0) ?? '–'} | ${tiers} | ${run.ours.sites.length - tiers} | ${run.ours.problems.length} | ${run.missingFiles} | ${dependencies(run.dependencies)} |`,
    );
  }

  for (const tier of ['default', 'experimental'] as const) {
    out.push(
      '',
      `### Kitchen Sync, ${tier} tier`,
      '',
      '| rule | findings | true | false | debatable | unread | precision | debatable share | true findings lost |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const [rule, counts] of [...tally.ours].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const c = counts[tier];
      if (c.findings === 0 && c.lost === 0) continue;
      out.push(
        `| ${rule.replace('kitchen-sync/', '')} | ${c.findings} | ${c.true} | ${c.false} | ${c.debatable} | ${c.unread} | ${judged(precision(c), PRECISION_TARGET[tier], '≥')} | ${judged(debatableShare(c), DEBATABLE_LIMIT, '≤')} | ${c.lost} |`,
      );
    }
  }

  if (withPeers) {
    out.push(
      '',
      "### Peers (labelled sample) and Kitchen Sync's recall of their true findings",
      '',
      '| peer rule | findings | true | false | debatable | unread | precision | our rule | true found by us |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const [rule, c] of [...tally.peers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const recall = c.true === 0 ? undefined : c.covered / c.true;
      out.push(
        `| ${rule} | ${c.findings} | ${c.true} | ${c.false} | ${c.debatable} | ${c.unread} | ${percent(precision(c))} | ${PEER_RULES[rule].replace('kitchen-sync/', '')} | ${c.covered} of ${c.true} ${judged(recall, RECALL_TARGET, '≥')} |`,
      );
    }
  }

  if (runs.some((r) => r.fixSafety)) {
    out.push(
      '',
      '### Fix safety (`--fix` on a copy, each changed file type-checked before and after)',
      '',
      '| corpus | fixes applied | files changed | new type errors |',
      '|---|---|---|---|',
    );
    for (const run of runs) {
      if (run.fixSafety)
        out.push(`| ${run.corpus.name} | ${run.fixSafety.fixesApplied} | ${run.fixSafety.filesFixed.length} | ${run.fixSafety.newTypeErrors.length} |`);
    }
    for (const run of runs) for (const error of run.fixSafety?.newTypeErrors ?? []) out.push(`- ${run.corpus.name}: ${error}`);
  }

  if (tally.lostTrue.length > 0) {
    out.push('', '### Labelled true findings no longer reported', '');
    for (const { corpus, label } of tally.lostTrue) out.push(`- ${corpus} ${label.rule} ${label.path}:${label.line}: ${label.reason}`);
  }
  if (tally.missedPeerTrue.length > 0) {
    out.push('', "### Peers' true findings Kitchen Sync does not report", '');
    for (const { corpus, site } of tally.missedPeerTrue) out.push(`- ${corpus} ${site.rule} ${site.path}:${site.line}`);
  }
  const unread = [...tally.ours.values()].reduce((n, c) => n + c.default.unread, 0);
  if (unread > 0)
    out.push('', `${unread} default-tier findings are not labelled yet: \`npm run lintcheck -- --add-unlabelled\` adds them to the labels files to be read.`);
  return `${out.join('\n')}\n`;
}

function dependencies(outcome: InstallOutcome | undefined): string {
  if (outcome === undefined) return 'not installed (--no-install)';
  if (outcome.installed) return `installed (${outcome.manager})`;
  return `not installed (${outcome.manager}): ${outcome.detail.replace(/\|/g, '/')}`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${Math.round(value * 100)} %`;
}

function judged(value: number | undefined, target: number, direction: '≥' | '≤'): string {
  if (value === undefined) return '–';
  const met = direction === '≥' ? value >= target : value <= target;
  return `${percent(value)} ${met ? '✓' : '✗'}`;
}
