// The bench's report as Markdown tables (they paste into an issue as they are), each
// target beside the number it judges.
import type { BenchReport, CorpusResult } from './runBench';
import type { ToolRun } from './toolRuns';
import { WIDE_AWAIT_TARGETS, type WideAwaitRun } from './wideAwaitGroups';

export const TARGETS = {
  timeVsTsc: 0.6,
  speedupVsEslint: 3,
  rssVsTsc: 1,
  editMs: 100,
  hoverMs: 10,
};

const seconds = (run: ToolRun | undefined): string => (run ? (run.wallMs / 1000).toFixed(1) : '–');
const megabytes = (run: ToolRun | undefined): string => (run?.peakRssMb === undefined ? '–' : run.peakRssMb.toFixed(0));
const filesPerSecond = (run: ToolRun | undefined, files: number): string => (run ? (files / (run.wallMs / 1000)).toFixed(0) : '–');
const ratio = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`);
const verdict = (met: boolean | undefined): string => (met === undefined ? '' : met ? ' ✓' : ' ✗');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function ratios(result: CorpusResult): { timeVsTsc?: number; eslintVsOurs?: number; rssVsTsc?: number } {
  const { runs } = result;
  const ours = runs['kitchen-sync'];
  return {
    timeVsTsc: ours && runs.tsc ? ours.wallMs / runs.tsc.wallMs : undefined,
    eslintVsOurs: ours && runs.eslint ? runs.eslint.wallMs / ours.wallMs : undefined,
    rssVsTsc: ours?.peakRssMb && runs.tsc?.peakRssMb ? ours.peakRssMb / runs.tsc.peakRssMb : undefined,
  };
}

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const load = (values: number[]): string => values.map((v) => v.toFixed(2)).join(', ');
  out.push(
    `Kitchen Sync bench, ${report.startedAt}: ${report.cpus} CPUs, Node ${report.node}, load average ${load(report.loadAverageBefore)} before, ${load(report.loadAverageAfter)} after.`,
  );

  out.push('', '### Whole-workspace analysis: wall time', '');
  out.push(
    table(
      [
        'corpus',
        'files',
        'lines',
        'kitchen-sync s',
        'tsc --noEmit s',
        'ESLint s',
        `ours/tsc (≤ ${TARGETS.timeVsTsc})`,
        `ESLint/ours (≥ ${TARGETS.speedupVsEslint})`,
        'files/s ours · tsc · ESLint',
      ],
      report.corpora.map((result) => {
        const { corpus, runs } = result;
        const r = ratios(result);
        return [
          corpus.name,
          String(corpus.fileCount),
          String(corpus.lineCount),
          seconds(runs['kitchen-sync']),
          seconds(runs.tsc),
          seconds(runs.eslint),
          `${ratio(r.timeVsTsc)}${verdict(r.timeVsTsc === undefined ? undefined : r.timeVsTsc <= TARGETS.timeVsTsc)}`,
          `${ratio(r.eslintVsOurs)}${verdict(r.eslintVsOurs === undefined ? undefined : r.eslintVsOurs >= TARGETS.speedupVsEslint)}`,
          [runs['kitchen-sync'], runs.tsc, runs.eslint].map((run) => filesPerSecond(run, corpus.fileCount)).join(' · '),
        ];
      }),
    ),
  );

  out.push('', '### Peak memory (RSS) and what each tool reported', '');
  out.push(
    table(
      [
        'corpus',
        'kitchen-sync MB',
        'tsc MB',
        'ESLint MB',
        `RSS ours/tsc (≤ ${TARGETS.rssVsTsc})`,
        'our findings',
        'files over time budget',
        'tsc errors',
        'ESLint messages',
      ],
      report.corpora.map((result) => {
        const { corpus, runs } = result;
        const r = ratios(result);
        return [
          corpus.name,
          megabytes(runs['kitchen-sync']),
          megabytes(runs.tsc),
          megabytes(runs.eslint),
          `${ratio(r.rssVsTsc)}${verdict(r.rssVsTsc === undefined ? undefined : r.rssVsTsc <= TARGETS.rssVsTsc)}`,
          String(runs['kitchen-sync']?.reported ?? '–'),
          String(runs['kitchen-sync']?.skipped ?? '–'),
          String(runs.tsc?.reported ?? '–'),
          String(runs.eslint?.reported ?? '–'),
        ];
      }),
    ),
  );

  const generated = report.corpora.filter((c) => c.generated).sort((a, b) => a.corpus.fileCount - b.corpus.fileCount);
  if (generated.length > 1) {
    const base = generated[0];
    const perFile = (result: CorpusResult, tool: 'kitchen-sync' | 'tsc'): number | undefined => {
      const run = result.runs[tool];
      return run ? run.wallMs / result.corpus.fileCount : undefined;
    };
    out.push('', `### Growth on the generated workspace (per-file cost relative to ${base.corpus.fileCount} files; 1.00× is linear)`, '');
    out.push(
      table(
        ['files', 'kitchen-sync ms/file', 'growth', 'tsc ms/file', 'growth', 'kitchen-sync MB', 'MB growth per file'],
        generated.map((result) => {
          const ours = perFile(result, 'kitchen-sync');
          const tsc = perFile(result, 'tsc');
          const oursBase = perFile(base, 'kitchen-sync');
          const tscBase = perFile(base, 'tsc');
          const rss = result.runs['kitchen-sync']?.peakRssMb;
          const rssBase = base.runs['kitchen-sync']?.peakRssMb;
          return [
            String(result.corpus.fileCount),
            ours?.toFixed(1) ?? '–',
            ratio(ours && oursBase ? ours / oursBase : undefined),
            tsc?.toFixed(1) ?? '–',
            ratio(tsc && tscBase ? tsc / tscBase : undefined),
            rss?.toFixed(0) ?? '–',
            ratio(rss && rssBase ? rss / result.corpus.fileCount / (rssBase / base.corpus.fileCount) : undefined),
          ];
        }),
      ),
    );
  }

  if (report.latency) {
    const l = report.latency;
    out.push(
      '',
      `### Editor latency through the language server (${l.files} files, a ${l.editedLines}-line file, ${l.edits} edits, debounce ${l.debounceMs} ms)`,
      '',
    );
    out.push(
      table(
        ['measure', 'value', 'target'],
        [
          ['first diagnostics after opening (project load included)', `${l.firstDiagnosticsMs.toFixed(0)} ms`, ''],
          ['edit → fresh diagnostics, median, raw', `${l.editMedianMs.toFixed(0)} ms`, ''],
          [
            'edit → fresh diagnostics, median, minus debounce',
            `${(l.editMedianMs - l.debounceMs).toFixed(0)} ms`,
            `< ${TARGETS.editMs} ms${verdict(l.editMedianMs - l.debounceMs < TARGETS.editMs)}`,
          ],
          ['edit → fresh diagnostics, 90th percentile, raw', `${l.editP90Ms.toFixed(0)} ms`, ''],
          [`hover, median of ${l.hovers}`, `${l.hoverMedianMs.toFixed(1)} ms`, `< ${TARGETS.hoverMs} ms${verdict(l.hoverMedianMs < TARGETS.hoverMs)}`],
          ['diagnostics in the edited file', String(l.diagnosticsPerEdit), ''],
        ],
      ),
    );
  }

  if (report.fixSafety.length > 0) {
    out.push('', '### Fix safety (`--fix` on a scratch copy, then `tsc --noEmit`)', '');
    out.push(
      table(
        ['corpus', 'fixes applied', 'files fixed', 'new type errors (target 0)'],
        report.fixSafety.map((f) => [
          f.corpus,
          String(f.fixesApplied),
          String(f.filesFixed),
          `${f.newTypeErrors.length}${verdict(f.newTypeErrors.length === 0)}`,
        ]),
      ),
    );
    for (const f of report.fixSafety) for (const error of f.newTypeErrors.slice(0, 10)) out.push(`- ${f.corpus}: ${error}`);
  }

  if (report.wideAwaits.length > 0) out.push('', ...wideAwaitTable(report.wideAwaits));
  if (report.lockGraphScaling !== undefined)
    out.push('', '### Lock graph scaling (bench/lockGraphScaling.ts)', '', '```', report.lockGraphScaling.trimEnd(), '```');
  return `${out.join('\n')}\n`;
}

/** Per-await cost of each size against the smallest, measured in the same run: 1.00× is linear. */
function wideAwaitTable(runs: readonly WideAwaitRun[]): string[] {
  const [reference] = runs;
  const largest = runs[runs.length - 1];
  const perAwait = (run: WideAwaitRun, value: number): number => value / run.awaits;
  const rows = runs.map((run) => [
    String(run.awaits),
    (run.wallMs / 1000).toFixed(1),
    perAwait(run, run.wallMs).toFixed(2),
    ratio(perAwait(run, run.wallMs) / perAwait(reference, reference.wallMs)),
    run.peakRssMb === undefined ? '–' : run.peakRssMb.toFixed(0),
    run.peakRssMb === undefined ? '–' : ((run.peakRssMb * 1024) / run.awaits).toFixed(1),
    (run.outputBytes / 1024).toFixed(0),
    perAwait(run, run.outputBytes).toFixed(0),
    ratio(perAwait(run, run.outputBytes) / perAwait(reference, reference.outputBytes)),
    `${run.findings ?? '–'} (exit ${run.exitCode})`,
  ]);
  const withinTime = largest.wallMs / 1000 <= WIDE_AWAIT_TARGETS.largestSeconds;
  const withinMemory = largest.peakRssMb !== undefined && largest.peakRssMb <= WIDE_AWAIT_TARGETS.largestRssMb;
  return [
    `### One function with N independent awaits (sequential-await's worst case; per-await cost against ${reference.awaits} awaits, 1.00× is linear)`,
    '',
    table(
      ['awaits', 'time (s)', 'ms per await', 'vs reference', 'peak RSS (MB)', 'KB per await', 'JSON (KB)', 'bytes per await', 'vs reference', 'findings'],
      rows,
    ),
    '',
    `${largest.awaits} awaits: ${(largest.wallMs / 1000).toFixed(1)} s (target ≤ ${WIDE_AWAIT_TARGETS.largestSeconds} s)${verdict(withinTime)}, ${largest.peakRssMb?.toFixed(0) ?? '?'} MB (target ≤ ${WIDE_AWAIT_TARGETS.largestRssMb} MB)${verdict(withinMemory)}.`,
  ];
}
