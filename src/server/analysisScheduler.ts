// When open documents are analysed. Typing restarts a quiet-time timer; when it runs out,
// documents are analysed one at a time, edited ones before those re-checked because an
// import or a setting changed. Between documents the scheduler yields to the event loop,
// so a new edit is seen at once and ends the pass: the latest edit wins and the rest of
// the superseded pass is never run (the work stays queued for the next pass).
//
// One analysis is synchronous and cannot be interrupted; what this bounds is everything
// around it.

export type AnalysisReason = 'edited' | 'recheck';

/** The quiet-time timer's clock: the system's, or a test's that it advances by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};

export class AnalysisScheduler {
  private readonly edited = new Set<string>();
  private readonly rechecks = new Set<string>();
  private timer: unknown;
  private editGeneration = 0;
  private running = false;
  private drainAgain = false;

  constructor(
    private readonly debounceMs: number,
    private readonly analyse: (uri: string, reason: AnalysisReason) => Promise<void>,
    private readonly log: (message: string) => void,
    private readonly timers: Timers = SYSTEM_TIMERS,
  ) {}

  /** The document's text changed: analyse it once typing pauses. */
  documentEdited(uri: string): void {
    this.rechecks.delete(uri);
    this.edited.add(uri);
    this.editGeneration++;
    this.restartTimer();
  }

  /** Documents whose inputs changed without an edit of their own. A running pass picks them up. */
  recheck(uris: Iterable<string>): void {
    let added = false;
    for (const uri of uris) {
      if (this.edited.has(uri) || this.rechecks.has(uri)) continue;
      this.rechecks.add(uri);
      added = true;
    }
    if (added && !this.running && !this.timer) this.restartTimer();
  }

  forget(uri: string): void {
    this.edited.delete(uri);
    this.rechecks.delete(uri);
  }

  dispose(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.edited.clear();
    this.rechecks.clear();
  }

  private restartTimer(): void {
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.debounceMs);
  }

  private async drain(): Promise<void> {
    if (this.running) {
      this.drainAgain = true;
      return;
    }
    this.running = true;
    try {
      const generation = this.editGeneration;
      for (let next = this.takeNext(); next; next = this.takeNext()) {
        try {
          await this.analyse(next.uri, next.reason);
        } catch (error) {
          // One failing document must not stop the others, nor the server.
          this.log(`Analysis of ${next.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        // Let queued notifications in: a didChange arriving now supersedes the rest of this pass.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.editGeneration !== generation) return;
      }
    } finally {
      this.running = false;
      if (this.drainAgain) {
        this.drainAgain = false;
        if (!this.timer) void this.drain();
      }
    }
  }

  private takeNext(): { uri: string; reason: AnalysisReason } | undefined {
    for (const [queue, reason] of [
      [this.edited, 'edited'],
      [this.rechecks, 'recheck'],
    ] as const) {
      const [uri] = queue;
      if (uri !== undefined) {
        queue.delete(uri);
        return { uri, reason };
      }
    }
    return undefined;
  }
}
