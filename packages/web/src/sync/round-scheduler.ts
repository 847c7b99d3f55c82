/**
 * When sync rounds run: at once on start, then every interval while the page is visible and
 * no live stream feeds the sync. A round asked for while one runs follows it, once, however
 * many times it was asked.
 */
export class RoundScheduler {
  private started = false;
  /** A stream feeds the sync: no polling rounds while it holds. */
  private live = false;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  get isStarted(): boolean {
    return this.started;
  }

  get isLive(): boolean {
    return this.live;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    void this.refresh();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** When the stream stops, a round runs at once for whatever it missed, and polling resumes. */
  setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    if (live) clearTimeout(this.timer);
    else if (this.started) void this.refresh();
  }

  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.runRounds().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** A live stream brings what a round would find by itself. */
  refreshIfPolling(): void {
    if (!this.live) void this.refresh();
  }

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'visible') {
      if (!this.live) void this.refresh();
    }
    else clearTimeout(this.timer);
  };

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.started || this.live || document.visibilityState !== 'visible') return;
    this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  private async runRounds(): Promise<void> {
    do {
      this.again = false;
      await this.round();
    } while (this.again && this.started);
  }
}

/**
 * Runs work one call at a time, in the order asked: rounds and stream frames change the same
 * state across awaits. A failure does not stop the work queued after it.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };
}
