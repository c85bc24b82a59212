// The scheduler alone, with a recording analyse function and a clock the test advances by
// hand: when analysis starts, in what order, and what a new edit does to a pass in progress.
// No real time passes, so a busy machine cannot change what the tests see.
import * as assert from 'node:assert/strict';
import { AnalysisScheduler, type AnalysisReason, type Timers } from '../../src/server/analysisScheduler';

const DEBOUNCE_MS = 100;

/** Timers that fire only when the test advances the clock past them, in the order they are due. */
class FakeClock implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock on by `ms`, firing each timer due on the way and letting the work it starts settle. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      const [id, timer] = due;
      this.pending.delete(id);
      this.now = timer.at;
      timer.callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

/** Lets a pass run to its end: each document awaits the analysis, then yields to the event loop once. */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function recordingScheduler(onAnalyse: (uri: string, reason: AnalysisReason) => Promise<void> | void = () => undefined) {
  const runs: string[] = [];
  const logs: string[] = [];
  const clock = new FakeClock();
  const scheduler = new AnalysisScheduler(
    DEBOUNCE_MS,
    async (uri, reason) => {
      runs.push(`${uri}:${reason}`);
      await onAnalyse(uri, reason);
    },
    (message) => logs.push(message),
    clock,
  );
  return { scheduler, runs, logs, clock };
}

describe('analysis scheduler', () => {
  it('waits for typing to pause, then analyses a burst of edits once', async () => {
    const { scheduler, runs, clock } = recordingScheduler();
    for (let i = 0; i < 5; i++) {
      scheduler.documentEdited('a');
      await clock.advance(DEBOUNCE_MS / 2);
    }
    assert.deepEqual(runs, [], 'nothing runs while edits keep coming');
    await clock.advance(DEBOUNCE_MS / 2);
    assert.deepEqual(runs, ['a:edited'], 'the quiet time ran out once');
    await clock.advance(DEBOUNCE_MS * 3);
    assert.deepEqual(runs, ['a:edited']);
    scheduler.dispose();
  });

  it('analyses edited documents before re-checks, each once', async () => {
    const { scheduler, runs, clock } = recordingScheduler();
    scheduler.recheck(['b', 'c']);
    scheduler.documentEdited('a');
    scheduler.recheck(['a', 'b']);
    await clock.advance(DEBOUNCE_MS);
    assert.deepEqual(runs, ['a:edited', 'b:recheck', 'c:recheck']);
    await clock.advance(DEBOUNCE_MS * 3);
    assert.deepEqual(runs, ['a:edited', 'b:recheck', 'c:recheck']);
    scheduler.dispose();
  });

  it('stops a pass when a new edit arrives, and finishes the work after the next pause', async () => {
    const { scheduler, runs, clock } = recordingScheduler((uri) => {
      // The edit arrives while the first document is being analysed.
      if (uri === 'a' && runs.length === 1) scheduler.documentEdited('a');
    });
    scheduler.documentEdited('a');
    scheduler.recheck(['b']);
    await clock.advance(DEBOUNCE_MS);
    assert.deepEqual(runs, ['a:edited'], 'b waits: a newer edit superseded this pass');
    // The edit restarted the quiet time: nothing runs until it has passed again.
    await clock.advance(DEBOUNCE_MS - 1);
    assert.deepEqual(runs, ['a:edited']);
    await clock.advance(1);
    assert.deepEqual(runs, ['a:edited', 'a:edited', 'b:recheck']);
    scheduler.dispose();
  });

  it('picks up re-checks queued during a pass in the same pass', async () => {
    const { scheduler, runs, clock } = recordingScheduler((uri) => {
      if (uri === 'a') scheduler.recheck(['importer']);
    });
    scheduler.documentEdited('a');
    await clock.advance(DEBOUNCE_MS);
    assert.deepEqual(runs, ['a:edited', 'importer:recheck']);
    scheduler.dispose();
  });

  it('logs a failing analysis and goes on with the next document', async () => {
    const { scheduler, runs, logs, clock } = recordingScheduler((uri) => {
      if (uri === 'bad') throw new Error('rule exploded');
    });
    scheduler.recheck(['bad', 'good']);
    await clock.advance(DEBOUNCE_MS);
    assert.deepEqual(runs, ['bad:recheck', 'good:recheck']);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^Analysis of bad failed: Error: rule exploded/);
    scheduler.dispose();
  });

  it('forgets a closed document', async () => {
    const { scheduler, runs, clock } = recordingScheduler();
    scheduler.documentEdited('a');
    scheduler.forget('a');
    await clock.advance(DEBOUNCE_MS * 3);
    assert.deepEqual(runs, []);
    scheduler.dispose();
  });

  it('runs nothing once disposed, though the quiet time was running', async () => {
    const { scheduler, runs, clock } = recordingScheduler();
    scheduler.documentEdited('a');
    scheduler.dispose();
    await clock.advance(DEBOUNCE_MS * 3);
    assert.deepEqual(runs, []);
  });
});
