// The scheduler alone, with a recording analyse function: when analysis starts, in what
// order, and what a new edit does to a pass in progress.
import * as assert from 'node:assert/strict';
import { AnalysisScheduler, type AnalysisReason } from '../../src/server/analysisScheduler';

const DEBOUNCE_MS = 100;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds: robust on a busy machine, where fixed sleeps are not. */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

function recordingScheduler(onAnalyse: (uri: string, reason: AnalysisReason) => Promise<void> | void = () => undefined) {
  const runs: string[] = [];
  const logs: string[] = [];
  const scheduler = new AnalysisScheduler(
    DEBOUNCE_MS,
    async (uri, reason) => {
      runs.push(`${uri}:${reason}`);
      await onAnalyse(uri, reason);
    },
    (message) => logs.push(message),
  );
  return { scheduler, runs, logs };
}

describe('analysis scheduler', () => {
  it('waits for typing to pause, then analyses a burst of edits once', async () => {
    const { scheduler, runs } = recordingScheduler();
    for (let i = 0; i < 5; i++) {
      scheduler.documentEdited('a');
      await sleep(DEBOUNCE_MS / 10);
    }
    assert.deepEqual(runs, [], 'nothing runs while edits keep coming');
    await until(() => runs.length > 0);
    await sleep(DEBOUNCE_MS * 2);
    assert.deepEqual(runs, ['a:edited']);
    scheduler.dispose();
  });

  it('analyses edited documents before re-checks, each once', async () => {
    const { scheduler, runs } = recordingScheduler();
    scheduler.recheck(['b', 'c']);
    scheduler.documentEdited('a');
    scheduler.recheck(['a', 'b']);
    await until(() => runs.length >= 3);
    await sleep(DEBOUNCE_MS * 2);
    assert.deepEqual(runs, ['a:edited', 'b:recheck', 'c:recheck']);
    scheduler.dispose();
  });

  it('stops a pass when a new edit arrives, and finishes the work after the next pause', async () => {
    const { scheduler, runs } = recordingScheduler((uri) => {
      // The edit arrives while the first document is being analysed.
      if (uri === 'a' && runs.length === 1) scheduler.documentEdited('a');
    });
    scheduler.documentEdited('a');
    scheduler.recheck(['b']);
    await until(() => runs.length >= 1);
    // The edit restarted the quiet time, so nothing else can run for a while.
    await sleep(DEBOUNCE_MS / 2);
    assert.deepEqual(runs, ['a:edited'], 'b waits: a newer edit superseded this pass');
    await until(() => runs.length >= 3);
    assert.deepEqual(runs, ['a:edited', 'a:edited', 'b:recheck']);
    scheduler.dispose();
  });

  it('picks up re-checks queued during a pass in the same pass', async () => {
    const { scheduler, runs } = recordingScheduler((uri) => {
      if (uri === 'a') scheduler.recheck(['importer']);
    });
    scheduler.documentEdited('a');
    await until(() => runs.length >= 2);
    assert.deepEqual(runs, ['a:edited', 'importer:recheck']);
    scheduler.dispose();
  });

  it('logs a failing analysis and goes on with the next document', async () => {
    const { scheduler, runs, logs } = recordingScheduler((uri) => {
      if (uri === 'bad') throw new Error('rule exploded');
    });
    scheduler.recheck(['bad', 'good']);
    await until(() => runs.length >= 2);
    assert.deepEqual(runs, ['bad:recheck', 'good:recheck']);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^Analysis of bad failed: Error: rule exploded/);
    scheduler.dispose();
  });

  it('forgets a closed document', async () => {
    const { scheduler, runs } = recordingScheduler();
    scheduler.documentEdited('a');
    scheduler.forget('a');
    await sleep(DEBOUNCE_MS * 3);
    assert.deepEqual(runs, []);
    scheduler.dispose();
  });
});
