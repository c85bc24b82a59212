// Editor latency through the real language server (dist/server.js over stdio, spoken to
// as an editor does): a generated workspace with one module grown to 2,000 lines is
// opened, then edited N times; each edit is timed from the didChange notification to the
// publishDiagnostics for that version. The server waits `debounceMs` of quiet before it
// analyses, so the time the analysis itself adds is reported beside the raw figure.
// Hovers are answered from the published findings and timed the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspSession } from '../test/server/lspSession';
import { generateWorkspace, growModule } from './generateWorkspace';

/** How long to wait for one publish before giving up on the server. */
const WAIT_MS = 300_000;

export interface LatencyOptions {
  files: number;
  lines: number;
  edits: number;
  hovers: number;
  debounceMs: number;
}

export interface LatencyResult extends LatencyOptions {
  editedLines: number;
  /** From opening the file to its first diagnostics, with the project's load. */
  firstDiagnosticsMs: number;
  editMedianMs: number;
  editP90Ms: number;
  hoverMedianMs: number;
  diagnosticsPerEdit: number;
}

export async function measureEditorLatency(scratch: string, options: LatencyOptions): Promise<LatencyResult> {
  const corpus = generateWorkspace(path.join(scratch, 'latency'), options.files);
  const file = growModule(corpus, Math.floor(options.files / 2), options.lines);
  const original = fs.readFileSync(file, 'utf8');
  // A budget out of reach: a file over budget is re-checked only on save, and there would be nothing to time.
  const session = await LspSession.start({ workspace: corpus.root, debounceMs: options.debounceMs, settings: { fileTimeBudgetMs: WAIT_MS } });
  try {
    const uri = session.uri(file);
    const opened = performance.now();
    await whileRunning(session, session.open(uri, original, 1));
    const first = await whileRunning(
      session,
      session.diagnostics(uri, (p) => p.version === 1, WAIT_MS),
    );
    const firstDiagnosticsMs = performance.now() - opened;

    const editTimes: number[] = [];
    let diagnostics = 0;
    for (let edit = 1; edit <= options.edits; edit++) {
      const version = edit + 1;
      // A keystroke's worth of change inside a function body: the file re-parses and re-analyses.
      const text = original.replace('const total = order.total * 1.2;', `const total = order.total * 1.${edit + 2};`);
      const sent = performance.now();
      await whileRunning(session, session.change(uri, version, text));
      const published = await whileRunning(
        session,
        session.diagnostics(uri, (p) => p.version === version, WAIT_MS),
      );
      editTimes.push(performance.now() - sent);
      diagnostics = published.diagnostics.length;
    }

    const target = first.diagnostics[0]?.range.start ?? { line: 0, character: 0 };
    const hoverTimes: number[] = [];
    for (let hover = 0; hover < options.hovers; hover++) {
      const sent = performance.now();
      await whileRunning(session, session.hover(uri, target));
      hoverTimes.push(performance.now() - sent);
    }
    return {
      ...options,
      editedLines: original.split('\n').length,
      firstDiagnosticsMs,
      editMedianMs: percentile(editTimes, 0.5),
      editP90Ms: percentile(editTimes, 0.9),
      hoverMedianMs: percentile(hoverTimes, 0.5),
      diagnosticsPerEdit: diagnostics,
    };
  } finally {
    await session.dispose();
  }
}

/**
 * `work`, or an error as soon as the server is gone: a notification to a dead server never
 * settles, and without this the bench would end silently with nothing left to wait on.
 */
function whileRunning<T>(session: LspSession, work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const watch = setInterval(() => {
      if (session.isRunning) return;
      clearInterval(watch);
      reject(new Error(`The language server exited:\n${session.logs.slice(-10).join('\n')}`));
    }, 200);
    work.then(
      (value) => {
        clearInterval(watch);
        resolve(value);
      },
      (error: unknown) => {
        clearInterval(watch);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
