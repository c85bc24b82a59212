// When a crashed language server is started again. A crash can come from one odd file and
// a restart recovers (the editor still holds every unsaved edit and sends the open
// documents to the new server); crashing again and again means a restart will not help.

export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly windowMs: number,
  ) {}

  /** Records a crash at `now` and says whether to restart: at most `maxRestarts` within any `windowMs`. */
  shouldRestart(now: number): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.maxRestarts;
  }
}
