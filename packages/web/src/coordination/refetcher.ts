/**
 * Runs a load at most once at a time, coalescing requests: a burst of stream frames becomes
 * one request shortly after the first, and a request during a load runs one more after it.
 */
export class Refetcher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly load: () => Promise<void>,
    private readonly debounceMs: number,
  ) {}

  /** Loads soon, once however many times it is asked before then. */
  request(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.now();
    }, this.debounceMs);
  }

  /** Loads now, or once more right after the load in progress. */
  now(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Accepts requests again after {@link stop}. */
  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
