// The bench's runner, on a tiny generated workspace: every tool runs to its normal end and
// the report has every row and table. Numbers are not judged here: this machine's timing
// says nothing about the code (`npm run bench` is the measurement).
import * as assert from 'node:assert/strict';
import { formatReport } from '../../bench/formatReport';
import { SMOKE_OPTIONS } from '../../bench/run';
import { DEFAULT_OPTIONS, runBench, type BenchReport } from '../../bench/runBench';
import { finishedNormally } from '../../bench/toolRuns';
import { buildCliOnce } from '../cli/cliHarness';

describe('bench (smoke run)', function () {
  this.timeout(600_000);
  let report: BenchReport;
  let table: string;

  before(async () => {
    buildCliOnce();
    report = await runBench({ ...DEFAULT_OPTIONS, ...SMOKE_OPTIONS, log: () => undefined });
    table = formatReport(report);
  });

  it('runs every tool on every generated size, each to its normal end with a peak RSS', () => {
    assert.deepEqual(
      report.corpora.map((c) => [c.corpus.name, c.corpus.fileCount]),
      [
        ['generated 20', 20],
        ['generated 40', 40],
      ],
    );
    for (const { corpus, runs } of report.corpora) {
      assert.deepEqual(Object.keys(runs), ['kitchen-sync', 'tsc', 'eslint'], corpus.name);
      for (const run of Object.values(runs)) {
        assert.ok(finishedNormally(run), `${corpus.name}: ${run.tool} exited with ${run.exitCode}: ${run.stderr}`);
        assert.ok(run.wallMs > 0 && run.peakRssMb !== undefined && run.peakRssMb > 10, `${corpus.name}: ${run.tool} has no measurements`);
      }
      // The generated code has something for each tool to report, and type-checks cleanly.
      assert.ok((runs['kitchen-sync']?.reported ?? 0) > 0, `${corpus.name}: no findings`);
      assert.equal(runs.tsc?.reported, 0, runs.tsc?.stdout);
      assert.ok((runs.eslint?.reported ?? 0) > 0, `${corpus.name}: no ESLint messages`);
    }
  });

  it('measures editor latency and fix safety', () => {
    assert.ok(report.latency && report.latency.edits === 2 && report.latency.editMedianMs > 0 && report.latency.hoverMedianMs > 0);
    assert.ok(report.latency.diagnosticsPerEdit > 0, 'the edited file has diagnostics');
    assert.equal(report.fixSafety.length, 1);
    assert.ok(report.fixSafety[0].fixesApplied > 0, 'fixes were applied');
    assert.deepEqual(report.fixSafety[0].newTypeErrors, []);
  });

  it('prints every table with a row per corpus and per measure', () => {
    for (const heading of [
      '### Whole-workspace analysis: wall time',
      '### Peak memory (RSS)',
      '### Growth on the generated workspace',
      '### Editor latency',
      '### Fix safety',
    ]) {
      assert.ok(table.includes(heading), `missing "${heading}" in:\n${table}`);
    }
    assert.equal(table.match(/^\| generated 20 \|/gm)?.length, 3, table); // time, memory, fix safety
    assert.equal(table.match(/^\| generated 40 \|/gm)?.length, 2, table);
    assert.match(table, /^\| 40 \| [\d.]+ \| [\d.]+× \| [\d.]+ \| [\d.]+× \| \d+ \| [\d.]+× \|$/m);
    for (const measure of ['edit → fresh diagnostics, median, raw', 'edit → fresh diagnostics, median, minus debounce', 'hover, median of 3']) {
      assert.match(table, new RegExp(`^\\| ${measure} \\| [\\d.-]+ ms \\|`, 'm'));
    }
    assert.match(table, /^\| generated 20 \| \d+ \| \d+ \| 0 ✓ \|$/m);
  });

  it("grows one function's awaits and judges the largest against its targets", () => {
    assert.deepEqual(
      report.wideAwaits.map((run) => [run.awaits, run.findings, run.exitCode]),
      [
        [100, 2, 1],
        [200, 4, 1],
      ],
    );
    assert.ok(table.includes('### One function with N independent awaits'), table);
    assert.match(table, /^\| 100 \| [\d.]+ \| [\d.]+ \| 1\.00× \| \d+ \| [\d.]+ \| \d+ \| \d+ \| 1\.00× \| 2 \(exit 1\) \|$/m);
    assert.match(table, /^200 awaits: [\d.]+ s \(target ≤ 20 s\) [✓✗], \d+ MB \(target ≤ 1024 MB\) [✓✗]\.$/m);
  });
});
